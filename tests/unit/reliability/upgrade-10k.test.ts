/**
 * Check 2: a real database written by an old version of the code, 10,000 people with their
 * touches and appointments, opened by the current code (openDb runs every later upgrade):
 * every row is still there and identical, and the indexes answer for every row.
 *
 * When version N+1 ships, add ONE line to UPGRADES below: `{ from: N, write: writeVN }` (or
 * reuse writeV1 with `expect:` mapping each old row to what the upgrade should make of it).
 * Never change a shipped writer: it is frozen history, like the VERSIONS entry it belongs to.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { applyTouch, newPerson } from '../../../src/domain/person';
import type { Appointment, Person, Touch } from '../../../src/domain/types';
import * as store from '../../../src/store/index';
import type { HandraiserDB } from '../../../src/store/db';
import type { PersonRow } from '../../../src/store/rows';
import { rebuildCounters } from '../../../src/store/counters';
import { CURRENT_VERSION } from '../../../src/store/versions';
import { demoIdentity, fakeIdb, NOON, DAY, HOUR, settings } from '../store/helpers';
import { expectDerivedRowsMatchScan } from '../store/derived-rows-helper';
import { currentRow, seedAtVersion, toRowV4, writeV3BadgeSources } from '../store/upgrade-helper';
import { foldForSearch } from '../../../src/domain/text';

interface Written {
  people: PersonRow[];
  touches: Touch[];
  appointments: Appointment[];
}

interface UpgradeCase {
  from: number;
  /** Fills a database at schema `from` the way that version's code did; returns exactly what it wrote. */
  write(db: Dexie): Promise<Written>;
  /**
   * What the current code must read back for what was written. By default: the same rows, each
   * person's derived fields as the current code derives them (version 5 rewrote them: folded
   * search keys, the queue position); touches and appointments identical.
   */
  expect?(written: Written): Written;
}

const PEOPLE = 10_000;
const STAGES = ['lead', 'prospect', 'customer', 'team_member', 'not_interested'] as const;
const NAMES = ['Ana Souza', 'Mei Chen', 'José García', 'Zoë Müller', "Tom O'Reilly", 'Priya Natarajan', 'Сергей', '李小龍', 'عمر', 'Bold Ben 💪'];

/**
 * Version 1's rows, built by version 1's domain rules (newPerson, applyTouch) and its row
 * mapping (toRowV4: versions 1 to 4 derived the same fields), written in bulk: 10,000 people,
 * 2 touches each, an appointment for 1 in 7.
 */
async function writeV1Bulk(db: Dexie): Promise<Written> {
  const people: PersonRow[] = [];
  const touches: Touch[] = [];
  const appointments: Appointment[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const id = `p${String(i).padStart(5, '0')}`;
    const at = NOON - (i % 90) * DAY;
    const name = `${NAMES[i % NAMES.length]} ${i}`;
    let person: Person = newPerson(
      {
        id,
        name,
        identity: demoIdentity(`person-${i}`, name, i % 3 === 0 ? { avatarUrl: `http://127.0.0.1:8337/demo/avatars/${i}.svg` } : {}),
        source: { kind: i % 2 ? 'comment' : 'hand_raise_like', at, site: 'demo', contextUrl: `http://127.0.0.1:8337/demo/posts/${i % 50}` },
        now: at,
        stage: STAGES[i % STAGES.length],
        reachOut: i % 11 === 0,
      },
      settings,
    );
    const t1: Touch = { id: `${id}-t1`, personId: id, at: at + HOUR, direction: 'inbound', channel: 'demo', kind: 'comment', text: `Comment ${i} ✓`, contextUrl: `http://127.0.0.1:8337/demo/posts/${i % 50}` };
    const t2: Touch = { id: `${id}-t2`, personId: id, at: at + DAY, direction: 'outbound', channel: i % 2 ? 'phone' : 'demo', kind: i % 4 ? 'message' : 'exposure' };
    if (i % 5 === 0) t2.dedupeKey = `dm-${i}`;
    if (i % 6 === 0) t2.nextStep = { text: `Call back ${i}`, at: at + 3 * DAY };
    person = applyTouch(applyTouch(person, t1, settings), t2, settings);
    if (i % 4 === 0) person = { ...person, notes: `Met at the seminar. Notes ${i}\nsecond line`, qualification: { need: true, desire: i % 8 === 0, decisionMaker: null, initiative: false } };
    people.push(toRowV4(person));
    touches.push(t1, t2);
    if (i % 7 === 0) {
      appointments.push({ id: `${id}-a`, personId: id, at: at + 5 * DAY, kind: 'video_call', status: i % 14 ? 'scheduled' : 'kept', note: `Zoom ${i}`, createdAt: at + DAY });
    }
  }
  for (let i = 0; i < people.length; i += 2000) await db.table('people').bulkAdd(people.slice(i, i + 2000));
  for (let i = 0; i < touches.length; i += 4000) await db.table('touches').bulkAdd(touches.slice(i, i + 4000));
  await db.table('appointments').bulkAdd(appointments);
  return { people, touches, appointments };
}

/**
 * Version 3's database: the same 10,000 people, touches and appointments, with what version 3's
 * code kept beside every write: the counters (version 2 on) and, per profile key, the owner's
 * state without profiles, sources, notes and the row-only fields (the badge sources, dropped
 * by version 4).
 */
