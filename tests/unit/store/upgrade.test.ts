import { describe, expect, it } from 'vitest';
import { newPerson, setStage } from '../../../src/domain/person';
import type { Stage } from '../../../src/domain/types';
import { countDue } from '../../../src/store/due';
import { groupTotals } from '../../../src/store/pipeline';
import { expectCountsMatchScan } from './counts-helper';
import { openDb } from '../../../src/store/db';
import { toRow } from '../../../src/store/rows';
import { CURRENT_VERSION, VERSIONS } from '../../../src/store/versions';
import { DAY, demoIdentity, fakeIdb, NOON, settings } from './helpers';
import { seedAtVersion } from './upgrade-helper';

describe('schema versions', () => {
  it('are numbered upwards and the current one is the last', () => {
    const numbers = VERSIONS.map((v) => v.version);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(CURRENT_VERSION).toBe(numbers[numbers.length - 1]);
  });

  it('data written at version 1 opens with the current code, indexes intact', async () => {
    const person = newPerson(
      { id: 'p1', name: 'Ada Lovelace', identity: demoIdentity('ada', 'Ada Lovelace'), source: { kind: 'comment', at: NOON }, now: NOON },
      settings,
    );
    const name = await seedAtVersion(1, async (db) => {
      await db.table('people').add(toRow(person));
      await db.table('touches').add({ id: 't1', personId: 'p1', at: NOON, direction: 'inbound', channel: 'demo', kind: 'comment' });
    });
    const db = await openDb(name, fakeIdb);
    expect(db.verno).toBe(CURRENT_VERSION);
    expect((await db.people.where('profileKeys').equals('demo:ada').first())?.id).toBe('p1');
    expect(await db.people.where('nameLower').startsWith('ada').count()).toBe(1);
    expect(await db.touches.where('personId').equals('p1').count()).toBe(1);
    db.close();
  });

  it('version 2 counts the people a version 1 database already holds', async () => {
    const at = NOON - 3 * DAY;
    const make = (slug: string, stage: Stage) =>
      toRow(setStage(newPerson({ id: slug, name: slug, identity: demoIdentity(slug), source: { kind: 'comment', at }, now: at }, settings), stage, at, settings));
    const rows = [make('a', 'lead'), make('b', 'lead'), make('c', 'prospect'), make('d', 'not_interested'), make('e', 'customer')];
    const name = await seedAtVersion(1, async (db) => {
      await db.table('people').bulkAdd(rows);
    });
    const db = await openDb(name, fakeIdb);
    const totals = await groupTotals(db);
    expect(totals.stages).toEqual({ lead: 2, prospect: 1, customer: 1, team_member: 0, not_interested: 1 });
    // Leads and the prospect are overdue (their follow-up fell days ago); the others have none.
    expect(await countDue(db, NOON)).toBe(rows.filter((r) => r.nextFollowUpAt !== undefined && r.nextFollowUpAt < NOON).length);
    expect(await countDue(db, NOON)).toBeGreaterThan(0);
    await expectCountsMatchScan(db);
    db.close();
  });

  it('refuses a version that does not exist', async () => {
    await expect(seedAtVersion(99, async () => {})).rejects.toThrow(/No schema version 99/);
  });
});
