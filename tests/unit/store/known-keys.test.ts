/**
 * The profile-key buckets (src/store/known-keys.ts) let the badge look-up skip the strangers on
 * a page. They must never hide a stored person: after any sequence of writes, on every write
 * path, the buckets kept in the database and the copy in memory must both say "maybe" for every
 * stored profile key, and the look-up must find exactly the stored people, as a full scan does.
 */
import fc from 'fast-check';
import { IDBIndex } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newPerson } from '../../../src/domain/person';
import type { Identity, Person, Settings } from '../../../src/domain/types';
import * as store from '../../../src/store/index';
import { openDb, type HandraiserDB } from '../../../src/store/db';
import { keyHash } from '../../../src/store/known-keys';
import { fromRow, toRow } from '../../../src/store/rows';
import { ImportError } from '../../../src/store/errors';
import { expectKeyBucketsMatchScan } from './derived-rows-helper';
import { DAY, HOUR, NOON, demoIdentity, fakeIdb, freshDb, settings } from './helpers';
import { seedAtVersion } from './upgrade-helper';

const POOL = 14;
const slug = (i: number) => `k${i % POOL}`;
const keyOf = (i: number) => `demo:${slug(i)}`;
const ALL_KEYS = Array.from({ length: POOL }, (_, i) => keyOf(i));

function personWith(id: string, identities: Identity[], at: number): Person {
  const p = newPerson({ id, name: identities[0]!.displayName, identity: identities[0]!, source: { kind: 'comment', at, site: 'demo' }, now: at }, settings);
  return { ...p, identities };
}

/**
 * What must hold after every step: the kept buckets equal a full scan; memory, kept current by
 * the commits alone (it must not have been dropped and read again), says "maybe" exactly for the
 * stored keys and for keys that share a hash with one; the look-up finds exactly the stored keys.
 */
async function expectMatchesScan(db: HandraiserDB): Promise<void> {
  await expectKeyBucketsMatchScan(db);
  const stored = new Set((await db.people.toArray()).flatMap((r) => r.profileKeys));
  const storedHashes = new Set([...stored].map(keyHash));
  expect(db.knownKeys.ready, 'memory was kept, not read again').toBe(true);
  const maybe = new Set(await db.knownKeys.mayBeStored(db, ALL_KEYS));
  for (const k of ALL_KEYS) expect(maybe.has(k), k).toBe(stored.has(k) || storedHashes.has(keyHash(k)));
  const found = await store.lookup(db, ALL_KEYS, NOON);
  expect([...found.keys()].sort()).toEqual(ALL_KEYS.filter((k) => stored.has(k)).sort());
}

type Op =
  | { op: 'capture'; who: number; reachOut: boolean }
  | { op: 'race'; who: number }
  | { op: 'import'; keys: number[]; pairs: boolean; salt: number; bad: boolean }
  | { op: 'merge'; a: number; b: number }
  | { op: 'stage'; a: number }
  | { op: 'undo'; a: number }
  | { op: 'cadence'; days: number }
  | { op: 'moveKey'; from: number; to: number }
  | { op: 'deleteOne'; a: number }
  | { op: 'deleteRange'; a: number; b: number }
  | { op: 'refusedAdd'; who: number }
  | { op: 'aborted'; who: number }
  | { op: 'deleteAll' }
  | { op: 'restart' };

