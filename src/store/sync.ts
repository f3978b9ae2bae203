/**
 * The store's side of sync (docs/sync.md): what a sync run reads to send, what it records once
 * sent, and how the records other devices sent are written here.
 *
 * Per synced record, `syncDocs` keeps what this device last agreed on with the server: the
 * revision, a fingerprint and a stamp per field (domain/sync-merge.ts). The run compares a row
 * with it to know which fields this device changed. Records other devices sent are written in
 * one transaction per batch, together with their new `syncDocs` rows and how far the run got
 * (`syncApplied`), so a run stopped half-way starts again where it stopped, and writes nothing
 * twice. A record changed here and not sent yet is left alone: the run sends it next, beside
 * the other device's copy, and the merge of the two comes back here.
 *
 * Writing what arrived follows the store's own rules: a profile is one person (two people
 * holding the same profile are merged, the same way on every device), a DM message is one
 * touch, and a person whose touches changed has the counters those drive rebuilt from all of
 * them, so no touch another device logged is lost from the follow-up counts.
 */
import { mergePeople as mergeDomain } from '../domain/merge';
import { recompute, replayTouches } from '../domain/person';
import { canonical, type Replica } from '../domain/sync-merge';
import { Appointment, HandRaisePost, Person, Settings, Touch, type Settings as SettingsT } from '../domain/types';
import type { HandraiserDB } from './db';
import { touchesOf } from './people';
import { fromRow, toRow, type PersonRow } from './rows';
import { getSettings, recomputeAll } from './settings';
import { SYNC_CONFIG_KEY, SYNCED_TABLES, outboxId, splitOutboxId, writeToken, type OutboxRow } from './sync-log';

export { SYNC_CONFIG_KEY, SYNCED_TABLES, splitOutboxId, type OutboxRow };

export interface SyncDocRow {
  /** The record's document id on the server. */
  id: string;
  t: string;
  k: string;
  rev: string;
  del?: true;
  /** Per field: fingerprint and stamp of the copy last agreed on (domain/sync-merge.ts Base). */
  f: Record<string, string>;
  s: Record<string, number>;
  n?: string[];
  /** People: merged into this person (so touches that still name them find where they went). */
  moved?: string;
  /** Deletions this record's edits won over, already reported. */
  noticed?: string[];
}

/** What a sync run tells the user about, beside errors. */
export interface SyncNotice {
  at: number;
  /** kept: deleted on another device but changed on this one, so kept; merged: two records of one profile became one. */
  kind: 'kept' | 'merged';
  names: string[];
}

const META = { state: 'syncState', applied: 'syncApplied', notices: 'syncNotices', tables: 'syncTables', unsent: 'syncUnsent' } as const;
const MAX_NOTICES = 20;

// ---------- records as they sync ----------

/** A row as it syncs: people without their index fields and without the follow-up date each device computes. */
export function docValue(table: string, row: unknown): Record<string, unknown> {
  if (table === 'people') {
    const { nextFollowUpAt: _due, ...person } = fromRow(row as PersonRow);
    return person;
  }
  if (table === 'settings') return { ...(row as { value?: Record<string, unknown> } | undefined)?.value };
  return { ...(row as Record<string, unknown>) };
}

const tableOf = (db: HandraiserDB, t: string) => db.table(t);

// ---------- sending ----------

/** Puts every synced row in the outbox: the first run of a newly set-up device sends everything. */
export async function enqueueAll(db: HandraiserDB): Promise<number> {
  let n = 0;
  for (const t of SYNCED_TABLES) {
    const keys = await tableOf(db, t).toCollection().primaryKeys();
    n += keys.length;
    for (let i = 0; i < keys.length; i += 5_000) {
      await db.syncOutbox.bulkPut(keys.slice(i, i + 5_000).map((k) => ({ id: outboxId(t, String(k as string)), w: writeToken() })));
    }
  }
  return n;
}

export async function outboxBatch(db: HandraiserDB, limit: number): Promise<OutboxRow[]> {
  return db.syncOutbox.orderBy('id').limit(limit).toArray();
}

/** Changes not on the server yet: in the outbox, or in this device's copy and not replicated up yet. */
export async function countWaiting(db: HandraiserDB): Promise<number> {
  const [outbox, unsent] = await Promise.all([db.syncOutbox.count(), readMeta<number>(db, META.unsent)]);
  return outbox + (unsent ?? 0);
}

/** Revisions written to this device's copy that the next replication must carry up (`sent`), or all carried (null). */
export async function countUnsent(db: HandraiserDB, sent: number | null): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const before = (await readMeta<number>(db, META.unsent)) ?? 0;
    await db.meta.put({ key: META.unsent, value: sent === null ? 0 : before + sent });
  });
}

