import { cleanText } from '../domain/text';
import Dexie from 'dexie';
import { mergePeople as mergeDomain } from '../domain/merge';
import {
  applyTouch,
  backToReachOut,
  captureAsLead,
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
  Stage,
  Touch,
  TouchKind,
} from '../domain/types';
import { LIMITS } from '../domain/types';
import { retryOnConstraint } from './capture';
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

/**
 * Messages seen in a DM thread. Each becomes a touch once: the dedupe key (namespaced by
 * the profile) sits in a unique index, so a reload or a second tab adds nothing.
 * Finds the person by id or by identity; an unknown partner is not created here.
 */
export async function recordDmMessages(
  db: HandraiserDB,
  target: { personId: string } | { identity: Identity },
  messages: DmInput[],
  now: number,
  settings: Settings,
): Promise<{ person: Person | null; added: Touch[] }> {
  return retryOnConstraint(() =>
    db.transaction('rw', db.people, db.touches, async () => {
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
      const seen = new Set(
        (await db.touches.where('dedupeKey').anyOf([...keyed.keys()]).toArray()).map((t) => t.dedupeKey),
      );
      const added: Touch[] = [];
      for (const [dedupeKey, m] of keyed) {
        if (seen.has(dedupeKey)) continue;
        const touch: Touch = {
          id: newId(),
          personId: person.id,
          at: m.at ?? now,
          direction: m.direction,
          channel,
          kind: 'message',
          dedupeKey,
        };
        if (settings.storeMessageText && m.text) touch.text = m.text.slice(0, LIMITS.text);
        added.push(touch);
      }
      added.sort((a, b) => a.at - b.at);
      for (const t of added) person = applyTouch(person, t, settings);
      if (added.length) {
        await db.touches.bulkAdd(added);
        await savePerson(db, person);
      }
      return { person, added };
    }),
  );
}
