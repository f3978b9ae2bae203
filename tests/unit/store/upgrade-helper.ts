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
import type { Person } from '../../../src/domain/types';
import { declareVersions } from '../../../src/store/db';
import { fromRow, toRow, type PersonRow } from '../../../src/store/rows';
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

/**
 * A person's row as versions 1 to 4 stored it, frozen here as those versions' code wrote it:
 * the name and its words lower-cased (NFKC) but not folded, handles, the group; no e-mail or
 * phone terms and no queue position (both came with version 5).
 */
export function toRowV4(person: Person): PersonRow {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const terms = new Set<string>();
  const addWords = (s: string) => {
    for (const w of norm(s).split(' ')) if (w) terms.add(w.slice(0, 100));
  };
  addWords(person.name);
  for (const id of person.identities) {
    addWords(id.displayName);
    if (id.handle) {
      const h = norm(id.handle);
      if (h) {
        terms.add(h);
        terms.add(h.replace(/^@+/, ''));
      }
    }
  }
  terms.delete('');
  // What the current code keeps of the person itself (silenced people keep no follow-up date) was kept then too.
  const { profileKeys, group, ...stored } = toRow(person);
  const { nameLower: _n, searchTerms: _s, queue: _q, ...rest } = stored;
  return { ...rest, profileKeys, nameLower: norm(person.name), searchTerms: [...terms].slice(0, 100), group };
}

/** What the current code makes of a row an older version wrote: the same person, its derived fields as of now. */
export function currentRow(row: PersonRow): PersonRow {
  return toRow(fromRow(row));
}
