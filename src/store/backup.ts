import Dexie from 'dexie';
import { z } from '../domain/zod';
import { absorbCopy } from '../domain/absorb';
import { SITE_NAMES } from '../domain/constants';
import { postKeyOf, profileOf, siteOfHost } from '../domain/identity';
import { mergePeople as mergeDomain } from '../domain/merge';
import { DAY } from '../domain/time';
import {
  Appointment,
  HandRaisePost,
  Person,
  Settings,
  Touch,
  type Appointment as AppointmentT,
  type HandRaisePost as HandRaisePostT,
  type Person as PersonT,
  type Settings as SettingsT,
  type Site,
  type SourceKind,
  type Touch as TouchT,
  LIMITS,
} from '../domain/types';
import type { HandraiserDB } from './db';
import { ImportError, type ImportProblem, fieldInWords, issueInWords } from './errors';
import { fromRow, toRow, type PersonRow } from './rows';
import { getSettings } from './settings';

export const BACKUP_FORMAT = 'handraiser-backup';
export const BACKUP_VERSION = 1;
/** The backup versions this Handraiser reads. */
export const SUPPORTED_VERSIONS: readonly number[] = [1];
/** How far after now a file's times may lie: a backup made on a computer whose clock ran ahead still imports. */
export const FILE_CLOCK_ALLOWANCE = DAY;
/** A next follow-up is at most one cadence step (365 days at most) after the last touch; further than that, the file made it up. */
const MAX_FOLLOW_UP_AHEAD = 366 * DAY;
/** Problems listed at most; the rest are counted. */
export const MAX_PROBLEMS = 100;

export interface BackupData {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: number;
  people: PersonT[];
  touches: TouchT[];
  appointments: AppointmentT[];
  handRaisePosts: HandRaisePostT[];
  settings: SettingsT;
}

/**
 * A checked file: settings are optional (older files may lack them). They are never applied by
 * the import: the options page shows how they differ and applies them only if the user asks.
 */
export interface ValidBackup extends Omit<BackupData, 'settings'> {
  settings?: SettingsT;
}

export interface ImportSummary {
  people: number;
  merged: number;
  touches: number;
  appointments: number;
  handRaisePosts: number;
}

/** Everything the user owns, as plain data: exporting then importing gives the same database. */
export async function exportJson(db: HandraiserDB, now: number): Promise<BackupData> {
  return db.transaction('r', [db.people, db.touches, db.appointments, db.handRaisePosts, db.settings], async () => {
    const [people, touches, appointments, handRaisePosts, settings] = await Promise.all([
      db.people.toArray(),
      db.touches.orderBy('at').toArray(),
      db.appointments.orderBy('at').toArray(),
      db.handRaisePosts.toArray(),
      getSettings(db),
    ]);
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: now,
      people: people.map(fromRow),
      touches,
      appointments,
      handRaisePosts,
      settings,
    };
  });
}

const Envelope = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number(),
  exportedAt: z.number().optional(),
  people: z.array(z.unknown()),
  touches: z.array(z.unknown()),
  appointments: z.array(z.unknown()),
  handRaisePosts: z.array(z.unknown()).optional(),
  settings: z.unknown().optional(),
});

function rowSentence(issue: z.core.$ZodIssue): string {
  const field = fieldInWords(issue.path);
  return `${field ? `The ${field}` : 'This row'} ${issueInWords(issue)}.`;
}

function nameOf(row: unknown): string | undefined {
  if (row && typeof row === 'object' && 'name' in row) {
    const n = (row).name;
    if (typeof n === 'string' && n.trim()) return n.trim().slice(0, 60);
  }
  return undefined;
}

class Problems {
  list: ImportProblem[] = [];
  total = 0;
  add(row: string, path: string, message: string) {
    this.total++;
    if (this.list.length < MAX_PROBLEMS) this.list.push({ row, path, message });
  }
}

