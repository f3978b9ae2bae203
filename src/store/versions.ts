/**
 * Every schema version the database has ever had, oldest first. Never edit a shipped
 * entry: add a new one with its `stores` (only the tables that change; null deletes a
 * table) and an `upgrade` that rewrites old rows. tests/unit/store/upgrade-helper.ts
 * opens a database at an old version, writes rows, then opens it with the current code.
 */
import type { Transaction } from 'dexie';
import { rebuildBadgeSources } from './badge-sources';
import { rebuildCounters } from './counters';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

export const VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // profileKeys, nameLower, searchTerms, group are derived on write (see rows.ts).
      people:
        'id, &*profileKeys, nextFollowUpAt, stage, lastTouchAt, nameLower, *searchTerms, createdAt, updatedAt, [stage+updatedAt], group, [group+updatedAt]',
      // dedupeKey is optional: IndexedDB leaves rows without it out of the unique index.
      touches: 'id, personId, at, [personId+at], &dedupeKey',
      appointments: 'id, personId, at, status, createdAt',
      handRaisePosts: 'postKey, site',
      siteHealth: '++id, site, at',
      settings: 'key',
      meta: 'key',
    },
  },
  {
    // Totals kept with every write to people (counters.ts), so counts cost a few reads at any
    // size. The upgrade counts the existing people once, from their index keys.
    version: 2,
    stores: { counters: 'key' },
    upgrade: (tx) => rebuildCounters({ people: tx.table('people'), counters: tx.table('counters') }),
  },
  {
    // One small row per profile key with what the owner's badge needs (badge-sources.ts), kept
    // with every write to people, so the badge look-up reads small rows by primary key. The
    // upgrade writes them for the existing people.
    version: 3,
    stores: { badgeSources: '' },
    upgrade: (tx) => rebuildBadgeSources({ people: tx.table('people'), badgeSources: tx.table('badgeSources') }),
  },
];

export const CURRENT_VERSION = VERSIONS[VERSIONS.length - 1]!.version;
