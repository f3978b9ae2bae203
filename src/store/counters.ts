/**
 * Counters kept in the same transaction as every write to `people`, so the popup's totals and
 * the toolbar's due count are a few row reads at any size instead of index walks (IndexedDB
 * counts by stepping through every entry of a range: 100k people cost about a second).
 *
 * One row per counter, keyed by an array:
 *   ['group', g]    people listed under pipeline group g (rows.ts groupOf)
 *   ['stage', s]    people at stage s
 *   ['due', hour]   people whose nextFollowUpAt falls in that UTC hour (ms / 3,600,000, floored)
 * "Due before t" is the sum of the hour buckets before t's hour, plus an index count of the
 * short range from the start of t's hour to t: exact, whatever the time zone.
 *
 * The counters are kept by a Dexie DBCore middleware, below every table method, so no write
 * path can forget them: add, put, delete and clear on `people` read the rows they replace and
 * apply the difference in the same IndexedDB transaction. Every read-write transaction that
 * names `people` is widened to include `counters`. A write that IndexedDB refuses (a unique
 * profile key already taken) counts nothing. Within one transaction, writes to `people` are
 * queued one after another, so two writes in parallel cannot both read the same counter.
 */
import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie';
import type { Stage } from '../domain/types';
import { PERSON_GROUPS, type PersonGroup, type PersonRow } from './rows';

export const COUNTERS_TABLE = 'counters';
export const HOUR_MS = 3_600_000;

export type CounterKey = ['group', PersonGroup] | ['stage', Stage] | ['due', number];
export interface CounterRow {
  key: CounterKey;
  n: number;
}

const keyId = (k: CounterKey) => `${k[0]}|${k[1]}`;

/** A follow-up date IndexedDB indexes (NaN is not a key; such a row is not in the index either). */
function indexedDate(v: unknown): v is number {
  return typeof v === 'number' && !Number.isNaN(v);
}

/** The counters one stored row adds to. */
export function counterKeysOf(row: Pick<PersonRow, 'group' | 'stage' | 'nextFollowUpAt'>): CounterKey[] {
  const keys: CounterKey[] = [
    ['group', row.group],
    ['stage', row.stage],
  ];
  if (indexedDate(row.nextFollowUpAt)) keys.push(['due', Math.floor(row.nextFollowUpAt / HOUR_MS)]);
  return keys;
}

/** Net change per counter of replacing `before` rows with `after` rows (undefined: none). */
export function countersDelta(
  changes: Iterable<{ before?: PersonRow | undefined; after?: PersonRow | undefined }>,
): Map<string, { key: CounterKey; d: number }> {
  const delta = new Map<string, { key: CounterKey; d: number }>();
  const add = (key: CounterKey, d: number) => {
    const id = keyId(key);
    const e = delta.get(id);
    if (e) e.d += d;
    else delta.set(id, { key, d });
  };
  for (const { before, after } of changes) {
    if (before) for (const k of counterKeysOf(before)) add(k, -1);
    if (after) for (const k of counterKeysOf(after)) add(k, +1);
  }
  for (const [id, e] of delta) if (e.d === 0) delta.delete(id);
  return delta;
}

/*
 * The functions below chain with .then, never await: Dexie keeps its transaction zone (which
 * the middlewares under this one read) across a .then made inside the zone, not across a
 * native await.
 */

/** Applies a delta to the counter rows; a counter that reaches 0 is deleted. */
function applyDelta(counters: DBCoreTable, trans: DBCoreTransaction, delta: Map<string, { key: CounterKey; d: number }>): Promise<unknown> {
  if (delta.size === 0) return Promise.resolve();
  const entries = [...delta.values()];
  return counters.getMany({ trans, keys: entries.map((e) => e.key) }).then((current: (CounterRow | undefined)[]) => {
    const puts: CounterRow[] = [];
    const deletes: CounterKey[] = [];
    entries.forEach((e, i) => {
      const n = (current[i]?.n ?? 0) + e.d;
      if (n > 0) puts.push({ key: e.key, n });
      else deletes.push(e.key);
    });
    return Promise.all([
      puts.length ? counters.mutate({ type: 'put', trans, values: puts }) : undefined,
      deletes.length ? counters.mutate({ type: 'delete', trans, keys: deletes }) : undefined,
    ]);
  });
}

function oldRows(table: DBCoreTable, req: DBCoreMutateRequest): Promise<(PersonRow | undefined)[]> {
  const { trans } = req;
  switch (req.type) {
    case 'add':
      return Promise.resolve(req.values.map(() => undefined));
    case 'put':
      return table.getMany({ trans, keys: req.keys ?? req.values.map((v) => table.schema.primaryKey.extractKey!(v)) });
    case 'delete':
      return table.getMany({ trans, keys: req.keys });
    case 'deleteRange':
      return table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: req.range } }).then((r) => r.result);
  }
}