const n = fc.nat(40);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('capture' as const), who: n, reachOut: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('race' as const), who: n }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('import' as const),
      keys: fc.uniqueArray(n, { minLength: 1, maxLength: 6, selector: (k) => k % POOL }),
      pairs: fc.boolean(),
      salt: fc.nat(3),
      bad: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('merge' as const), a: n, b: n }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('stage' as const), a: n }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('undo' as const), a: n }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cadence' as const), days: fc.integer({ min: 1, max: 9 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('moveKey' as const), from: n, to: n }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteOne' as const), a: n }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteRange' as const), a: n, b: n }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('refusedAdd' as const), who: n }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('aborted' as const), who: n }) },
  { weight: 1, arbitrary: fc.constant({ op: 'deleteAll' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
);

/** Runs one step; returns the connection to go on with (a restart opens a new one). */
async function apply(db: HandraiserDB, o: Op, at: number, current: { settings: Settings }): Promise<HandraiserDB> {
  const ids = (await db.people.toCollection().primaryKeys()).sort();
  const pick = (i: number) => ids[i % Math.max(ids.length, 1)];
  const capture = (who: number, as: store.CaptureKind = 'lead') =>
    store.capture(db, { identity: demoIdentity(slug(who), `Person ${slug(who)}`), surface: 'comment', as, at }, current.settings);
  switch (o.op) {
    case 'capture':
      await capture(o.who, o.reachOut ? 'reach_out' : 'lead');
      break;
    case 'race':
      await Promise.all([capture(o.who), capture(o.who), capture(o.who + 1)]);
      break;
    case 'import': {
      // People of one profile each, or two (which merges people stored apart); ids that may
      // be stored already (imported before); a file with a bad row is refused whole.
      const groups = o.pairs ? o.keys.flatMap((k, i) => (i % 2 ? [] : [o.keys.slice(i, i + 2)])) : o.keys.map((k) => [k]);
      const people = groups.map((g) => personWith(`imp-${g[0]! % POOL}-${o.salt}`, g.map((k) => demoIdentity(slug(k), `Person ${slug(k)}`)), at));
      const file = { format: 'handraiser-backup', version: 1, exportedAt: at, people, touches: [], appointments: [], handRaisePosts: [] };
      if (o.bad) (file.people as unknown[]).push({ name: 'no id' });
      await store.importJson(db, file, at).catch((e: unknown) => {
        if (!(e instanceof ImportError)) throw e;
      });
      break;
    }
    case 'merge': {
      const [a, b] = [pick(o.a), pick(o.b)];
      if (a && b && a !== b) await store.mergePeople(db, a, b, at, current.settings);
      break;
    }
    case 'stage': {
      const a = pick(o.a);
      if (a) await store.setStage(db, a, 'prospect', at, current.settings);
      break;
    }
    case 'undo': {
      const a = pick(o.a);
      if (!a) break;
      const { touch } = await store.logTouch(db, { personId: a, direction: 'outbound', channel: 'demo', kind: 'message', at }, current.settings);
      await store.deleteTouch(db, touch.id, at, current.settings);
      break;
    }
    case 'cadence':
      current.settings = { ...current.settings, cadence: { lead: [o.days, o.days + 3], contact: [1, o.days, 14] } };
      await store.setSettings(db, current.settings);
      break;
    case 'moveKey': {
      // One person gives a profile to another in one bulk write (straight to the table).
      const [a, b] = [pick(o.from), pick(o.to)];
      if (!a || !b || a === b) break;
      const [from, to] = (await db.people.bulkGet([a, b])).map((r) => r!);
      if (from!.identities.length < 2) break;
      const [moved, ...kept] = from!.identities;
      await db.people.bulkPut([toRow({ ...fromRow(from!), identities: kept }), toRow({ ...fromRow(to!), identities: [...to!.identities, moved!] })]);
      break;
    }
    case 'deleteOne': {
      const a = pick(o.a);
      if (a) await db.people.delete(a);
      break;
    }
    case 'deleteRange': {
      const [a, b] = [pick(o.a), pick(o.b)].sort();
      if (a && b) await db.people.where('id').between(a, b, true, true).delete();
      break;
    }
    case 'refusedAdd': {
      // Someone new claiming a stored profile: IndexedDB refuses the add, nothing changes.
      const row = toRow(personWith(`clash-${at}`, [demoIdentity(slug(o.who), 'Clash'), demoIdentity(`fresh-${at}`, 'Fresh')], at));
      await db.transaction('rw', db.people, () => db.people.add(row).catch(() => undefined));
      break;
    }
    case 'aborted': {
      // A transaction that writes a new profile, then fails: nothing of it may stay.
      const row = toRow(personWith(`aborted-${at}`, [demoIdentity(slug(o.who + 7), 'Gone')], at));
      await db
        .transaction('rw', db.people, async () => {
          await db.people.put(row);
          throw new Error('changed my mind');
        })
        .catch(() => undefined);
      break;
    }
    case 'deleteAll':
      await store.deleteAll(db);
      break;
    case 'restart': {
      db.close();
      const next = await openDb(db.name, fakeIdb);
      await next.knownKeys.mayBeStored(next, []);
      return next;
    }
  }
  return db;
}

describe('profile-key buckets', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('equal a full scan after any sequence of writes, in the database and in memory, and the look-up finds exactly the stored people', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 20 }), async (ops) => {
        let db = await freshDb();
        await db.knownKeys.mayBeStored(db, []);
        const current = { settings };
        let at = NOON;
        for (const o of ops) {
          at += HOUR;
          db = await apply(db, o, at, current);
          await expectMatchesScan(db);
        }
        db.close();
      }),
      { numRuns: 30 },
    );
  }, 300_000);

  it('a stranger costs no IndexedDB read; a stored key, one', async () => {
    const db = await freshDb();
    for (let i = 0; i < 5; i++) await store.capture(db, { identity: demoIdentity(`s${i}`), surface: 'comment', as: 'lead', at: NOON }, settings);
    await store.lookup(db, [], NOON);
    const gets = vi.spyOn(IDBIndex.prototype, 'get');
    const strangers = Array.from({ length: 200 }, (_, i) => `demo:stranger-${i}`);
    expect((await store.lookup(db, strangers, NOON)).size).toBe(0);
    // A stranger whose hash happens to equal a stored key's is read and found absent: rare, never wrong.
    const colliding = (await db.knownKeys.mayBeStored(db, strangers)).length;
    expect(gets.mock.calls.length).toBe(colliding);
    gets.mockClear();
    const found = await store.lookup(db, ['demo:s1', 'demo:s3', ...strangers.slice(0, 50)], NOON);
    expect([...found.keys()].sort()).toEqual(['demo:s1', 'demo:s3']);
    expect(gets.mock.calls.length).toBe(2 + (await db.knownKeys.mayBeStored(db, strangers.slice(0, 50))).length);
    db.close();
  });

  it('a write that commits while memory reads the buckets is in memory afterwards, whichever comes first', async () => {
    for (let delay = 0; delay < 6; delay++) {
      const first = await freshDb();
      await store.capture(first, { identity: demoIdentity('before'), surface: 'comment', as: 'lead', at: NOON }, settings);
      first.close();
      // A new connection (a service worker's start): memory is read while a capture runs.
      const db = await openDb(first.name, fakeIdb);
      const capture = store.capture(db, { identity: demoIdentity(`during-${delay}`), surface: 'comment', as: 'lead', at: NOON }, settings);
      for (let i = 0; i < delay; i++) await new Promise((r) => setTimeout(r, 0));
      await Promise.all([capture, db.knownKeys.mayBeStored(db, [])]);
      expect(db.knownKeys.ready).toBe(true);
      expect(await db.knownKeys.mayBeStored(db, ['demo:before', `demo:during-${delay}`])).toEqual(['demo:before', `demo:during-${delay}`]);
      await expectMatchesScan(db);
      db.close();
    }
  });

  it('a database from before the buckets is hashed from its index on its first look-up, which still finds everyone', async () => {
    const rows = ['ada', 'ben', 'cy'].map((s) => toRow(personWith(s, [demoIdentity(s)], NOON - DAY)));
    const name = await seedAtVersion(1, async (db) => {
      await db.table('people').bulkAdd(rows);
    });
    const db = await openDb(name, fakeIdb);
    const first = await store.lookup(db, ['demo:ada', 'demo:cy', 'demo:nobody'], NOON);
    expect([...first.keys()].sort()).toEqual(['demo:ada', 'demo:cy']);
    expect(await db.knownKeys.settled(db)).toBe(true);
    await expectMatchesScan(db);
    db.close();
  });

  it('buckets hashed under another schema version are hashed again', async () => {
    const db = await freshDb();
    await store.capture(db, { identity: demoIdentity('ada'), surface: 'comment', as: 'lead', at: NOON }, settings);
    // As if a migration had rewritten profile keys without keeping the buckets.
    await db.counters.put({ key: ['keys', -1], format: 1, schema: db.verno - 1 } as never);
    await db.counters.where('key').between(['keys', 0], ['keys', 256]).delete();
    db.close();
    const again = await openDb(db.name, fakeIdb);
    expect([...(await store.lookup(again, ['demo:ada'], NOON)).keys()]).toEqual(['demo:ada']);
    expect(await again.knownKeys.settled(again)).toBe(true);
    await expectMatchesScan(again);
    again.close();
  });
});
