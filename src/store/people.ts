import { cleanText } from '../domain/text';
import Dexie from 'dexie';
import { mergePeople as mergeDomain } from '../domain/merge';
import {
  applyTouch,
  backToReachOut,
  captureAsLead,
  newPerson,
  recompute,
  setDrip,
  setStage as setStageDomain,
  undoTouch,
} from '../domain/person';
import type {
  Appointment,
  Channel,
  Direction,
  Identity,
  Market,
  NextStep,
  Person,
  PersonState,
  Qualification,
  Settings,
  Source,
  Stage,
  Touch,
  TouchKind,
} from '../domain/types';
import { LIMITS } from '../domain/types';
import { isEmail, isPhone } from '../domain/contact';
import { notInFuture } from '../domain/time';
import { DM_VISIT_MS, MAX_DM_TOUCHES_PER_VISIT } from '../domain/touch';
import { isConstraintError, retryOnConstraint } from './capture';
import type { HandraiserDB } from './db';
import { StoreError } from './errors';
import { newId } from './ids';
import { fromRow, toRow } from './rows';
import { type BadgeData, type Signals, type Promotion, badgeOf, groupBy } from './views';
import { signalsOf } from '../domain/signals';
import { leadSince, promotionNeedsTouches, promotionSuggestion } from '../domain/promotion';

export async function getPerson(db: HandraiserDB, personId: string): Promise<Person> {
  const row = await db.people.get(personId);
  if (!row) throw new StoreError('not_found', 'This person is no longer in Handraiser. They may have been merged or deleted.');
  return fromRow(row);
}

async function savePerson(db: HandraiserDB, person: Person): Promise<Person> {
  await db.people.put(toRow(person));
  return person;
}

/** Sorted oldest first, through the [personId+at] index. */
export function touchesOf(db: HandraiserDB, personId: string): Promise<Touch[]> {
  return db.touches.where('[personId+at]').between([personId, Dexie.minKey], [personId, Dexie.maxKey]).toArray();
}

export async function appointmentsOf(db: HandraiserDB, personId: string): Promise<Appointment[]> {
  const list = await db.appointments.where('personId').equals(personId).toArray();
  return list.sort((a, b) => a.at - b.at);
}

/**
 * The results of IndexedDB requests already issued on `tx`, in order, as one
 * promise. A transaction runs its requests in the order they were made, so the last one's
 * success means every one has its result: only that one gets a listener (a success event
 * handed to JavaScript per request cost more than the request at 200 keys). A failed request
 * fails the transaction, which rejects.
 */
function idbAll<T>(tx: IDBTransaction, requests: IDBRequest<T>[]): Promise<T[]> {
  const last = requests[requests.length - 1];
  if (!last) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const failed = () => reject(tx.error ?? new Error('IndexedDB request failed'));
    tx.addEventListener('error', failed);
    tx.addEventListener('abort', failed);
    last.onsuccess = () => {
      tx.removeEventListener('error', failed);
      tx.removeEventListener('abort', failed);
      resolve(requests.map((r) => r.result));
    };
  });
}

/**
 * Badges for the people visible on a page, keyed by each requested profile key they own.
 * It runs for every batch of names a social page shows, so it is the store's hot path:
 * - only keys that may be stored are read (known-keys.ts): a page's strangers cost no request;
 * - one read transaction of raw IndexedDB, every request issued at once (IndexedDB pipelines
 *   them): Dexie's query API, and its transaction zones (which wrap every promise settled inside
 *   them), cost more than the reads themselves at this size;
 * - people: one get per key on the unique profileKeys index, all in flight at once (one cursor
 *   over `anyOf` steps key by key and is several times slower);
 * - appointments: badges read only open ones (scheduled or missed), so the open ones are read
 *   once through the status index (two exact keys), asked for with the people reads;
 * - touches: only for leads whose promotion could depend on them (promotionNeedsTouches: a
 *   lead nobody has written to needs none): the person's touches by the personId index (an
 *   exact key, as a range would need the IDBKeyRange of whichever IndexedDB Dexie was given),
 *   those since they last became a lead kept.
 * Its figures and the designs tried before: bench/README.md.
 */