function mutateCounted(down: DBCore, table: DBCoreTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  return oldRows(table, req).then((before) =>
    table.mutate(req).then((res) => {
      const ok = (i: number) => res.failures[i] === undefined;
      const changes: { before?: PersonRow | undefined; after?: PersonRow | undefined }[] = [];
      if (req.type === 'deleteRange') {
        if (res.numFailures === 0) for (const b of before) changes.push({ before: b });
      } else {
        // IndexedDB applies a request's rows in order: a key written twice replaces its own first write.
        const pkOf = table.schema.primaryKey.extractKey!;
        const keys: unknown[] = req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((v) => pkOf(v)));
        const latest = new Map<unknown, PersonRow | undefined>();
        keys.forEach((key, i) => {
          if (!ok(i)) return;
          const was = latest.has(key) ? latest.get(key) : before[i];
          const now = req.type === 'delete' ? undefined : (req.values[i] as PersonRow);
          changes.push({ before: was, after: now });
          latest.set(key, now);
        });
      }
      return applyDelta(down.table(COUNTERS_TABLE), req.trans, countersDelta(changes)).then(() => res);
    }),
  );
}

/** Keeps the counters: see the top of this file. Registered by HandraiserDB. */
export const countersMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'handraiser-counters',
  create(down) {
    const queues = new WeakMap<DBCoreTransaction, Promise<unknown>>();
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && stores.includes('people') && !stores.includes(COUNTERS_TABLE) ? [...stores, COUNTERS_TABLE] : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== 'people') return table;
        return {
          ...table,
          mutate(req) {
            const prev = queues.get(req.trans) ?? Promise.resolve();
            const run = prev.then(() => mutateCounted(down, table, req));
            queues.set(
              req.trans,
              run.catch(() => undefined),
            );
            return run;
          },
        };
      },
    };
  },
};

// ---------- reading ----------

type CountersDb = Dexie & { counters: Dexie.Table<CounterRow, CounterKey>; people: Dexie.Table<PersonRow, string> };

/** People per pipeline group, from the counters. */
export async function groupCounters(db: CountersDb): Promise<Record<PersonGroup, number>> {
  const rows = await db.counters.bulkGet(PERSON_GROUPS.map((g): CounterKey => ['group', g]));
  return Object.fromEntries(PERSON_GROUPS.map((g, i) => [g, rows[i]?.n ?? 0])) as Record<PersonGroup, number>;
}

/** People per stage, from the counters. */
export async function stageCounters(db: CountersDb, stages: readonly Stage[]): Promise<Record<Stage, number>> {
  const rows = await db.counters.bulkGet(stages.map((s): CounterKey => ['stage', s]));
  return Object.fromEntries(stages.map((s, i) => [s, rows[i]?.n ?? 0])) as Record<Stage, number>;
}

/**
 * How many people have a follow-up date before `t`: the hour buckets before t's hour, plus
 * an index count from the start of that hour to t. Call inside a transaction over people and
 * counters, so both parts see the same data.
 */
export async function countDueBefore(db: CountersDb, t: number): Promise<number> {
  const hour = Math.floor(t / HOUR_MS);
  const [buckets, partial] = await Promise.all([
    db.counters.where('key').between(['due', -Infinity], ['due', hour], true, false).toArray(),
    db.people.where('nextFollowUpAt').between(hour * HOUR_MS, t, true, false).count(),
  ]);
  return buckets.reduce((sum, r) => sum + r.n, partial);
}

// ---------- building from scratch ----------

/**
 * Counts everyone again from the people indexes (key cursors: no row is read) and replaces
 * every counter. Used by the version 2 upgrade, and after an extension update as a repair.
 * `tx` is a transaction (or an upgrade transaction) over people and counters.
 */
export async function rebuildCounters(tables: { people: Dexie.Table; counters: Dexie.Table }): Promise<void> {
  const counts = new Map<string, CounterRow>();
  const bump = (key: CounterKey) => {
    const id = keyId(key);
    const row = counts.get(id);
    if (row) row.n += 1;
    else counts.set(id, { key, n: 1 });
  };
  await tables.people.orderBy('group').eachKey((k) => bump(['group', k as PersonGroup]));
  await tables.people.orderBy('stage').eachKey((k) => bump(['stage', k as Stage]));
  await tables.people.orderBy('nextFollowUpAt').eachKey((k) => {
    if (indexedDate(k)) bump(['due', Math.floor(k / HOUR_MS)]);
  });
  await tables.counters.clear();
  await tables.counters.bulkPut([...counts.values()]);
}