async function writeV3Bulk(db: Dexie): Promise<Written> {
  const written = await writeV1Bulk(db);
  await rebuildCounters({ people: db.table('people'), counters: db.table('counters') });
  expect(await writeV3BadgeSources(db, written.people)).toBe(PEOPLE);
  return written;
}

/**
 * Version 4's database: the same 10,000 people (names with accents among them), touches and
 * appointments, and the counters (kept since version 2); no badge sources (dropped by 4). The
 * last before the queue index (version 5) and sync (version 6).
 */
async function writeV4Bulk(db: Dexie): Promise<Written> {
  const written = await writeV1Bulk(db);
  await rebuildCounters({ people: db.table('people'), counters: db.table('counters') });
  return written;
}

/** Version 1's store functions themselves (capture, logTouch, scheduleAppointment) on a version-1 schema. */
async function writeV1Store(db: Dexie): Promise<Written> {
  const hdb = db as unknown as HandraiserDB;
  for (let i = 0; i < 150; i++) {
    const at = NOON + i * 60_000;
    const { person } = await store.capture(hdb, { identity: demoIdentity(`via-store-${i}`, `Store Person ${i}`), surface: i % 2 ? 'comment' : 'reaction', as: i % 2 ? 'lead' : 'reach_out', at, text: `hello ${i}`, contextUrl: 'http://127.0.0.1:8337/demo/posts/1' }, settings);
    await store.logTouch(hdb, { personId: person.id, direction: 'outbound', channel: 'demo', kind: 'message', at: at + HOUR, text: `reply ${i}` }, settings);
    if (i % 3 === 0) await store.scheduleAppointment(hdb, { personId: person.id, at: at + 2 * DAY, kind: 'call', note: 'intro' }, at, settings);
  }
  return {
    people: await db.table('people').toArray(),
    touches: await db.table('touches').toArray(),
    appointments: await db.table('appointments').toArray(),
  };
}

// ---- one line per shipped version ----
const UPGRADES: UpgradeCase[] = [
  { from: 1, write: writeV1Bulk },
  { from: 1, write: writeV1Store },
  { from: 3, write: writeV3Bulk },
  { from: 4, write: writeV4Bulk },
];

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Seeds at `from`, opens with the current code, and checks every row and every index. */
export async function expectUpgradeKeepsEverything(c: UpgradeCase): Promise<void> {
  let written: Written | undefined;
  const name = await seedAtVersion(c.from, async (db) => {
    written = await c.write(db);
  });
  const want = (c.expect ?? ((w) => ({ ...w, people: w.people.map(currentRow) })))(written!);
  const db = await store.openDb(name, fakeIdb);
  try {
    expect(db.verno).toBe(CURRENT_VERSION);
    const people = await db.people.toArray();
    const touches = await db.touches.toArray();
    const appointments = await db.appointments.toArray();
    expect(people.length).toBe(want.people.length);
    expect(touches.length).toBe(want.touches.length);
    expect(appointments.length).toBe(want.appointments.length);
    // Identical, row for row (one assertion per table keeps a failure readable).
    expect(byId(people)).toEqual(byId(want.people));
    expect(byId(touches)).toEqual(byId(want.touches));
    expect(byId(appointments)).toEqual(byId(want.appointments));

    // The indexes still answer for every row: profile keys, names, touches and appointments per person.
    const keys = want.people.flatMap((p) => p.profileKeys).sort();
    expect((await db.people.orderBy('profileKeys').keys()).map(String)).toEqual(keys);
    const sample = want.people.filter((_, i) => i % 97 === 0);
    for (const p of sample) {
      expect((await db.people.where('profileKeys').equals(p.profileKeys[0]!).first())?.id).toBe(p.id);
      expect((await db.people.where('nameLower').equals(p.nameLower).primaryKeys())).toContain(p.id);
      // Search keys are folded: the name typed without accents or capitals finds the person.
      expect(await db.people.where('nameLower').equals(foldForSearch(p.name)).primaryKeys()).toContain(p.id);
      const detail = await store.personDetail(db, p.id, NOON);
      expect(detail.touches.map((t) => t.id).sort()).toEqual(want.touches.filter((t) => t.personId === p.id).map((t) => t.id).sort());
      expect(detail.appointments.map((a) => a.id).sort()).toEqual(want.appointments.filter((a) => a.personId === p.id).map((a) => a.id).sort());
    }
    const withKey = want.touches.filter((t) => t.dedupeKey !== undefined);
    expect((await db.touches.orderBy('dedupeKey').keys()).map(String)).toEqual(withKey.map((t) => t.dedupeKey!).sort());
    const due = want.people.filter((p) => p.nextFollowUpAt !== undefined).length;
    expect(await db.people.where('nextFollowUpAt').aboveOrEqual(0).count()).toBe(due);
    // The totals the popup and the toolbar show (counters since version 2) agree with the rows.
    await expectDerivedRowsMatchScan(db);
    // And the current code can keep writing: an export sees everyone.
    const backup = await store.exportJson(db, NOON);
    expect(backup.people).toHaveLength(want.people.length);
    expect(backup.touches).toHaveLength(want.touches.length);
  } finally {
    db.close();
    await new Dexie(name, fakeIdb).delete().catch(() => undefined);
  }
}

describe('schema upgrade keeps every record', () => {
  it.each(UPGRADES.map((c) => [c.from, c.write.name, c] as const))(
    'a version %i database (%s) opens with the current code, every row identical',
    async (_from, _name, c) => {
      await expectUpgradeKeepsEverything(c);
    },
    600_000,
  );
});