/** The valid rows, and where each stands in the file (labels name rows by their place in the file). */
function validateRows<T>(
  rows: unknown[],
  schema: z.ZodType<T>,
  label: (i: number, row: unknown) => string,
  problems: Problems,
): { ok: T[]; at: number[] } {
  const ok: T[] = [];
  const at: number[] = [];
  rows.forEach((row, i) => {
    // Almost every row is valid: a plain parse is about a quarter cheaper per row than one with
    // { reportInput: true }, which only the messages need ("is missing" is told apart from a
    // wrong value by the reported input). So only a row that fails is parsed again, with it.
    const r = schema.safeParse(row);
    if (r.success) {
      ok.push(r.data);
      at.push(i);
      return;
    }
    const reported = schema.safeParse(row, { reportInput: true });
    for (const issue of (reported.error ?? r.error).issues) problems.add(label(i, row), fieldInWords(issue.path), rowSentence(issue));
  });
  return { ok, at };
}

const AT_A_SITE: ReadonlySet<SourceKind> = new Set(['comment', 'like', 'hand_raise_like', 'message']);
const isSite = (c: string): c is Site => Object.hasOwn(SITE_NAMES, c);
const shown = (url: string) => (url.length > 120 ? `${url.slice(0, 119)}…` : url);

function dayOf(at: number): string {
  return at < 8.64e15 ? new Date(at).toISOString().slice(0, 10) : 'far in the future';
}

/** Why a profile address is not the one its row names, by that site's own rules; null when it is. */
function profileProblem(idn: { site: Site; profileKey: string; profileUrl: string }): string | null {
  const ref = profileOf(idn.profileUrl);
  if (!ref || ref.site !== idn.site) return `is not a ${SITE_NAMES[idn.site]} profile: ${shown(idn.profileUrl)}`;
  if (ref.profileKey !== idn.profileKey) return `leads to another ${SITE_NAMES[idn.site]} profile than this row's: ${shown(idn.profileUrl)}`;
  return null;
}

/** Why a link to where something happened is not on the site its row names (`any`: some supported site); null when it is. */
function contextProblem(url: string | undefined, site: Site | 'any' | null): string | null {
  if (url === undefined || site === null) return null;
  let host: Site | null;
  try {
    host = siteOfHost(new URL(url).hostname);
  } catch {
    host = null;
  }
  if (site === 'any') return host ? null : `is not on a site Handraiser supports: ${shown(url)}`;
  return host === site ? null : `is not on ${SITE_NAMES[site]}, where this happened: ${shown(url)}`;
}

/**
 * The row schemas with what a file cannot be trusted with checked too: profile and context
 * links by each site's own rules (domain/identity), and times, which are never later than now
 * (a next follow-up: than one cadence step from now).
 */
function rowSchemas(now: number) {
  type Ctx = z.core.$RefinementCtx;
  const issue = (ctx: Ctx, path: (string | number)[], input: unknown, message: string) => ctx.addIssue({ code: 'custom', path, input, message });
  const past = (ctx: Ctx, path: (string | number)[], at: number | undefined) => {
    if (at !== undefined && at > now + FILE_CLOCK_ALLOWANCE) issue(ctx, path, at, `is in the future (${dayOf(at)})`);
  };
  return {
    person: Person.superRefine((p, ctx) => {
      p.identities.forEach((idn, i) => {
        const problem = profileProblem(idn);
        if (problem) issue(ctx, ['identities', i, 'profileUrl'], idn.profileUrl, problem);
      });
      p.sources.forEach((src, i) => {
        const problem = contextProblem(src.contextUrl, AT_A_SITE.has(src.kind) ? (src.site ?? 'any') : null);
        if (problem) issue(ctx, ['sources', i, 'contextUrl'], src.contextUrl, problem);
        past(ctx, ['sources', i, 'at'], src.at);
      });
      p.stageHistory.forEach((h, i) => past(ctx, ['stageHistory', i, 'at'], h.at));
      for (const k of ['createdAt', 'updatedAt', 'lastTouchAt', 'lastInboundAt', 'lastOutboundAt', 'cadenceFrom'] as const) past(ctx, [k], p[k]);
      if (p.nextFollowUpAt !== undefined && p.nextFollowUpAt > now + MAX_FOLLOW_UP_AHEAD) {
        issue(ctx, ['nextFollowUpAt'], p.nextFollowUpAt, `is further away than any cadence allows (${dayOf(p.nextFollowUpAt)})`);
      }
    }),
    touch: Touch.superRefine((t, ctx) => {
      const problem = contextProblem(t.contextUrl, isSite(t.channel) ? t.channel : null);
      if (problem) issue(ctx, ['contextUrl'], t.contextUrl, problem);
      past(ctx, ['at'], t.at);
    }),
    appointment: Appointment.superRefine((a, ctx) => past(ctx, ['createdAt'], a.createdAt)),
    post: HandRaisePost.superRefine((post, ctx) => {
      let site: Site | null;
      try {
        site = siteOfHost(new URL(post.url).hostname);
      } catch {
        site = null;
      }
      if (site !== post.site || postKeyOf(post.url) !== post.postKey) issue(ctx, ['url'], post.url, `is not the address of this ${SITE_NAMES[post.site]} post: ${shown(post.url)}`);
      past(ctx, ['markedAt'], post.markedAt);
    }),
  };
}