/** The current value (absent once deleted) of each outbox entry, in one read. Settings: the whole settings. */
export async function readRows(db: HandraiserDB, entries: OutboxRow[]): Promise<(Record<string, unknown> | undefined)[]> {
  const tables = [...new Set(entries.map((e) => splitOutboxId(e.id).t))].filter((t) => (SYNCED_TABLES as readonly string[]).includes(t));
  if (tables.length === 0) return entries.map(() => undefined);
  return db.transaction('r', tables.map((t) => tableOf(db, t)), () =>
    Promise.all(
      entries.map(async (e) => {
        const { t, k } = splitOutboxId(e.id);
        if (!tables.includes(t)) return undefined;
        const row: unknown = await tableOf(db, t).get(k);
        return row === undefined ? undefined : docValue(t, row);
      }),
    ),
  );
}

export async function readBases(db: HandraiserDB, ids: string[]): Promise<(SyncDocRow | undefined)[]> {
  return db.syncDocs.bulkGet(ids);
}

/**
 * Records what was sent: the new agreed copies, and each outbox entry removed unless its row
 * was written again since the run read it (then it stays, and goes in the next batch).
 */
export async function settleSent(db: HandraiserDB, entries: OutboxRow[], bases: SyncDocRow[]): Promise<void> {
  await db.transaction('rw', db.syncOutbox, db.syncDocs, db.meta, async () => {
    if (bases.length) {
      await db.syncDocs.bulkPut(bases);
      const before = (await readMeta<number>(db, META.unsent)) ?? 0;
      await db.meta.put({ key: META.unsent, value: before + bases.length });
    }
    const now = await db.syncOutbox.bulkGet(entries.map((e) => e.id));
    const done = entries.filter((e, i) => now[i]?.w === e.w).map((e) => e.id);
    if (done.length) await db.syncOutbox.bulkDelete(done);
  });
}

// ---------- receiving ----------

export interface Incoming {
  /** Document id on the server. */
  id: string;
  rev: string;
  /** Table and key; unknown only for a deletion this device cannot read (then syncDocs may know). */
  t?: string;
  k?: string;
  deleted: boolean;
  replica?: Replica & { f: Record<string, string> };
  /** This copy merges copies changed on two devices while apart. */
  merged?: boolean;
  /** Closed copies of this record looked at for the first time (remembered, so each is looked at once). */
  deletedLeaves?: string[];
  /** One of them was a deletion on another device that this copy's edits won over: the user is told. */
  keptOverDeletion?: boolean;
}

export interface ApplyResult {
  /** Documents left for the next round: their record changed here and is not sent yet. */
  skipped: string[];
  /** People whose data changed here. */
  personIds: string[];
  /** Records this batch changed on its own (a merge of two people, rebuilt counters): to send. */
  dirty: number;
  notices: SyncNotice[];
  /** Records this version of Handraiser could not read (a newer version's, or damaged). */
  unreadable: number;
}

const loose = {
  people: Person.loose(),
  touches: Touch.loose(),
  appointments: Appointment.loose(),
  handRaisePosts: HandRaisePost.loose(),
} as const;

const byCreated = (a: Person, b: Person) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Writes a batch of records other devices sent, and how far the run got, in one transaction.
 * `settingsKeys`: the settings the user chose to sync (others are not written here).
 */
