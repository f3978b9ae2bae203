/**
 * What a write records for sync, kept in the same IndexedDB transaction as the write, so
 * nothing is lost when the service worker stops right after it.
 *
 * While sync is set up, every read-write transaction over a synced table is widened to the
 * outbox (`syncOutbox`), and every row written or deleted there leaves one small row in it:
 * `table/key` and a token that changes with each write. Nothing is read to write it (a blind
 * put), so a write costs one more small row, and a write with sync off costs nothing: the
 * middleware hands the request straight down. The sync run sends what the outbox names, then
 * removes each entry whose token has not changed meanwhile (store/sync.ts).
 *
 * The sync run's own writes of what other devices sent are not recorded: they happen in
 * transactions that also write `syncDocs` (what this device last agreed on with the server),
 * which no other code does. Like counters.ts, the chain uses .then, never await, so Dexie's
 * transaction zone carries through.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

/**
 * The tables whose rows sync, one line each. A table added here syncs with the default merge
 * rule (the later change of each field wins; domain/sync-merge.ts) and its rows as they are
 * stored; docs/sync.md.
 */
export const SYNCED_TABLES = ['people', 'touches', 'appointments', 'handRaisePosts', 'settings'] as const;
const SYNCED = new Set<string>(SYNCED_TABLES);

export const OUTBOX = 'syncOutbox';
/** The meta row that holds the sync set-up; its presence means sync is on (db.ts reads it on open). */
export const SYNC_CONFIG_KEY = 'syncConfig';
export const SYNC_DOCS = 'syncDocs';

export interface OutboxRow {
  /** `table/key`. */
  id: string;
  /** Changes with every write, so the run removes only entries nothing wrote again since it read them. */
  w: string;
}

export const outboxId = (table: string, key: string) => `${table}/${key}`;
export function splitOutboxId(id: string): { t: string; k: string } {
  const i = id.indexOf('/');
  return { t: id.slice(0, i), k: id.slice(i + 1) };
}

const session = Math.random().toString(36).slice(2, 10);
let written = 0;
export const writeToken = () => `${session}.${++written}`;

function keysOf(table: DBCoreTable, req: DBCoreMutateRequest): Promise<unknown[]> {
  switch (req.type) {
    case 'add':
    case 'put':
      return Promise.resolve(req.keys ?? req.values.map((v): unknown => table.schema.primaryKey.extractKey!(v)));
    case 'delete':
      return Promise.resolve(req.keys);
    case 'deleteRange':
      return table.query({ trans: req.trans, values: false, query: { index: table.schema.primaryKey, range: req.range } }).then((r) => r.result as unknown[]);
  }
}

/** Records writes to the synced tables while `isOn()`: see the top of this file. */
export function syncLogMiddleware(isOn: () => boolean): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'handraiser-sync-log',
    create(down) {
      const logged = new WeakSet<DBCoreTransaction>();
      return {
        ...down,
        transaction(stores, mode, options) {
          const log = mode === 'readwrite' && isOn() && !stores.includes(SYNC_DOCS) && stores.some((s) => SYNCED.has(s));
          const trans = down.transaction(log ? [...new Set([...stores, OUTBOX])] : stores, mode, options);
          if (log) logged.add(trans);
          return trans;
        },
        table(name) {
          const table = down.table(name);
          if (!SYNCED.has(name)) return table;
          return {
            ...table,
            mutate(req) {
              if (!logged.has(req.trans)) return table.mutate(req);
              return keysOf(table, req).then((keys) =>
                table.mutate(req).then((res) => {
                  const rows: OutboxRow[] = [];
                  keys.forEach((key, i) => {
                    if (req.type === 'deleteRange' ? res.numFailures === 0 : res.failures[i] === undefined) {
                      rows.push({ id: outboxId(name, String(key)), w: writeToken() });
                    }
                  });
                  if (rows.length === 0) return res;
                  return down
                    .table(OUTBOX)
                    .mutate({ type: 'put', trans: req.trans, values: rows })
                    .then(() => res);
                }),
              );
            },
          };
        },
      };
    },
  };
}
