import { describe, expect, it } from 'vitest';
import { newPerson, setStage } from '../../../src/domain/person';
import type { Person, Stage } from '../../../src/domain/types';
import { rebuildCounters } from '../../../src/store/counters';
import { countDue } from '../../../src/store/due';
import { lookup } from '../../../src/store/people';
import { groupTotals, pipeline } from '../../../src/store/pipeline';
import { today } from '../../../src/store/today';
import { expectDerivedRowsMatchScan, expectQueueKeysCurrent } from './derived-rows-helper';
import { openDb, type HandraiserDB } from '../../../src/store/db';
import { fromRow, toRow, type PersonRow } from '../../../src/store/rows';
import { CURRENT_VERSION, VERSIONS } from '../../../src/store/versions';
import { DAY, demoIdentity, fakeIdb, NOON, settings } from './helpers';
import { seedAtVersion, toRowV4, writeV3BadgeSources } from './upgrade-helper';

/** Two people three days ago: Ada, a prospect with two profiles, and Ben, a lead. */
function adaAndBen(): PersonRow[] {
  const at = NOON - 3 * DAY;
  const ada = newPerson({ id: 'ada', name: 'Ada', identity: demoIdentity('ada'), source: { kind: 'comment', at }, now: at }, settings);
  const two = { ...setStage(ada, 'prospect', at, settings), identities: [demoIdentity('ada'), demoIdentity('ada-2')] };
  const ben = newPerson({ id: 'ben', name: 'Ben', identity: demoIdentity('ben'), source: { kind: 'comment', at }, now: at }, settings);
  return [toRow(two), toRow(ben)];
}

/** The look-up finds Ada under both her profiles and Ben under his, and nobody else. */
async function expectAdaAndBenFound(db: HandraiserDB) {
  const badges = await lookup(db, ['demo:ada', 'demo:ada-2', 'demo:ben', 'demo:nobody'], NOON);
  expect([...badges.keys()].sort()).toEqual(['demo:ada', 'demo:ada-2', 'demo:ben']);
  expect(badges.get('demo:ada-2')).toMatchObject({ personId: 'ada', stage: 'prospect' });
  return badges;
}

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
    await expectDerivedRowsMatchScan(db);
    db.close();
  });

  it('the people a version 2 database holds get their badges after the upgrade', async () => {
    const rows = adaAndBen();
    const name = await seedAtVersion(2, async (db) => {
      await db.table('people').bulkAdd(rows);
      // Version 2 code kept its counters with every write.
      await rebuildCounters({ people: db.table('people'), counters: db.table('counters') });
    });
    const db = await openDb(name, fakeIdb);
    const badges = await expectAdaAndBenFound(db);
    expect(badges.get('demo:ben')).toMatchObject({ personId: 'ben', stage: 'lead', signals: { overdue: true } });
    await expectDerivedRowsMatchScan(db);
    db.close();
  });

  it('version 4 drops the badge sources a version 3 database kept, and loses nobody', async () => {
    const rows = adaAndBen();
    const at = NOON - 3 * DAY;
    const touch = { id: 't1', personId: 'ada', at, direction: 'inbound', channel: 'demo', kind: 'comment' };
    const name = await seedAtVersion(3, async (db) => {
      await db.table('people').bulkAdd(rows);
      await db.table('touches').add(touch);
      // Version 3 code kept its counters, and per profile key the owner's state (without the
      // profiles, sources, notes and the row-only fields), with every write.
      await rebuildCounters({ people: db.table('people'), counters: db.table('counters') });
      expect(await writeV3BadgeSources(db, rows)).toBe(3);
    });
    const db = await openDb(name, fakeIdb);
    expect(db.verno).toBe(CURRENT_VERSION);
    expect([...db.backendDB().objectStoreNames]).not.toContain('badgeSources');
    expect(await db.people.orderBy('id').toArray()).toEqual([...rows].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.touches.toArray()).toEqual([touch]);
    await expectAdaAndBenFound(db);
    await expectDerivedRowsMatchScan(db);
    // And writes go on as before, counted, without the table.
    await db.people.put({ ...rows[1]!, stage: 'customer', group: 'customer' });
    await expectDerivedRowsMatchScan(db);
    db.close();
  });

  it('refuses a version that does not exist', async () => {
    await expect(seedAtVersion(99, async () => {})).rejects.toThrow(/No schema version 99/);
  });

  it('version 6 adds the sync tables empty; a database without sync set up records nothing', async () => {
    const [ada] = adaAndBen();
    const name = await seedAtVersion(4, async (db) => {
      await db.table('people').add(ada!);
      await rebuildCounters({ people: db.table('people'), counters: db.table('counters') });
    });
    const db = await openDb(name, fakeIdb);
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.syncOutbox.count()).toBe(0);
    expect(await db.syncDocs.count()).toBe(0);
    expect(db.syncOn).toBe(false);
    await db.people.put({ ...ada!, notes: 'edited after the upgrade' });
    expect(await db.syncOutbox.count()).toBe(0);
    expect((await db.people.where('profileKeys').equals('demo:ada-2').first())?.notes).toBe('edited after the upgrade');
    db.close();
  });
});

describe('version 5', () => {
  it('a version 4 database: every person kept, search keys folded, the queue filled and counted', async () => {
    const at = NOON - 10 * DAY;
    const make = (id: string, name: string, stage: Stage, extra: Partial<Person> = {}) =>
      ({ ...setStage(newPerson({ id, name, identity: demoIdentity(id, name), source: { kind: 'comment', at }, now: at }, settings), stage, at, settings), ...extra });
    const people = [
      make('fer', 'María Fernández', 'lead'),
      make('con', 'João Conceição', 'prospect', { qualification: { need: true, desire: true, decisionMaker: true, initiative: true } }),
      make('mei', 'Mei Chen', 'customer'),
      make('no', 'Said No', 'not_interested'),
    ];
    const v4 = people.map(toRowV4);
    expect(v4[0]!.queue).toBeUndefined();
    expect(v4[0]!.nameLower).toBe('maría fernández');
    const name = await seedAtVersion(4, async (db) => {
      await db.table('people').bulkAdd(v4);
      await db.table('touches').add({ id: 't1', personId: 'fer', at, direction: 'inbound', channel: 'demo', kind: 'comment' });
      await rebuildCounters({ people: db.table('people'), counters: db.table('counters') });
    });
    const db = await openDb(name, fakeIdb);
    expect(db.verno).toBe(CURRENT_VERSION);
    const rows = await db.people.orderBy('id').toArray();
    // The people themselves are untouched.
    expect(rows.map(fromRow)).toEqual([...people].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.touches.count()).toBe(1);
    // Search without accents finds them.
    expect((await pipeline(db, { query: 'fernandez' }, NOON)).rows.map((r) => r.person.name)).toEqual(['María Fernández']);
    expect((await pipeline(db, { query: 'CONCEICAO' }, NOON)).rows.map((r) => r.person.name)).toEqual(['João Conceição']);
    // The queue: ready to decide first, then the customer, then the lead; never who said no.
    const view = await today(db, NOON, settings);
    expect(view.queue.flatMap((t) => t.rows.map((r) => r.person.name))).toEqual(['João Conceição', 'Mei Chen', 'María Fernández']);
    expect(view.queue.map((t) => t.total)).toEqual([1, 1, 0, 1]);
    await expectDerivedRowsMatchScan(db);
    await expectQueueKeysCurrent(db);
    db.close();
  });
});
