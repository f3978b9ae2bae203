/**
 * tests/e2e/page-derived.mjs keeps the store's counters and profile-key buckets for raw writes
 * (bench seeding, the reminders e2e). It must keep exactly what the store's own middleware
 * keeps: applied to raw rows here, they equal what the store wrote for the same people.
 */
import { describe, expect, it } from 'vitest';
import { keepDerivedRows } from '../../e2e/page-derived.mjs';
import { rebuildCounters } from '../../../src/store/counters';
import * as store from '../../../src/store/index';
import { derivedRowCount, expectDerivedRowsMatchScan } from './derived-rows-helper';
import { DAY, HOUR, NOON, demoIdentity, freshDb, settings } from './helpers';

/** Runs keepDerivedRows inside a raw IndexedDB transaction over what it keeps, as a page would. */
async function rawCount(idb: IDBDatabase, rows: unknown[], sign: 1 | -1): Promise<void> {
  await new Promise<void>((ok, fail) => {
    const tx = idb.transaction(['counters'], 'readwrite');
    keepDerivedRows(tx, [[rows, sign]]);
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error);
  });
}

describe('page-derived.mjs', () => {
  it('adds and takes off rows exactly as the store keeps them', async () => {
    const db = await freshDb();
    for (let i = 0; i < 40; i++) {
      const { person } = await store.capture(
        db,
        { identity: demoIdentity(`p${i}`), surface: 'comment', as: i % 9 === 0 ? 'reach_out' : 'lead', at: NOON - (i % 11) * 37 * HOUR },
        settings,
      );
      if (i % 4 === 0) await store.setStage(db, person.id, 'prospect', NOON, settings);
      if (i % 7 === 0) await store.setStage(db, person.id, 'not_interested', NOON + DAY, settings);
    }
    const rows = await db.people.toArray();
    const kept = await db.counters.toArray();
    expect(kept.some((r) => r.key[0] === 'due')).toBe(true);
    const idb = db.backendDB();
    expect(kept.some((r) => (r.key as unknown[])[0] === 'keys' && r.key[1] !== -1)).toBe(true);
    // Taking everyone off leaves nothing (but the buckets' header); adding them back gives the store's own rows.
    await rawCount(idb, rows, -1);
    expect(await derivedRowCount(db)).toBe(0);
    await rawCount(idb, rows, 1);
    await expectDerivedRowsMatchScan(db);
    const byKey = <T extends { key: unknown }>(a: T[]) => [...a].sort((x, y) => (JSON.stringify(x.key) < JSON.stringify(y.key) ? -1 : 1));
    expect(byKey(await db.counters.toArray())).toEqual(byKey(kept));
    // Moving everyone's follow-up as one change (off with the old date, on with the new), with
    // the rows written raw in the same transaction, as the reminders e2e does.
    const moved = rows.map((r) => (r.nextFollowUpAt === undefined ? r : { ...r, nextFollowUpAt: NOON + 3 * DAY + 17 * HOUR }));
    await new Promise<void>((ok, fail) => {
      const tx = idb.transaction(['people', 'counters'], 'readwrite');
      for (const r of moved) tx.objectStore('people').put(r);
      keepDerivedRows(tx, [
        [rows, -1],
        [moved, 1],
      ]);
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    const afterMove = await db.counters.toArray();
    expect(byKey(afterMove)).not.toEqual(byKey(kept));
    // The badges see the new dates too.
    const moves = moved.filter((r) => r.nextFollowUpAt !== undefined);
    expect(moves.length).toBeGreaterThan(0);
    const badges = await store.lookup(db, moves.map((r) => r.profileKeys[0]!), NOON);
    for (const r of moves) expect(badges.get(r.profileKeys[0]!)?.nextFollowUpAt).toBe(NOON + 3 * DAY + 17 * HOUR);
    await expectDerivedRowsMatchScan(db);
    await db.transaction('rw', db.people, db.counters, () => rebuildCounters(db));
    expect(byKey(await db.counters.toArray())).toEqual(byKey(afterMove));
    db.close();
  });
});