/** The profile addresses as the site's rules rebuild them (the check above found them equal in key and site). */
function rebuilt(p: PersonT): PersonT {
  return {
    ...p,
    identities: p.identities.map((idn) => {
      const ref = profileOf(idn.profileUrl)!;
      const { handle: _filed, ...rest } = idn;
      return ref.handle ? { ...rest, profileUrl: ref.canonicalUrl, handle: ref.handle.slice(0, LIMITS.handle) } : { ...rest, profileUrl: ref.canonicalUrl };
    }),
  };
}

/** Checks every row of a backup file, as of `now`; throws ImportError listing every problem. */
export function validateBackup(data: unknown, now: number): ValidBackup {
  const problems = new Problems();
  const env = Envelope.safeParse(data);
  if (!env.success) {
    const isObject = data !== null && typeof data === 'object';
    const format = isObject ? (data as { format?: unknown }).format : undefined;
    if (format !== BACKUP_FORMAT) {
      throw new ImportError([{ row: 'file', path: 'format', message: 'This is not a Handraiser backup file.' }]);
    }
    for (const issue of env.error.issues) problems.add('file', fieldInWords(issue.path), `The ${fieldInWords(issue.path)} ${issueInWords(issue)}.`);
    throw new ImportError(problems.list);
  }
  const e = env.data;
  if (!SUPPORTED_VERSIONS.includes(e.version)) {
    const newer = Number.isInteger(e.version) && e.version > Math.max(...SUPPORTED_VERSIONS);
    throw new ImportError([
      {
        row: 'file',
        path: 'version',
        message: newer
          ? 'This backup was made by a newer version of Handraiser. Update the extension, then import it again.'
          : `This file says it is a backup of version ${String(e.version).slice(0, 20)}, which no version of Handraiser has made, so it was not imported.`,
      },
    ]);
  }
  const rows = rowSchemas(now);
  const personLabel = (i: number, row: unknown) => {
    const n = nameOf(row);
    return `person ${i + 1}${n ? ` (${n})` : ''}`;
  };
  const checkedPeople = validateRows(e.people, rows.person, personLabel, problems);
  const people = checkedPeople.ok.map(rebuilt);
  const checkedTouches = validateRows(e.touches, rows.touch, (i) => `touch ${i + 1}`, problems);
  const touches = checkedTouches.ok;
  const checkedAppointments = validateRows(e.appointments, rows.appointment, (i) => `appointment ${i + 1}`, problems);
  const appointments = checkedAppointments.ok;
  const handRaisePosts = validateRows(e.handRaisePosts ?? [], rows.post, (i) => `hand-raise post ${i + 1}`, problems).ok;
  // People whose rows were refused above: their touches and appointments need no problem of their own.
  const refusedIds = new Set(e.people.flatMap((row) => (row && typeof row === 'object' && typeof (row as { id?: unknown }).id === 'string' ? [(row as { id: string }).id] : [])));
  for (const p of people) refusedIds.delete(p.id);
  const belongs = (personId: string) => personIds.has(personId) || refusedIds.has(personId);
  let settings: SettingsT | undefined;
  if (e.settings !== undefined) {
    const r = Settings.safeParse(e.settings, { reportInput: true });
    if (r.success) settings = r.data;
    else for (const issue of r.error.issues) problems.add('settings', fieldInWords(issue.path), `The ${fieldInWords(issue.path) || 'settings'} ${issueInWords(issue)}.`);
  }

  // Relations inside the file.
  const personIds = new Map<string, number>();
  const keyOwner = new Map<string, number>();
  people.forEach((p, n) => {
    const i = checkedPeople.at[n]!;
    if (personIds.has(p.id)) problems.add(personLabel(i, p), 'id', 'Two people in the file have the same id.');
    personIds.set(p.id, i);
    for (const id of p.identities) {
      const owner = keyOwner.get(id.profileKey);
      if (owner !== undefined && owner !== i) {
        problems.add(personLabel(i, p), 'profiles', `The same profile (${id.profileUrl}) also belongs to person ${owner + 1}.`);
      }
      keyOwner.set(id.profileKey, i);
    }
  });
  const touchIds = new Set<string>();
  const dedupeKeys = new Set<string>();
  touches.forEach((t, n) => {
    const i = checkedTouches.at[n]!;
    if (!belongs(t.personId)) problems.add(`touch ${i + 1}`, 'person', 'It belongs to a person who is not in the file.');
    if (touchIds.has(t.id)) problems.add(`touch ${i + 1}`, 'id', 'Two touches in the file have the same id.');
    touchIds.add(t.id);
    if (t.dedupeKey !== undefined) {
      if (dedupeKeys.has(t.dedupeKey)) problems.add(`touch ${i + 1}`, 'message id', 'The same message appears twice in the file.');
      dedupeKeys.add(t.dedupeKey);
    }
  });
  const apptIds = new Set<string>();
  appointments.forEach((a, n) => {
    const i = checkedAppointments.at[n]!;
    if (!belongs(a.personId)) problems.add(`appointment ${i + 1}`, 'person', 'It belongs to a person who is not in the file.');
    if (apptIds.has(a.id)) problems.add(`appointment ${i + 1}`, 'id', 'Two appointments in the file have the same id.');
    apptIds.add(a.id);
  });

  if (problems.total > 0) {
    if (problems.total > problems.list.length) {
      problems.list[problems.list.length - 1] = {
        row: 'file',
        path: '',
        message: `…and ${problems.total - problems.list.length + 1} more problems.`,
      };
    }
    throw new ImportError(problems.list);
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: e.exportedAt ?? 0,
    people,
    touches,
    appointments,
    handRaisePosts,
    ...(settings ? { settings } : {}),
  };
}

