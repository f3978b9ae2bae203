/**
 * What the rows kept from people must say, checked against a full scan of the people: the
 * counters (src/store/counters.ts) and the profile-key buckets (src/store/known-keys.ts).
 */
import { expect } from 'vitest';
import { isDue } from '../../../src/domain/cadence';
import { STAGES } from '../../../src/domain/types';
import { queueKey, QUEUE_TIERS } from '../../../src/domain/focus';
import { countDueBefore, countQueueBefore, rebuildCounters } from '../../../src/store/counters';
import { keyHash, type KeyBucketRow } from '../../../src/store/known-keys';
import type { HandraiserDB } from '../../../src/store/db';
import * as store from '../../../src/store/index';
import { fromRow, groupOf } from '../../../src/store/rows';
import { DAY, HOUR, NOON } from './helpers';

/** Times of interest for "due": some on the hour, some not (a time zone at +5:30 has such midnights). */
const TIMES = [NOON - 30 * DAY, NOON - DAY - 17 * 60_000, NOON, NOON + 23 * 60_000, NOON + 5.5 * HOUR, NOON + 3 * DAY + 41 * 60_000, NOON + 200 * DAY];

/** What the counters must say, from a full scan. */
export async function expectDerivedRowsMatchScan(db: HandraiserDB, times: readonly number[] = TIMES): Promise<void> {
  const rows = await db.people.toArray();
  const people = rows.map(fromRow);
  const groups = await store.groupTotals(db);
  for (const s of STAGES) expect(groups.stages[s], `group ${s}`).toBe(people.filter((p) => groupOf(p) === s).length);
  expect(groups.onDrip).toBe(people.filter((p) => groupOf(p) === 'drip').length);
  expect(groups.reachOut).toBe(people.filter((p) => groupOf(p) === 'reach_out').length);
  const stages = await store.stageCounts(db);
  for (const s of STAGES) expect(stages[s], `stage ${s}`).toBe(people.filter((p) => p.stage === s).length);
  for (const t of times) {
    expect(await store.countDue(db, t), `due at ${new Date(t).toISOString()}`).toBe(people.filter((p) => isDue(p, t)).length);
    const before = await db.transaction('r', db.people, db.counters, () => countDueBefore(db, t));
    expect(before).toBe(rows.filter((r) => r.nextFollowUpAt !== undefined && r.nextFollowUpAt < t).length);
    for (let tier = 0; tier < QUEUE_TIERS.length; tier++) {
      const inTier = await db.transaction('r', db.people, db.counters, () => countQueueBefore(db, tier, t));
      expect(inTier, `queue tier ${tier} before ${new Date(t).toISOString()}`).toBe(
        rows.filter((r) => r.queue !== undefined && r.queue[0] === tier && r.queue[1] < t).length,
      );
    }
  }
  // And the kept counters are exactly what counting from scratch gives (no stale zero rows either).
  const kept = await db.counters.toArray();
  await db.transaction('rw', db.people, db.counters, () => rebuildCounters(db));
  expect(sortRows(kept)).toEqual(sortRows(await db.counters.toArray()));
  await expectKeyBucketsMatchScan(db);
}

const numeric = (a: number, b: number) => a - b;

/**
 * The profile-key buckets hold the hash of every stored profile key, once each, in the bucket
 * of its top 8 bits, sorted; no empty bucket row is left; the header says they are complete.
 */
export async function expectKeyBucketsMatchScan(db: HandraiserDB): Promise<void> {
  // A database from before the buckets gets them on its first look-up: wait for that.
  expect(await db.knownKeys.settled(db)).toBe(true);
  const stored = (await db.people.toArray()).flatMap((r) => r.profileKeys);
  const rows = (await db.counters.toArray()).filter((r) => (r.key as unknown[])[0] === 'keys') as unknown as (KeyBucketRow & { schema?: number })[];
  const header = rows.find((r) => r.key[1] === -1);
  expect(header?.schema, 'the buckets header').toBe(db.verno);
  const buckets = rows.filter((r) => r.key[1] !== -1);
  for (const b of buckets) {
    const hashes = [...b.hashes];
    expect(hashes.length, `bucket ${b.key[1]} is not empty`).toBeGreaterThan(0);
    expect(hashes, `bucket ${b.key[1]} is sorted`).toEqual([...hashes].sort(numeric));
    for (const h of hashes) expect(h >>> 24).toBe(b.key[1]);
  }
  expect(buckets.flatMap((b) => [...b.hashes]).sort(numeric)).toEqual(stored.map(keyHash).sort(numeric));
}

/** Counter and bucket rows, without the buckets' header (which a database keeps from its creation). */
export async function derivedRowCount(db: HandraiserDB): Promise<number> {
  return (await db.counters.toArray()).filter((r) => !((r.key as unknown[])[0] === 'keys' && r.key[1] === -1)).length;
}

const sortRows = <T extends { key: unknown }>(rows: T[]) => [...rows].sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));


/** Each row's queue position is the one the domain gives the person (rows written by the store, not by hand). */
export async function expectQueueKeysCurrent(db: HandraiserDB): Promise<void> {
  for (const r of await db.people.toArray()) expect(r.queue, r.id).toEqual(queueKey(fromRow(r)));
}