export async function applyIncoming(
  db: HandraiserDB,
  docs: Incoming[],
  opts: { settingsKeys: readonly string[]; appliedSeq: string | number; now: number },
): Promise<ApplyResult> {
  const result: ApplyResult = { skipped: [], personIds: [], dirty: 0, notices: [], unreadable: 0 };
  let cadenceChanged: SettingsT | undefined;
  const tables = [...SYNCED_TABLES.map((t) => tableOf(db, t)), db.syncDocs, db.syncOutbox, db.meta];
  await db.transaction('rw', tables, async () => {
    let settings = await getSettings(db);
    const bases = await db.syncDocs.bulkGet(docs.map((d) => d.id));
    const items = docs.map((d, i) => ({ d, base: bases[i], t: d.t ?? bases[i]?.t, k: d.k ?? bases[i]?.k }));
    const pending = await db.syncOutbox.bulkGet(items.map((it) => (it.t && it.k ? outboxId(it.t, it.k) : '')));
    const dirty = new Set<string>();
    const replay = new Set<string>();
    const merged = new Set<string>();
    const people = new Set<string>();
    const written: SyncDocRow[] = [];
    const kept: string[] = [];
    const folded: string[] = [];

    /** Folds the people holding any of `person`'s profiles into one: the first created is kept, on every device. */
    const fold = async (incoming: Person, holders: PersonRow[], incomingBase: SyncDocRow) => {
      const all = [incoming, ...holders.map(fromRow)].sort(byCreated);
      const keep = all[0]!;
      let one = keep;
      for (const other of all.slice(1)) one = mergeDomain(one, other, Math.max(one.updatedAt, other.updatedAt), settings);
      for (const other of all.slice(1)) {
        await db.people.delete(other.id);
        dirty.add(outboxId('people', other.id));
        for (const [t, rows] of [
          ['touches', await db.touches.where('personId').equals(other.id).toArray()],
          ['appointments', await db.appointments.where('personId').equals(other.id).toArray()],
        ] as const) {
          if (rows.length === 0) continue;
          await tableOf(db, t).bulkPut(rows.map((r) => ({ ...r, personId: keep.id })));
          for (const r of rows) dirty.add(outboxId(t, r.id));
        }
        if (other.id === incoming.id) incomingBase.moved = keep.id;
        else {
          const row = await db.syncDocs.where('[t+k]').equals(['people', other.id]).first();
          if (row) await db.syncDocs.put({ ...row, moved: keep.id });
        }
        people.add(other.id);
      }
      await db.people.put(toRow(recompute({ ...one, id: keep.id }, settings)));
      dirty.add(outboxId('people', keep.id));
      replay.add(keep.id);
      people.add(keep.id);
      folded.push(keep.name);
    };

    /** The person a touch names, following merges of that person made in sync. */
    const personFor = async (personId: string): Promise<string> => {
      let id = personId;
      for (let i = 0; i < 10 && !(await db.people.get(id)); i++) {
        const row = await db.syncDocs.where('[t+k]').equals(['people', id]).first();
        if (!row?.moved) break;
        id = row.moved;
      }
      return id;
    };

    const order = items.map((_it, i) => i).sort((a, b) => Number(items[a]!.t === 'people') - Number(items[b]!.t === 'people'));
    for (const i of order) {
      const { d, base, t, k } = items[i]!;
      if (!t || !k || !(SYNCED_TABLES as readonly string[]).includes(t)) continue;
      // Changed here and not sent yet, before this batch or by it (a merge of two people): sent
      // next, beside this copy, and their merge comes back.
      if (pending[i] || dirty.has(outboxId(t, k))) {
        result.skipped.push(d.id);
        continue;
      }
      const next: SyncDocRow = { id: d.id, t, k, rev: d.rev, f: {}, s: {} };
      if (base?.noticed) next.noticed = base.noticed;
      if (base?.moved) next.moved = base.moved;
      written.push(next);
      if (d.deleted) {
        next.del = true;
        if (t === 'settings') continue;
        const row: unknown = await tableOf(db, t).get(k);
        if (row === undefined) continue;
        await tableOf(db, t).delete(k);
        if (t === 'people') people.add(k);
        else if (t === 'touches' || t === 'appointments') {
          const pid = (row as { personId: string }).personId;
          people.add(pid);
          if (t === 'touches') replay.add(pid);
        }
        continue;
      }
      const replica = d.replica!;
      next.f = replica.f;
      next.s = replica.s;
      if (replica.n) next.n = replica.n;
      if (t === 'settings') {
        const schema = (Settings.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>)[k];
        const parsed = schema?.safeParse(replica.v[k]);
        if (!parsed?.success) {
          result.unreadable++;
          continue;
        }
        if (!opts.settingsKeys.includes(k) || canonical(parsed.data) === canonical((settings as Record<string, unknown>)[k])) continue;
        const before = settings;
        settings = { ...settings, [k]: parsed.data };
        await db.settings.put({ key: 'settings', value: settings });
        if (k === 'cadence' && canonical(before.cadence) !== canonical(settings.cadence)) cadenceChanged = settings;
        continue;
      }
      // Each table's own schema; a table added to SYNCED_TABLES without one takes any record.
      const schema = (loose as Partial<Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>>)[t];
      const parsed = schema ? schema.safeParse(replica.v) : { success: true, data: replica.v };
      const keyPath = tableOf(db, t).schema.primKey.keyPath;
      if (!parsed.success || typeof keyPath !== 'string' || (parsed.data as Record<string, unknown>)[keyPath] !== k) {
        result.unreadable++;
        continue;
      }
      if (t === 'people') {
        const person = recompute(parsed.data as Person, settings);
        if (d.merged) merged.add(k);
        const looked = (d.deletedLeaves ?? []).filter((r) => !next.noticed?.includes(r));
        if (looked.length) {
          next.noticed = [...(next.noticed ?? []), ...looked].slice(-20);
          if (d.keptOverDeletion) kept.push(person.name);
        }
        const keys = [...new Set(person.identities.map((x) => x.profileKey))];
        const holders = keys.length ? (await db.people.where('profileKeys').anyOf(keys).toArray()).filter((r) => r.id !== k) : [];
        const unique = [...new Map(holders.map((h) => [h.id, h])).values()];
        if (unique.length) await fold(person, unique, next);
        else {
          await db.people.put(toRow(person));
          people.add(k);
        }
        continue;
      }
      if (t === 'touches') {
        const touch = { ...(parsed.data as Touch) };
        const old = await db.touches.get(k);
        touch.personId = await personFor(touch.personId);
        if (touch.personId !== (parsed.data as Touch).personId) dirty.add(outboxId('touches', k));
        if (touch.dedupeKey !== undefined) {
          const holder = await db.touches.where('dedupeKey').equals(touch.dedupeKey).first();
          if (holder && holder.id !== k) {
            // The same message recorded on two devices: one touch, the same one everywhere.
            if (holder.id < k) {
              dirty.add(outboxId('touches', k));
              continue;
            }
            await db.touches.delete(holder.id);
            dirty.add(outboxId('touches', holder.id));
            replay.add(holder.personId);
          }
        }
        await db.touches.put(touch);
        for (const pid of [touch.personId, old?.personId]) {
          if (pid === undefined) continue;
          replay.add(pid);
          people.add(pid);
        }
        continue;
      }
      if (t === 'appointments') {
        const appt = { ...(parsed.data as Appointment) };
        appt.personId = await personFor(appt.personId);
        if (appt.personId !== (parsed.data as Appointment).personId) dirty.add(outboxId('appointments', k));
        await db.appointments.put(appt);
        people.add(appt.personId);
        continue;
      }
      await tableOf(db, t).put(parsed.data);
    }

    // Touches both devices logged: the counters they drive, rebuilt from all of them.
    for (const id of [...replay, ...merged]) {
      const row = await db.people.get(id);
      if (!row) continue;
      const before = fromRow(row);
      const touches = await touchesOf(db, id);
      if (touches.length === 0 && !replay.has(id)) continue;
      let after = replayTouches(before, touches, settings);
      // Exposures recorded without a touch (an older backup's count) are not lost.
      if (after.exposures < before.exposures && !replay.has(id)) after = recompute({ ...after, exposures: before.exposures }, settings);
      if (canonical(docValue('people', toRow(after))) === canonical(docValue('people', row))) continue;
      await db.people.put(toRow(after));
      dirty.add(outboxId('people', id));
      people.add(id);
    }

    if (written.length) await db.syncDocs.bulkPut(written);
    if (dirty.size) await db.syncOutbox.bulkPut([...dirty].map((id) => ({ id, w: writeToken() })));
    const notices: SyncNotice[] = [];
    if (kept.length) notices.push({ at: opts.now, kind: 'kept', names: kept.slice(0, 20) });
    if (folded.length) notices.push({ at: opts.now, kind: 'merged', names: folded.slice(0, 20) });
    if (notices.length) {
      const old = ((await db.meta.get(META.notices))?.value as SyncNotice[] | undefined) ?? [];
      await db.meta.put({ key: META.notices, value: [...old, ...notices].slice(-MAX_NOTICES) });
    }
    await db.meta.put({ key: META.applied, value: opts.appliedSeq });
    result.dirty = dirty.size;
    result.personIds = [...people];
    result.notices = notices;
  });
  if (cadenceChanged) await recomputeAll(db, cadenceChanged);
  return result;
}

// ---------- the sync set-up and state ----------

export async function readMeta<T>(db: HandraiserDB, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function writeMeta(db: HandraiserDB, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

export const SYNC_META = { config: SYNC_CONFIG_KEY, ...META } as const;

/** Sync is set up from now on: writes to the synced tables are recorded from this moment. */
export async function startRecording(db: HandraiserDB, config: unknown): Promise<void> {
  await db.meta.put({ key: SYNC_CONFIG_KEY, value: config });
  db.syncOn = true;
}

/** Forgets everything sync kept on this device (the set-up, the outbox, what was agreed). Data stays. */
export async function forgetSync(db: HandraiserDB): Promise<void> {
  db.syncOn = false;
  await db.transaction('rw', db.syncOutbox, db.syncDocs, db.meta, async () => {
    await Promise.all([db.syncOutbox.clear(), db.syncDocs.clear(), db.meta.bulkDelete(Object.values(SYNC_META))]);
  });
}