/**
 * Validates the whole file first, then writes it in one transaction: all or nothing.
 * A person whose profile (or id) is already here absorbs the file's copy (domain/absorb),
 * never doubled: importing one's own export, or the same file twice, changes nothing.
 * The file's settings are not applied here (see ValidBackup).
 */
export async function importJson(db: HandraiserDB, data: unknown, now: number): Promise<ImportSummary> {
  const backup = validateBackup(data, now);
  const summary: ImportSummary = { people: 0, merged: 0, touches: 0, appointments: 0, handRaisePosts: 0 };

  await db.transaction('rw', [db.people, db.touches, db.appointments, db.handRaisePosts, db.settings], async () => {
    // Optimistic first: everyone is added as new in one bulk write. An add is refused only when
    // the id or a profile is already here; those people (and only they) are then merged, in
    // file order. People added here cannot meet them: the file's ids and profiles are distinct.
    // The stored settings (what merges use) are read in the same transaction, alongside the adds.
    const [added, settings] = await Promise.all([addAllNew(db, backup.people), getSettings(db)]);
    const idMap = new Map<string, string>();
    backup.people.forEach((p, i) => {
      if (added[i]) idMap.set(p.id, p.id);
    });
    summary.people = added.filter(Boolean).length;
    const plan = await planPeople(db, backup.people.filter((_p, i) => !added[i]), now, settings, summary);
    for (const [from, to] of plan.idMap) idMap.set(from, to);
    const { deleted, written } = plan;
    // Deletes first: the merged rows take over the deleted rows' profile keys (unique index).
    if (deleted.size) await db.people.bulkDelete([...deleted.keys()]);
    for (const [from, to] of deleted) {
      await db.touches.where('personId').equals(from).modify({ personId: to });
      await db.appointments.where('personId').equals(from).modify({ personId: to });
    }
    if (written.length) await db.people.bulkPut(written);

    const touches = await planTouches(db, backup.touches, idMap);
    if (touches.length) await db.touches.bulkPut(touches);
    summary.touches = touches.length;
    if (backup.appointments.length) {
      await db.appointments.bulkPut(backup.appointments.map((a) => ({ ...a, personId: idMap.get(a.personId) ?? a.personId })));
    }
    summary.appointments = backup.appointments.length;
    if (backup.handRaisePosts.length) await db.handRaisePosts.bulkPut(backup.handRaisePosts);
    summary.handRaisePosts = backup.handRaisePosts.length;
  });
  return summary;
}

