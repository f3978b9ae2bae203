/**
 * Counters kept in the same transaction as every write to `people`, so the popup's totals
 * and the toolbar's due count are a few row reads at any size instead of index walks
 * (IndexedDB counts by stepping through every entry of a range, so a count grows with the
 * people counted).
 *
 * One row per counter, keyed by an array:
 *   ['group', g]      people listed under pipeline group g (rows.ts groupOf)
 *   ['stage', s]      people at stage s
 *   ['due', chunk]    people whose nextFollowUpAt falls in that chunk of DUE_CHUNK_HOURS UTC
 *                     hours (about 43 days): `n` in all, and `hours` per UTC hour of the chunk
 *   ['queue', tier, chunk]  the same for today's queue (rows.ts `queue`: [tier, time]), per tier
 * "Due before t" is the sum of the hours before t's hour, plus an index count of the short
 * range from the start of t's hour to t: exact, whatever the time zone. "In tier k of the
 * queue before t" is counted the same way. Hours are kept in a
 * few chunk rows rather than one row each, so a bulk write (an import, a cadence change)
 * touches a handful of counter rows, not hundreds.
 *
 * The counters are kept by a Dexie DBCore middleware, below every table method, so no write
 * path can forget them: add, put, delete and clear on `people` read the rows they replace and
 * apply the difference to the counters in the same IndexedDB transaction. The same middleware
 * keeps the profile-key buckets (['keys', b] rows in this table, known-keys.ts) with the same
 * read and the same write. Every read-write transaction that names `people` is widened to
 * include the counters (DERIVED_TABLES). A write that IndexedDB refuses (a unique profile key
 * already taken) counts nothing. Within one transaction, writes to `people` are queued one
 * after another, so two writes in parallel cannot both read the same counter.
 */
import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie';
import type { Stage } from '../domain/types';
import { applyToBucket, bucketKey, keyBucketDelta, type BucketDelta, type KeyBucketRow, type KnownKeys, type WrittenBuckets } from './known-keys';
import { PERSON_GROUPS, type PersonGroup, type PersonRow } from './rows';

export const COUNTERS_TABLE = 'counters';
/** The tables kept from `people` by the middleware below. */
export const DERIVED_TABLES = [COUNTERS_TABLE] as const;
export const HOUR_MS = 3_600_000;

export const DUE_CHUNK_HOURS = 1024;

export type CounterKey = ['group', PersonGroup] | ['stage', Stage] | ['due', number] | ['queue', number, number];
export interface CounterRow {
  key: CounterKey;
  n: number;
  /** Due and queue rows only: people per UTC hour (ms / 3,600,000, floored) of the chunk. */
  hours?: Record<string, number>;
}

interface Delta {
  key: CounterKey;
  d: number;
  hours?: Map<number, number>;
}

const keyId = (k: CounterKey) => k.join('|');

/** A follow-up date IndexedDB indexes (NaN is not a key; such a row is not in the index either). */
function indexedDate(v: unknown): v is number {
  return typeof v === 'number' && !Number.isNaN(v);
}

/** A queue key IndexedDB indexes: [tier, time], both numbers. */
function indexedQueue(v: unknown): v is [number, number] {
  return Array.isArray(v) && v.length === 2 && indexedDate(v[0]) && indexedDate(v[1]);
}

const hourOf = (t: number) => Math.floor(t / HOUR_MS);
const chunkOf = (hour: number) => Math.floor(hour / DUE_CHUNK_HOURS);

/** Net change per counter row of replacing `before` rows with `after` rows (undefined: none). */
export function countersDelta(changes: Iterable<{ before?: PersonRow | undefined; after?: PersonRow | undefined }>): Map<string, Delta> {
  const delta = new Map<string, Delta>();
  const entry = (key: CounterKey): Delta => {
    const id = keyId(key);
    let e = delta.get(id);
    if (!e) delta.set(id, (e = { key, d: 0 }));
    return e;
  };
  const byHour = (key: (chunk: number) => CounterKey, t: number, d: number) => {
    const hour = hourOf(t);
    const e = entry(key(chunkOf(hour)));
    e.d += d;
    e.hours ??= new Map();
    e.hours.set(hour, (e.hours.get(hour) ?? 0) + d);
  };
  const count = (row: PersonRow, d: number) => {
    entry(['group', row.group]).d += d;
    entry(['stage', row.stage]).d += d;
    if (indexedDate(row.nextFollowUpAt)) byHour((c) => ['due', c], row.nextFollowUpAt, d);
    const q = row.queue;
    if (indexedQueue(q)) byHour((c) => ['queue', q[0], c], q[1], d);
  };
  for (const { before, after } of changes) {
    if (before) count(before, -1);
    if (after) count(after, +1);
  }
  for (const [id, e] of delta) {
    if (e.hours) for (const [h, d] of e.hours) if (d === 0) e.hours.delete(h);
    if (e.d === 0 && !e.hours?.size) delta.delete(id);
  }
  return delta;
}

