/**
 * Every schema version the database has ever had, oldest first. Never edit a shipped
 * entry: add a new one with its `stores` (only the tables that change; null deletes a
 * table) and an `upgrade` that rewrites old rows. tests/unit/store/upgrade-helper.ts
 * opens a database at an old version, writes rows, then opens it with the current code.
 */
import type { Transaction } from 'dexie';
import { rebuildCounters } from './counters';
import { fromRow, toRow, type PersonRow } from './rows';

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
    // badgeSources: one small row per profile key with what its owner's badge needs. Its
    // upgrade, which filled the table, was removed when version 4 came to drop it, so a
    // version 2 database passes through 3 to 4 without filling it: the one edit to a shipped
    // entry, and it changes no data.
    version: 3,
    stores: { badgeSources: '' },
  },
  {
    // The badge sources go: a second row per profile slowed every write more than reading
    // people through the profileKeys index slows the look-up (bench/README.md, "Storage").
    // Nothing else reads the table; the people are untouched.
    version: 4,
    stores: { badgeSources: null },
  },
  {
    // Today's queue and a search that folds case and accents (issue 22). Three derived fields
    // are rewritten for everyone: `nameLower` and `searchTerms` now fold accents ("fernandez"
    // finds "Fernández") and hold the new e-mail and phone, and `queue` ([tier, time], absent
    // for people never in it: domain/focus) is indexed, so the queue of any day is one range
    // per tier. The queue counters (counters.ts) are counted once, from the new index. The
    // people's own fields are untouched; phone and e-mail are optional, so old rows are valid.
    version: 5,
    stores: {
      people:
        'id, &*profileKeys, nextFollowUpAt, stage, lastTouchAt, nameLower, *searchTerms, createdAt, updatedAt, [stage+updatedAt], group, [group+updatedAt], queue',
    },
    upgrade: async (tx) => {
      await tx
        .table('people')
        .toCollection()
        .modify((row: PersonRow, ref: { value: PersonRow }) => {
          ref.value = toRow(fromRow(row));
        });
      await rebuildCounters({ people: tx.table('people'), counters: tx.table('counters') });
    },
  },
  {
    // Sync (docs/sync.md): the outbox of rows written since the last sync run, kept in the same
    // transaction as each write (sync-log.ts), and per synced record what this device last
    // agreed on with the server. Both start empty: nothing is recorded until sync is set up.
    version: 6,
    stores: { syncOutbox: 'id', syncDocs: 'id, [t+k]' },
  },
];

export const CURRENT_VERSION = VERSIONS[VERSIONS.length - 1]!.version;