/** Adds every person as a new row in one bulk write; `true` at each position that was added. */
async function addAllNew(db: HandraiserDB, people: PersonT[]): Promise<boolean[]> {
  const added = people.map(() => true);
  if (people.length === 0) return added;
  try {
    await db.people.bulkAdd(people.map(toRow));
  } catch (e) {
    // Refused adds (id or profile already here) are left out; the transaction goes on.
    if (!(e instanceof Dexie.BulkError)) throw e;
    for (const [pos, err] of Object.entries(e.failuresByPos)) {
      if (err.name !== 'ConstraintError') throw err;
      added[Number(pos)] = false;
    }
  }
  return added;
}

/**
 * Decides, person by person and in file order, who is new and who merges into whom, exactly
 * as if each were looked up and written in turn, but against rows read up front in one go
 * (every incoming id and profile key, in parallel) and kept current in memory.
 * `deleted`: people folded into another (id → the id their history moves to, at the end).
 */
async function planPeople(
  db: HandraiserDB,
  incomingPeople: PersonT[],
  now: number,
  settings: SettingsT,
  summary: ImportSummary,
): Promise<{ idMap: Map<string, string>; deleted: Map<string, string>; written: PersonRow[] }> {
  const keysOf = (p: PersonT) => [...new Set(p.identities.map((i) => i.profileKey))];
  const allKeys = [...new Set(incomingPeople.flatMap(keysOf))];
  const [byId, byKey] = await Promise.all([
    db.people.bulkGet(incomingPeople.map((p) => p.id)),
    Promise.all(allKeys.map((k) => db.people.where('profileKeys').equals(k).first())),
  ]);
  /** The people table as the import has left it so far: null once deleted. */
  const rows = new Map<string, PersonRow | null>();
  const holder = new Map<string, string>();
  const load = (row: PersonRow | undefined) => {
    if (!row || rows.has(row.id)) return;
    rows.set(row.id, row);
    for (const k of row.profileKeys) holder.set(k, row.id);
  };
  byId.forEach(load);
  byKey.forEach(load);
  const dirty = new Set<string>();
  const write = (row: PersonRow) => {
    const old = rows.get(row.id);
    if (old) for (const k of old.profileKeys) if (holder.get(k) === old.id) holder.delete(k);
    rows.set(row.id, row);
    for (const k of row.profileKeys) holder.set(k, row.id);
    dirty.add(row.id);
  };
  const moved = new Map<string, string>();
  const remove = (row: PersonRow, to: string) => {
    for (const k of row.profileKeys) if (holder.get(k) === row.id) holder.delete(k);
    rows.set(row.id, null);
    dirty.delete(row.id);
    moved.set(row.id, to);
  };

  const idMap = new Map<string, string>();
  for (const incoming of incomingPeople) {
    const existing = new Map<string, PersonRow>();
    const sameId = rows.get(incoming.id);
    if (sameId) existing.set(sameId.id, sameId);
    // In index order, as a query over the profileKeys index would list them.
    for (const k of [...keysOf(incoming)].sort(compareKeys)) {
      const id = holder.get(k);
      const row = id === undefined ? undefined : rows.get(id);
      if (row && !existing.has(row.id)) existing.set(row.id, row);
    }
    if (existing.size === 0) {
      write(toRow(incoming));
      idMap.set(incoming.id, incoming.id);
      summary.people++;
      continue;
    }
    const [keep, ...others] = [...existing.values()];
    let merged = fromRow(keep!);
    // Several people here share profiles with this one: they are one person, fold them together too.
    for (const other of others) {
      merged = mergeDomain(merged, fromRow(other), now, settings);
      remove(other, keep!.id);
    }
    const absorbed = absorbCopy(merged, incoming, now, settings);
    if (others.length > 0 || absorbed.changed) write(toRow({ ...absorbed.person, id: keep!.id }));
    idMap.set(incoming.id, keep!.id);
    summary.merged++;
  }

  // A history moved to someone later folded into a third person ends with the third.
  const deleted = new Map<string, string>();
  for (const [from] of moved) {
    let to = moved.get(from)!;
    const seen = new Set([from]);
    while (moved.has(to) && !seen.has(to)) {
      seen.add(to);
      to = moved.get(to)!;
    }
    deleted.set(from, to);
  }
  const written = [...dirty].map((id) => rows.get(id)!);
  return { idMap, deleted, written };
}