export async function lookup(db: HandraiserDB, profileKeys: string[], now: number): Promise<Map<string, BadgeData>> {
  const result = new Map<string, BadgeData>();
  const keys = await db.knownKeys.mayBeStored(db, [...new Set(profileKeys)]);
  if (keys.length === 0) return result;
  if (!db.isOpen()) await db.open();
  const tx = db.backendDB().transaction(['people', 'touches', 'appointments'], 'readonly');
  const byStatus = tx.objectStore('appointments').index('status');
  const openLists = idbAll(tx, (['scheduled', 'missed'] as const).map((s) => byStatus.getAll(s) as IDBRequest<Appointment[]>));
  const byKey = tx.objectStore('people').index('profileKeys');
  const hits = await idbAll(tx, keys.map((key) => byKey.get(key) as IDBRequest<PersonState | undefined>));
  // One badge per person, under each of their profile keys that was asked for.
  const byId = new Map<string, { person: PersonState; keys: string[] }>();
  hits.forEach((person, i) => {
    if (!person) return;
    const entry = byId.get(person.id);
    if (entry) entry.keys.push(keys[i]!);
    else byId.set(person.id, { person, keys: [keys[i]!] });
  });
  const found = [...byId.values()];
  const byPerson = tx.objectStore('touches').index('personId');
  const needed = found.map(({ person: p }) => promotionNeedsTouches(p));
  const touchReads = idbAll(tx, found.filter((_f, i) => needed[i]).map(({ person: p }) => byPerson.getAll(p.id) as IDBRequest<Touch[]>));
  const [open, touchLists] = await Promise.all([openLists, touchReads]);
  const appts = groupBy(
    open.flat().filter((a) => byId.has(a.personId)).sort((a, b) => a.at - b.at),
    (a) => a.personId,
  );
  let t = 0;
  found.forEach(({ person, keys: owned }, i) => {
    const touches = needed[i] ? sinceLead(touchLists[t++]!, person) : undefined;
    const promotable = person.stage === 'lead' && !person.reachOut;
    const badge = badgeOf(person, now, appts.get(person.id) ?? [], promotable ? (touches ?? []) : undefined);
    for (const key of owned) result.set(key, badge);
  });
  return result;
}