/** A counter row with a delta applied; null when nobody is left in it. */
function applied(row: CounterRow | undefined, e: Delta): CounterRow | null {
  const n = (row?.n ?? 0) + e.d;
  if (n <= 0) return null;
  if (!e.hours) return { key: e.key, n };
  const hours: Record<string, number> = { ...row?.hours };
  for (const [h, d] of e.hours) {
    const left = (hours[h] ?? 0) + d;
    if (left > 0) hours[h] = left;
    else delete hours[h];
  }
  return { key: e.key, n, hours };
}

/*
 * The functions below chain with .then, never await: Dexie keeps its transaction zone (which
 * the middlewares under this one read) across a .then made inside the zone, not across a
 * native await.
 */

/**
 * Applies a delta to the counter rows and the profile-key buckets (known-keys.ts) with one read
 * and one write of each; a row nobody is left in is deleted. Resolves to the buckets written.
 */
function applyDelta(counters: DBCoreTable, trans: DBCoreTransaction, delta: Map<string, Delta>, buckets: BucketDelta): Promise<WrittenBuckets> {
  const written: WrittenBuckets = new Map();
  if (delta.size === 0 && buckets.size === 0) return Promise.resolve(written);
  const entries = [...delta.values()];
  const bucketIds = [...buckets.keys()];
  const keys = [...entries.map((e) => e.key), ...bucketIds.map(bucketKey)];
  return counters.getMany({ trans, keys }).then((current: unknown[]) => {
    const puts: unknown[] = [];
    const deletes: unknown[] = [];
    entries.forEach((e, i) => {
      const next = applied(current[i] as CounterRow | undefined, e);
      if (next) puts.push(next);
      else deletes.push(e.key);
    });
    bucketIds.forEach((b, i) => {
      const row = current[entries.length + i] as KeyBucketRow | undefined;
      const hashes = applyToBucket(row?.hashes ?? new Uint32Array(0), buckets.get(b)!);
      written.set(b, hashes);
      if (hashes.length) puts.push({ key: bucketKey(b), hashes } satisfies KeyBucketRow);
      else deletes.push(bucketKey(b));
    });
    return Promise.all([
      puts.length ? counters.mutate({ type: 'put', trans, values: puts }) : undefined,
      deletes.length ? counters.mutate({ type: 'delete', trans, keys: deletes }) : undefined,
    ]).then(() => written);
  });
}

function oldRows(table: DBCoreTable, req: DBCoreMutateRequest): Promise<(PersonRow | undefined)[]> {
  const { trans } = req;
  switch (req.type) {
    case 'add':
      return Promise.resolve(req.values.map(() => undefined));
    case 'put':
      return table.getMany({ trans, keys: req.keys ?? req.values.map((v): unknown => table.schema.primaryKey.extractKey!(v)) }) as Promise<(PersonRow | undefined)[]>;
    case 'delete':
      return table.getMany({ trans, keys: req.keys }) as Promise<(PersonRow | undefined)[]>;
    case 'deleteRange':
      return table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: req.range } }).then((r) => r.result as PersonRow[]);
  }
}

function mutateCounted(down: DBCore, table: DBCoreTable, req: DBCoreMutateRequest, known: KnownKeys | undefined): Promise<DBCoreMutateResponse> {
  return oldRows(table, req).then((before) =>
    table.mutate(req).then((res) => {
      const ok = (i: number) => res.failures[i] === undefined;
      const changes: { before?: PersonRow | undefined; after?: PersonRow | undefined }[] = [];
      if (req.type === 'deleteRange') {
        if (res.numFailures === 0) for (const b of before) changes.push({ before: b });
      } else {
        // IndexedDB applies a request's rows in order: a key written twice replaces its own first write.
        const pkOf = table.schema.primaryKey.extractKey!;
        const keys: unknown[] = req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((v): unknown => pkOf(v)));
        const latest = new Map<unknown, PersonRow | undefined>();
        keys.forEach((key, i) => {
          if (!ok(i)) return;
          const was = latest.has(key) ? latest.get(key) : before[i];
          const now = req.type === 'delete' ? undefined : (req.values[i] as PersonRow);
          changes.push({ before: was, after: now });
          latest.set(key, now);
        });
      }
      return applyDelta(down.table(COUNTERS_TABLE), req.trans, countersDelta(changes), keyBucketDelta(changes)).then((written) => {
        known?.wrote(req.trans, written);
        return res;
      });
    }),
  );
}

