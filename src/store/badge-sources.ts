/**
 * One small row per profile key, kept in the same transaction as every write to `people`,
 * so the badge look-up (people.ts lookup) reads 200 small rows by primary key instead of 200
 * full people through the profileKeys index: at 100k people that is about 40% less time in
 * IndexedDB, the look-up's largest part.
 *
 * Key: the profile key (outbound). Value: the person's PersonState (everything the status
 * rules read: the person without identities, sources and notes, which only grow). A person
 * with two profiles has two rows. The counters middleware (counters.ts) keeps these rows
 * with the counters, from the same before and after rows, so no write path can forget them.
 */
import type Dexie from 'dexie';
import type { DBCoreTable, DBCoreTransaction } from 'dexie';
import type { PersonState } from '../domain/types';
import type { PersonRow } from './rows';

export const BADGE_SOURCES_TABLE = 'badgeSources';

/** What a person's badge needs: their state, without the row's derived fields. */
export function badgeSourceOf(row: PersonRow): PersonState {
  const { profileKeys: _k, nameLower: _n, searchTerms: _s, group: _g, identities: _i, sources: _o, notes: _t, ...state } = row;
  return state;
}

/**
 * What replacing `before` rows with `after` rows does to the badge sources, in order: per
 * profile key, the new source, or null when no person owns the key any more.
 */
export function badgeSourcesDelta(
  changes: Iterable<{ before?: PersonRow | undefined; after?: PersonRow | undefined }>,
): Map<string, PersonState | null> {
  const delta = new Map<string, PersonState | null>();
  for (const { before, after } of changes) {
    if (before) for (const key of before.profileKeys) delta.set(key, null);
    if (after) {
      const source = badgeSourceOf(after);
      for (const key of after.profileKeys) delta.set(key, source);
    }
  }
  return delta;
}

/** Writes a delta (see badgeSourcesDelta) in the transaction. Chained with .then: see counters.ts. */
export function applyBadgeSources(table: DBCoreTable, trans: DBCoreTransaction, delta: Map<string, PersonState | null>): Promise<unknown> {
  const putKeys: string[] = [];
  const values: PersonState[] = [];
  const deletes: string[] = [];
  for (const [key, source] of delta) {
    if (source) {
      putKeys.push(key);
      values.push(source);
    } else deletes.push(key);
  }
  return Promise.all([
    putKeys.length ? table.mutate({ type: 'put', trans, keys: putKeys, values }) : undefined,
    deletes.length ? table.mutate({ type: 'delete', trans, keys: deletes }) : undefined,
  ]);
}

/**
 * Writes every person's badge sources again from the people table. Used by the version 3
 * upgrade, and by tests to check the kept rows. Inside a transaction over both tables.
 */
export async function rebuildBadgeSources(tables: { people: Dexie.Table; badgeSources: Dexie.Table }): Promise<void> {
  await tables.badgeSources.clear();
  const keys: string[] = [];
  const values: PersonState[] = [];
  await tables.people.each((row: PersonRow) => {
    const source = badgeSourceOf(row);
    for (const key of row.profileKeys) {
      keys.push(key);
      values.push(source);
    }
  });
  await tables.badgeSources.bulkPut(values, keys);
}