/** A person's touches since they last became a lead, in the [personId+at] index's order. */
function sinceLead(touches: Touch[], person: PersonState): Touch[] {
  const since = leadSince(person);
  return touches.filter((x) => x.at >= since).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function badgeFor(db: HandraiserDB, personId: string, now: number): Promise<BadgeData> {
  const person = await getPerson(db, personId);
  const [touches, appointments] = await Promise.all([touchesOf(db, personId), appointmentsOf(db, personId)]);
  return badgeOf(person, now, appointments, person.stage === 'lead' && !person.reachOut ? touches : undefined);
}

export interface LogTouchInput {
  personId: string;
  direction: Direction;
  channel: Channel;
  kind: TouchKind;
  at: number;
  contextUrl?: string;
  text?: string;
  nextStep?: NextStep;
}

export async function logTouch(
  db: HandraiserDB,
  input: LogTouchInput,
  settings: Settings,
): Promise<{ person: Person; touch: Touch }> {
  return db.transaction('rw', db.people, db.touches, async () => {
    const person = await getPerson(db, input.personId);
    const touch: Touch = {
      id: newId(),
      personId: person.id,
      at: input.at,
      direction: input.direction,
      channel: input.channel,
      kind: input.kind,
    };
    if (input.contextUrl) touch.contextUrl = input.contextUrl;
    if (input.text) touch.text = input.text;
    if (input.nextStep) touch.nextStep = input.nextStep;
    let next = applyTouch(person, touch, settings);
    if (input.nextStep) next = { ...next, nextStep: input.nextStep };
    await db.touches.add(touch);
    await savePerson(db, next);
    return { person: next, touch };
  });
}

/**
 * Takes a logged touch back: the touch is deleted and the person's counters are rebuilt from
 * the touches that remain, in one transaction.
 */
export async function deleteTouch(db: HandraiserDB, touchId: string, now: number, settings: Settings): Promise<Person> {
  return db.transaction('rw', db.people, db.touches, async () => {
    const touch = await db.touches.get(touchId);
    if (!touch) throw new StoreError('not_found', 'This touch is no longer in Handraiser. It may have been taken back already.');
    const person = await getPerson(db, touch.personId);
    await db.touches.delete(touchId);
    const remaining = await touchesOf(db, person.id);
    return savePerson(db, undoTouch(person, touch, remaining, now, settings));
  });
}

export async function setStage(
  db: HandraiserDB,
  personId: string,
  stage: Stage,
  now: number,
  settings: Settings,
): Promise<Person> {
  return db.transaction('rw', db.people, async () => {
    const person = await getPerson(db, personId);
    return savePerson(db, setStageDomain(person, stage, now, settings));
  });
}

export async function setQualification(
  db: HandraiserDB,
  personId: string,
  answers: Partial<Qualification>,
  now: number,
  settings: Settings,
): Promise<Person> {
  return db.transaction('rw', db.people, async () => {
    const person = await getPerson(db, personId);
    const qualification = { ...person.qualification };
    for (const [k, v] of Object.entries(answers) as [keyof Qualification, boolean | null | undefined][]) {
      if (v !== undefined) qualification[k] = v;
    }
    return savePerson(db, recompute({ ...person, qualification, updatedAt: now }, settings));
  });
}

export interface PersonPatch {
  name?: string;
  notes?: string;
  market?: Market;
  onDrip?: boolean;
  /** null clears it. */
  nextStep?: NextStep | null;
  /** true: back to a "reach out" suggestion (leads only); false: capture the suggestion as a lead. */
  reachOut?: boolean;
  /** null or '' clears it. */
  phone?: string | null;
  /** null or '' clears it. */
  email?: string | null;
}

/** A phone or e-mail as typed: trimmed; '' or null clears it; anything else must pass its check. */
function contactField(raw: string | null, check: (s: string) => boolean, refusal: string): string | null {
  const v = (raw ?? '').trim();
  if (v === '') return null;
  if (!check(v)) throw new StoreError('invalid', refusal);
  return v;
}

export const PHONE_REFUSAL =
  'The phone number should have 6 to 15 digits (spaces, dashes and brackets are fine), with + and the country code for WhatsApp, like +34 612 345 678.';
export const EMAIL_REFUSAL = 'The e-mail should be an address like ana@example.com.';

/** Sets or clears the phone and e-mail of a patch on a person. */
function withContact(person: Person, patch: Pick<PersonPatch, 'phone' | 'email'>): Person {
  let p = person;
  if (patch.phone !== undefined) {
    const phone = contactField(patch.phone, isPhone, PHONE_REFUSAL);
    const { phone: _old, ...rest } = p;
    p = phone === null ? rest : { ...rest, phone };
  }
  if (patch.email !== undefined) {
    const email = contactField(patch.email, isEmail, EMAIL_REFUSAL);
    const { email: _old, ...rest } = p;
    p = email === null ? rest : { ...rest, email };
  }
  return p;
}

export async function updatePerson(
  db: HandraiserDB,
  personId: string,
  patch: PersonPatch,
  now: number,
  settings: Settings,
): Promise<Person> {
  return db.transaction('rw', db.people, async () => {
    let person = await getPerson(db, personId);
    if (patch.name !== undefined) {
      const name = cleanText(patch.name, LIMITS.name);
      if (!name) throw new StoreError('invalid', 'The name cannot be empty.');
      person = { ...person, name };
    }
    if (patch.notes !== undefined) person = { ...person, notes: patch.notes.slice(0, LIMITS.note) };
    person = withContact(person, patch);
    if (patch.market !== undefined) person = { ...person, market: patch.market };
    if (patch.nextStep !== undefined) {
      const { nextStep: _old, ...rest } = person;
      person = patch.nextStep === null ? rest : { ...rest, nextStep: patch.nextStep };
    }
    person = { ...person, updatedAt: now };
    if (patch.reachOut === true && !person.reachOut) {
      if (person.stage !== 'lead') {
        throw new StoreError('invalid', 'Only a lead can go back to being a "reach out" suggestion.');
      }
      person = backToReachOut(person, now, settings);
    } else if (patch.reachOut === false) person = captureAsLead(person, now, settings);
    person =
      patch.onDrip !== undefined && patch.onDrip !== person.onDrip
        ? setDrip(person, patch.onDrip, now, settings)
        : recompute(person, settings);
    return savePerson(db, person);
  });
}

export interface AddPersonInput {
  name: string;
  /** A profile on a supported site, already read by domain/identity. */
  identity?: Identity;
  phone?: string;
  email?: string;
  stage: Stage;
  market: Market;
  source: Source;
  notes?: string;
}

/**
 * A person added by hand. Someone whose profile is already here is not added twice: the
 * answer is that person, `created: false`, and nothing changes.
 */
export async function addPerson(
  db: HandraiserDB,
  input: AddPersonInput,
  now: number,
  settings: Settings,
): Promise<{ person: Person; created: boolean }> {
  const name = cleanText(input.name, LIMITS.name) || input.identity?.handle || '';
  if (!name) throw new StoreError('invalid', 'The name is empty: type the person’s name, or paste a link to their profile.');
  // Checked before the transaction: a refusal changes nothing.
  const phone = contactField(input.phone ?? null, isPhone, PHONE_REFUSAL);
  const email = contactField(input.email ?? null, isEmail, EMAIL_REFUSAL);
  return retryOnConstraint(() =>
    db.transaction('rw', db.people, async () => {
      if (input.identity) {
        const row = await db.people.where('profileKeys').equals(input.identity.profileKey).first();
        if (row) return { person: fromRow(row), created: false };
      }
      let person = newPerson(
        {
          id: newId(),
          name,
          ...(input.identity ? { identity: { ...input.identity, displayName: input.identity.displayName || name } } : {}),
          source: input.source,
          now,
          stage: input.stage,
          market: input.market,
        },
        settings,
      );
      person = { ...person, ...(phone ? { phone } : {}), ...(email ? { email } : {}), notes: (input.notes ?? '').slice(0, LIMITS.note) };
      await savePerson(db, person);
      return { person, created: true };
    }),
  );
}

/** Everything one person owned, as deletePerson removed it: what restorePerson puts back. */
export interface DeletedPerson {
  person: Person;
  touches: Touch[];
  appointments: Appointment[];
}

/** Deletes one person with their touches and appointments, in one transaction; returns all of it (for undo). */
export async function deletePerson(db: HandraiserDB, personId: string): Promise<DeletedPerson> {
  return db.transaction('rw', db.people, db.touches, db.appointments, async () => {
    const person = await getPerson(db, personId);
    const [touches, appointments] = await Promise.all([touchesOf(db, personId), appointmentsOf(db, personId)]);
    await db.touches.where('personId').equals(personId).delete();
    await db.appointments.where('personId').equals(personId).delete();
    await db.people.delete(personId);
    return { person, touches, appointments };
  });
}

/**
 * Puts a deleted person back exactly as they were (the undo of deletePerson). Refused, with
 * nothing changed, when the id is back already or one of their profiles now belongs to
 * someone else (captured again since).
 */
export async function restorePerson(db: HandraiserDB, deleted: DeletedPerson): Promise<Person> {
  const { person } = deleted;
  if (deleted.touches.some((t) => t.personId !== person.id) || deleted.appointments.some((a) => a.personId !== person.id)) {
    throw new StoreError('invalid', 'These touches or appointments belong to someone else, so nothing was restored.');
  }
  try {
    return await db.transaction('rw', db.people, db.touches, db.appointments, async () => {
      if (await db.people.get(person.id)) throw new StoreError('invalid', `${person.name} is in Handraiser already, so nothing was restored.`);
      await db.people.add(toRow(person));
      if (deleted.touches.length) await db.touches.bulkPut(deleted.touches);
      if (deleted.appointments.length) await db.appointments.bulkPut(deleted.appointments);
      return person;
    });
  } catch (e) {
    if (isConstraintError(e)) {
      throw new StoreError('invalid', `A profile of ${person.name} was captured again since, so nothing was restored. Open them from the pipeline.`);
    }
    throw e;
  }
}

export async function scheduleAppointment(
  db: HandraiserDB,
  input: { personId: string; at: number; kind: Appointment['kind']; note?: string },
  now: number,
  settings: Settings,
): Promise<{ person: Person; appointment: Appointment }> {
  return db.transaction('rw', db.people, db.appointments, async () => {
    const person = await getPerson(db, input.personId);
    const appointment: Appointment = {
      id: newId(),
      personId: person.id,
      at: input.at,
      kind: input.kind,
      status: 'scheduled',
      createdAt: now,
    };
    if (input.note) appointment.note = input.note;
    await db.appointments.add(appointment);
    const next = await savePerson(db, recompute({ ...person, updatedAt: now }, settings));
    return { person: next, appointment };
  });
}

export async function updateAppointment(
  db: HandraiserDB,
  appointmentId: string,
  status: Appointment['status'],
  now: number,
  settings: Settings,
): Promise<{ person: Person; appointment: Appointment }> {
  return db.transaction('rw', db.people, db.appointments, async () => {
    const existing = await db.appointments.get(appointmentId);
    if (!existing) throw new StoreError('not_found', 'This appointment is no longer in Handraiser.');
    const appointment: Appointment = { ...existing, status };
    await db.appointments.put(appointment);
    const person = await getPerson(db, existing.personId);
    const next = await savePerson(db, recompute({ ...person, updatedAt: now }, settings));
    return { person: next, appointment };
  });
}

/**
 * Folds `otherId` into `keepId`: identities, sources and history join, touches and
 * appointments move over, the other person is deleted. One transaction.
 */
export async function mergePeople(
  db: HandraiserDB,
  keepId: string,
  otherId: string,
  now: number,
  settings: Settings,
): Promise<Person> {
  if (keepId === otherId) throw new StoreError('invalid', 'A person cannot be merged with themselves.');
  return retryOnConstraint(() =>
    db.transaction('rw', db.people, db.touches, db.appointments, async () => {
      const keep = await getPerson(db, keepId);
      const other = await getPerson(db, otherId);
      const merged = mergeDomain(keep, other, now, settings);
      // Delete first: both rows hold profile keys the merged row takes over (unique index).
      await db.people.delete(otherId);
      await db.touches.where('personId').equals(otherId).modify({ personId: keepId });
      await db.appointments.where('personId').equals(otherId).modify({ personId: keepId });
      return savePerson(db, { ...merged, id: keepId });
    }),
  );
}

export interface PersonDetail {
  person: Person;
  touches: Touch[];
  appointments: Appointment[];
  signals: Signals;
  promotion: Promotion | null;
}

export async function personDetail(db: HandraiserDB, personId: string, now: number): Promise<PersonDetail> {
  return db.transaction('r', db.people, db.touches, db.appointments, async () => {
    const person = await getPerson(db, personId);
    const [touches, appointments] = await Promise.all([touchesOf(db, personId), appointmentsOf(db, personId)]);
    return {
      person,
      touches,
      appointments,
      signals: signalsOf(person, { now, appointments }),
      promotion: promotionSuggestion(person, touches, appointments),
    };
  });
}

export interface DmInput {
  dedupeKey: string;
  direction: Direction;
  at?: number;
  text?: string;
}

/** Per person, the visit in progress (domain/touch's DM_VISIT_MS): when it began and how many messages it recorded. */
type DmVisits = Record<string, { start: number; count: number }>;
const DM_VISITS_KEY = 'dm-visits';

function readVisits(value: unknown, now: number): DmVisits {
  const out: DmVisits = {};
  if (!value || typeof value !== 'object') return out;
  for (const [id, v] of Object.entries(value as Record<string, unknown>)) {
    const { start, count } = (v ?? {}) as { start?: unknown; count?: unknown };
    // Visits that ended are dropped; a start in the future (a clock set back) ends the visit too.
    if (typeof start === 'number' && typeof count === 'number' && start <= now && now - start < DM_VISIT_MS) out[id] = { start, count };
  }
  return out;
}

/**
 * Messages seen in a DM thread. Each becomes a touch once: the dedupe key (namespaced by
 * the profile) sits in a unique index, so a reload or a second tab adds nothing.
 * Finds the person by id or by identity; an unknown partner is not created here.
 * A page decides what rows a thread shows, so its times are kept from the future
 * (domain/time's notInFuture) and one visit records a bounded number of messages per person
 * (domain/touch's MAX_DM_TOUCHES_PER_VISIT, the newest first).
 */
export async function recordDmMessages(
  db: HandraiserDB,
  target: { personId: string } | { identity: Identity },
  messages: DmInput[],
  now: number,
  settings: Settings,
  /** The thread the messages were seen in, so the timeline can open it again. */
  threadUrl?: string,
): Promise<{ person: Person | null; added: Touch[] }> {
  return retryOnConstraint(() =>
    db.transaction('rw', db.people, db.touches, db.meta, async () => {
      const row =
        'personId' in target
          ? await db.people.get(target.personId)
          : await db.people.where('profileKeys').equals(target.identity.profileKey).first();
      if (!row) return { person: null, added: [] };
      let person = fromRow(row);
      const ns = 'identity' in target ? target.identity.profileKey : `person:${person.id}`;
      const channel = 'identity' in target ? target.identity.site : (person.identities[0]?.site ?? 'other');
      const keyed = new Map<string, DmInput>();
      for (const m of messages) keyed.set(`dm|${ns}|${m.dedupeKey}`, m);
      const [stored, visitsRow] = await Promise.all([db.touches.where('dedupeKey').anyOf([...keyed.keys()]).toArray(), db.meta.get(DM_VISITS_KEY)]);
      const seen = new Set(stored.map((t) => t.dedupeKey));
      let fresh: Touch[] = [];
      for (const [dedupeKey, m] of keyed) {
        if (seen.has(dedupeKey)) continue;
        const touch: Touch = {
          id: newId(),
          personId: person.id,
          at: notInFuture(m.at ?? now, now),
          direction: m.direction,
          channel,
          kind: 'message',
          dedupeKey,
        };
        if (threadUrl) touch.contextUrl = threadUrl;
        if (settings.storeMessageText && m.text) touch.text = m.text.slice(0, LIMITS.text);
        fresh.push(touch);
      }
      if (fresh.length === 0) return { person, added: [] };
      const visits = readVisits(visitsRow?.value, now);
      const visit = visits[person.id] ?? { start: now, count: 0 };
      const room = Math.max(0, MAX_DM_TOUCHES_PER_VISIT - visit.count);
      if (fresh.length > room) fresh = [...fresh].sort((a, b) => b.at - a.at).slice(0, room);
      if (fresh.length === 0) return { person, added: [] };
      visits[person.id] = { start: visit.start, count: visit.count + fresh.length };
      const added = fresh.sort((a, b) => a.at - b.at);
      for (const t of added) person = applyTouch(person, t, settings);
      await db.touches.bulkAdd(added);
      await db.meta.put({ key: DM_VISITS_KEY, value: visits });
      await savePerson(db, person);
      return { person, added };
    }),
  );
}