/**
 * Keeps the counters and the profile-key buckets: see the top of this file. Registered by
 * HandraiserDB, which hands it the connection's KnownKeys to tell of the buckets written.
 */
export function derivedRowsMiddleware(known?: KnownKeys): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'handraiser-derived-rows',
    create(down) {
      const queues = new WeakMap<DBCoreTransaction, Promise<unknown>>();
      return {
        ...down,
        transaction(stores, mode, options) {
          const widened = mode === 'readwrite' && stores.includes('people') ? [...new Set([...stores, ...DERIVED_TABLES])] : stores;
          return down.transaction(widened, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (name !== 'people') return table;
          return {
            ...table,
            mutate(req) {
              const prev = queues.get(req.trans) ?? Promise.resolve();
              const run = prev.then(() => mutateCounted(down, table, req, known));
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
}

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
  const hour = hourOf(t);
  const chunk = chunkOf(hour);
  const [rows, partial] = await Promise.all([
    db.counters.where('key').between(['due', -Infinity], ['due', chunk], true, true).toArray(),
    db.people.where('nextFollowUpAt').between(hour * HOUR_MS, t, true, false).count(),
  ]);
  let sum = partial;
  for (const row of rows) {
    if (row.key[1] !== chunk) sum += row.n;
    else for (const [h, n] of Object.entries(row.hours ?? {})) if (Number(h) < hour) sum += n;
  }
  return sum;
}

/**
 * How many people are in tier `tier` of the queue with a time before `t` (domain/focus): the
 * hour buckets before t's hour plus an index count of the rest of that hour, as countDueBefore.
 */
export async function countQueueBefore(db: CountersDb, tier: number, t: number): Promise<number> {
  const hour = hourOf(t);
  const chunk = chunkOf(hour);
  const [rows, partial] = await Promise.all([
    db.counters.where('key').between(['queue', tier, -Infinity], ['queue', tier, chunk], true, true).toArray(),
    db.people.where('queue').between([tier, hour * HOUR_MS], [tier, t], true, false).count(),
  ]);
  let sum = partial;
  for (const row of rows) {
    if (row.key[2] !== chunk) sum += row.n;
    else for (const [h, n] of Object.entries(row.hours ?? {})) if (Number(h) < hour) sum += n;
  }
  return sum;
}

// ---------- building from scratch ----------

/**
 * Counts everyone again from the people indexes (key cursors: no row is read) and replaces
 * every counter (the profile-key buckets stay). Used by the version 2 upgrade, and by tests to check the kept counters.
 * `tx` is a transaction (or an upgrade transaction) over people and counters.
 */
export async function rebuildCounters(tables: { people: Dexie.Table; counters: Dexie.Table }): Promise<void> {
  const counts = new Map<string, CounterRow>();
  const row = (key: CounterKey): CounterRow => {
    const id = keyId(key);
    let r = counts.get(id);
    if (!r) counts.set(id, (r = key[0] === 'due' || key[0] === 'queue' ? { key, n: 0, hours: {} } : { key, n: 0 }));
    return r;
  };
  await tables.people.orderBy('group').eachKey((k) => void (row(['group', k as PersonGroup]).n += 1));
  await tables.people.orderBy('stage').eachKey((k) => void (row(['stage', k as Stage]).n += 1));
  const byHour = (key: CounterKey, hour: number) => {
    const r = row(key);
    r.n += 1;
    r.hours![hour] = (r.hours![hour] ?? 0) + 1;
  };
  await tables.people.orderBy('nextFollowUpAt').eachKey((k) => {
    if (!indexedDate(k)) return;
    const hour = hourOf(k);
    byHour(['due', chunkOf(hour)], hour);
  });
  // The queue index came with version 5; version 2's upgrade runs before it exists.
  if (tables.people.schema.idxByName.queue) {
    await tables.people.orderBy('queue').eachKey((k) => {
      if (!indexedQueue(k)) return;
      const hour = hourOf(k[1]);
      byHour(['queue', k[0], chunkOf(hour)], hour);
    });
  }
  // Every row but the profile-key buckets, which known-keys.ts rebuilds.
  const old = (await tables.counters.toCollection().primaryKeys()).filter((k) => !(Array.isArray(k) && k[0] === 'keys'));
  await tables.counters.bulkDelete(old);
  await tables.counters.bulkPut([...counts.values()]);
}