/** IndexedDB's order for string keys: by UTF-16 code unit. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The file's touches to write, in file order. One already recorded under another id (same
 * message, same dedupe key) is skipped. The holders of the file's dedupe keys are read up
 * front, in parallel; a touch written earlier in this import replaces the row with its id.
 */
async function planTouches(db: HandraiserDB, incoming: TouchT[], idMap: Map<string, string>): Promise<TouchT[]> {
  const keyed = incoming.filter((t) => t.dedupeKey !== undefined);
  const holders = await Promise.all(keyed.map((t) => db.touches.where('dedupeKey').equals(t.dedupeKey!).first()));
  const storedHolder = new Map<string, string>();
  holders.forEach((h, i) => {
    if (h) storedHolder.set(keyed[i]!.dedupeKey!, h.id);
  });
  const writtenIds = new Set<string>();
  const writtenHolder = new Map<string, string>();
  const out: TouchT[] = [];
  for (const t of incoming) {
    const touch = { ...t, personId: idMap.get(t.personId) ?? t.personId };
    if (touch.dedupeKey !== undefined) {
      const stored = storedHolder.get(touch.dedupeKey);
      const holderId = writtenHolder.get(touch.dedupeKey) ?? (stored !== undefined && !writtenIds.has(stored) ? stored : undefined);
      if (holderId !== undefined && holderId !== touch.id) continue; // already recorded under another id
      writtenHolder.set(touch.dedupeKey, touch.id);
    }
    writtenIds.add(touch.id);
    out.push(touch);
  }
  return out;
}

/** Deletes every person, touch, appointment, hand-raise post and warning. Settings stay. */
export async function deleteAll(db: HandraiserDB): Promise<void> {
  await db.transaction('rw', [db.people, db.touches, db.appointments, db.handRaisePosts, db.siteHealth, db.meta], async () => {
    await Promise.all([
      db.people.clear(),
      db.touches.clear(),
      db.appointments.clear(),
      db.handRaisePosts.clear(),
      db.siteHealth.clear(),
      db.meta.clear(),
    ]);
  });
}
