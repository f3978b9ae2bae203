/**
 * Migration tests: create a database exactly as version N of the code did, write rows
 * with that version's schema, close it, then open it with the current code (which runs
 * every later version's upgrade). The schema for N comes from VERSIONS, never a copy.
 *
 * How a version uses it (version 2 added the counters table, see versions.ts):
 *   1. add `{ version: N, stores: { people: '..., *sites' }, upgrade: (tx) => ... }` to VERSIONS;
 *   2. in a test:
 *        const name = await seedAtVersion(1, async (db) => { await db.table('people').add(v1Row) });
 *        const db = await openDb(name, fakeIdb);
 *        expect((await db.people.get(v1Row.id))?.sites).toEqual([...]);
 */
import Dexie from 'dexie';
import { declareVersions } from '../../../src/store/db';
import type { PersonRow } from '../../../src/store/rows';
import { VERSIONS } from '../../../src/store/versions';
import { fakeIdb } from './helpers';

let n = 0;

/** Creates a database at schema `version`, lets `write` fill it, closes it; returns its name. */
export async function seedAtVersion(
  version: number,
  write: (db: Dexie) => Promise<void>,
  name = `handraiser-upgrade-${++n}-${Math.random().toString(36).slice(2)}`,
): Promise<string> {
  const versions = VERSIONS.filter((v) => v.version <= version);
  if (versions.length === 0 || versions[versions.length - 1]!.version !== version) {
    throw new Error(`No schema version ${version} in VERSIONS`);
  }
  const db = new Dexie(name, fakeIdb);
  declareVersions(db, versions);
  await db.open();
  try {
    await write(db);
  } finally {
    db.close();
  }
  return name;
}

/**
 * What version 3's code kept beside every write to people, for a database seeded at version 3:
 * per profile key, the owner's state without profiles, sources, notes and the row-only fields
 * (the badge sources, dropped by version 4). Call after the counters are written.
 */
export async function writeV3BadgeSources(db: Dexie, rows: Iterable<PersonRow>): Promise<number> {
  const keys: string[] = [];
  const states: object[] = [];
  for (const row of rows) {
    const { profileKeys, nameLower: _n, searchTerms: _s, group: _g, identities: _i, sources: _o, notes: _t, ...state } = row;
    for (const key of profileKeys) {
      keys.push(key);
      states.push(state);
    }
  }
  await db.table('badgeSources').bulkPut(states, keys);
  return db.table('badgeSources').count();
}
