import { describe, expect, it } from 'vitest';
import { newPerson } from '../../../src/domain/person';
import { openDb } from '../../../src/store/db';
import { toRow } from '../../../src/store/rows';
import { CURRENT_VERSION, VERSIONS } from '../../../src/store/versions';
import { demoIdentity, fakeIdb, NOON, settings } from './helpers';
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

  it('refuses a version that does not exist', async () => {
    await expect(seedAtVersion(99, async () => {})).rejects.toThrow(/No schema version 99/);
  });
});
