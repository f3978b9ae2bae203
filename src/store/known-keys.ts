/**
 * Which profile keys may be stored, answered from memory, so that the strangers on a page (almost
 * everyone on a feed) cost the badge look-up no IndexedDB read: `lookup` (people.ts) reads only
 * the keys this says may be stored.
 *
 * What is kept: the 32-bit hash (keyHash) of every stored profile key, once per key (a multiset:
 * two keys may share a hash), split by the hash's top 8 bits into 256 sorted Uint32Arrays.
 * A hash can only say "maybe": a key whose hash is there is read from IndexedDB as before, which
 * settles it; a key whose hash is not there is certainly not stored. About 4 bytes per profile.
 *
 * Where it is kept, in two places that say the same:
 * - In the counters table, one row per bucket (['keys', b]), written by the counters middleware
 *   (counters.ts) in the same transaction as every write to people, so no write path (capture,
 *   import, merge, undo, delete all, a migration's writes) can forget it, and a write IndexedDB
 *   refuses or a transaction that aborts leaves it as it was. A header row (['keys', -1]) says the
 *   buckets are complete, and for which schema version: a database without one (written before
 *   these rows existed) or from another version is hashed again from the profileKeys index, once.
 * - In the background's memory (KnownKeys), read from those rows in one request when a look-up
 *   first needs it (after every service-worker start), then kept current bucket by bucket: when a
 *   transaction that wrote buckets commits, its rows replace those buckets. Those rows were read
 *   and written inside the transaction, so memory holds committed rows, never a guess.
 * Why rows per bucket: a capture rewrites one small row (about 1.6 KB at 100k people), not the
 * whole set, and a service-worker start reads the counters table (a few hundred rows) rather
 * than 100k index entries (IndexedDB steps through an index entry by entry: seconds at 100k on a
 * slow host; figures in bench/README.md).
 * Why the counters table: a table of its own would need a schema version of its own.
 */
import type { DBCoreTransaction } from 'dexie';
import type Dexie from 'dexie';
import type { PersonRow } from './rows';

/** The header's bucket number. */
const HEADER = -1;
/** What the rows hold; a header of another format is rebuilt. */
const FORMAT = 1;

export type KeyBucketKey = ['keys', number];
export interface KeyBucketRow {
  key: KeyBucketKey;
  /** Sorted ascending; a hash appears once per stored key that has it. */
  hashes: Uint32Array;
}
export interface KeyHeaderRow {
  key: KeyBucketKey;
  format: number;
  /** The schema version the buckets were last hashed from the index under (see the top). */
  schema: number;
}
type KeyRow = KeyBucketRow | KeyHeaderRow;

/**
 * FNV-1a over UTF-16 code units, then MurmurHash3's finaliser so the top bits (the bucket) are
 * as well mixed as the rest. tests/e2e/page-derived.mjs repeats it for raw writers; a test
 * checks both agree.
 */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const bucketOf = (hash: number) => hash >>> 24;
export const bucketKey = (b: number): KeyBucketKey => ['keys', b];
const EMPTY = new Uint32Array(0);

/** Per bucket, per hash: how many stored keys with that hash the changes add (or take away). */
export type BucketDelta = Map<number, Map<number, number>>;

/** The bucket delta of replacing `before` rows with `after` rows (undefined: none). */
export function keyBucketDelta(changes: Iterable<{ before?: PersonRow | undefined; after?: PersonRow | undefined }>): BucketDelta {
  const delta: BucketDelta = new Map();
  const count = (key: string, d: number) => {
    const h = keyHash(key);
    const b = bucketOf(h);
    let m = delta.get(b);
    if (!m) delta.set(b, (m = new Map<number, number>()));
    m.set(h, (m.get(h) ?? 0) + d);
  };
  for (const { before, after } of changes) {
    const was = new Set(before?.profileKeys);
    const now = new Set(after?.profileKeys);
    for (const k of was) if (!now.has(k)) count(k, -1);
    for (const k of now) if (!was.has(k)) count(k, +1);
  }
  for (const [b, m] of delta) {
    for (const [h, d] of m) if (d === 0) m.delete(h);
    if (m.size === 0) delta.delete(b);
  }
  return delta;
}

/**
 * A sorted bucket with a delta applied: each hash gains or loses that many occurrences (one it
 * does not hold is not taken away: that can only come from a row written past the store).
 */
export function applyToBucket(current: Uint32Array, delta: Map<number, number>): Uint32Array {
  const adds: number[] = [];
  const removes = new Map<number, number>();
  for (const [h, d] of delta) {
    if (d > 0) for (let i = 0; i < d; i++) adds.push(h);
    else removes.set(h, -d);
  }
  adds.sort((a, b) => a - b);
  const out = new Uint32Array(current.length + adds.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < current.length || j < adds.length) {
    let v: number;
    if (j >= adds.length || (i < current.length && current[i]! <= adds[j]!)) v = current[i++]!;
    else v = adds[j++]!;
    const r = removes.get(v);
    if (r) {
      if (r === 1) removes.delete(v);
      else removes.set(v, r - 1);
      continue;
    }
    out[o++] = v;
  }
  return o === out.length ? out : out.slice(0, o);
}

/** Binary search in a sorted bucket. */
function holds(bucket: Uint32Array, h: number): boolean {
  let lo = 0;
  let hi = bucket.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = bucket[mid]!;
    if (v === h) return true;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const isHeader = (row: KeyRow): row is KeyHeaderRow => row.key[1] === HEADER;

/** The header of complete buckets hashed under schema version `schema`. */
export const keyHeader = (schema: number): KeyHeaderRow => ({ key: bucketKey(HEADER), format: FORMAT, schema });

type Tables = { people: Dexie.Table; counters: Dexie.Table };

/**
 * Hashes every stored profile key again from the profileKeys index (a key cursor: no row is
 * read) and replaces every bucket and the header. `tables` are in a read-write transaction over
 * people and counters, so no write to people can come between the read and the rows written.
 */
export async function rebuildKeyBuckets(tables: Tables, schema: number): Promise<void> {
  const buckets = new Map<number, Map<number, number>>();
  await tables.people.orderBy('profileKeys').eachKey((k) => {
    const h = keyHash(k as string);
    let m = buckets.get(bucketOf(h));
    if (!m) buckets.set(bucketOf(h), (m = new Map<number, number>()));
    m.set(h, (m.get(h) ?? 0) + 1);
  });
  const old = (await tables.counters.toCollection().primaryKeys()).filter((k) => Array.isArray(k) && k[0] === 'keys');
  await tables.counters.bulkDelete(old);
  const rows: KeyRow[] = [...buckets].map(([b, m]) => ({ key: bucketKey(b), hashes: applyToBucket(EMPTY, m) }));
  rows.push(keyHeader(schema));
  await tables.counters.bulkPut(rows);
}

/** The committed bucket rows of a transaction: b → its hashes (empty: the row was deleted). */
export type WrittenBuckets = Map<number, Uint32Array>;

type State = 'cold' | 'loading' | 'rebuilding' | 'ready';

/**
 * The buckets in memory: see the top of this file. One per database connection (HandraiserDB);
 * only the background opens the database, so only its copy is ever used.
 */
export class KnownKeys {
  private state: State = 'cold';
  private buckets: Uint32Array[] = [];
  private loading: Promise<void> | undefined;
  private rebuilding: Promise<void> | undefined;
  private readonly written = new WeakMap<object, WrittenBuckets>();

  /** Whether look-ups can be filtered (tests and the bench ask). */
  get ready(): boolean {
    return this.state === 'ready';
  }

  /**
   * The keys of `keys` that may be stored, or all of them while the buckets are not in memory
   * yet. The first call after a start reads the buckets (one request) and waits for it; a
   * database that must be hashed again from its index is not waited for (seconds at 100k):
   * until that is done, every key is read, as before.
   */
  async mayBeStored(db: Dexie, keys: string[]): Promise<string[]> {
    if (this.state !== 'ready') await this.prepare(db);
    if (this.state !== 'ready') return keys;
    return keys.filter((k) => {
      const h = keyHash(k);
      return holds(this.buckets[bucketOf(h)] ?? EMPTY, h);
    });
  }

  /** Reads the buckets, and waits for a rebuild if they must be hashed again; true once look-ups are filtered. */
  async settled(db: Dexie): Promise<boolean> {
    await this.prepare(db);
    await this.rebuilding;
    await this.prepare(db);
    return this.ready;
  }

  /** Reads the buckets if nobody is yet; starts the rebuild when they are missing. */
  prepare(db: Dexie): Promise<void> {
    if (this.state === 'cold') {
      this.loading = this.load(db)
        .catch(() => {
          this.state = 'cold';
        })
        .finally(() => {
          this.loading = undefined;
        });
    }
    return this.loading ?? Promise.resolve();
  }

  /**
   * Called by the counters middleware with the bucket rows a transaction wrote (the latest per
   * bucket wins); they replace memory's buckets once the transaction commits, and are dropped
   * if it aborts.
   */
  wrote(trans: DBCoreTransaction, rows: WrittenBuckets): void {
    if (rows.size === 0) return;
    let mine = this.written.get(trans);
    if (!mine) {
      const target = trans as Partial<EventTarget>;
      if (typeof target.addEventListener !== 'function') {
        // No way to know when it commits: forget memory, read the committed rows again next time.
        this.forget();
        return;
      }
      this.written.set(trans, (mine = new Map<number, Uint32Array>()));
      const rowsOf = mine;
      target.addEventListener('complete', () => {
        // Before this is ready, the read that makes it ready sees this transaction's rows:
        // IndexedDB starts that read only after every earlier read-write transaction over the
        // counters has finished, and delivers its result after their complete events.
        if (this.state === 'ready') for (const [b, hashes] of rowsOf) this.buckets[b] = hashes;
      });
    }
    for (const [b, hashes] of rows) mine.set(b, hashes);
  }

  /** Drops memory: the next look-up reads the buckets again. */
  forget(): void {
    if (this.state === 'ready') {
      this.state = 'cold';
      this.buckets = [];
    }
  }

  private async load(db: Dexie): Promise<void> {
    this.state = 'loading';
    if (!db.isOpen()) await db.open();
    const idb = db.backendDB();
    // Raw IndexedDB, installed in the request's own success callback: no task may run between
    // the read and the install (see `wrote`).
    const rows = await new Promise<KeyRow[] | null>((resolve, reject) => {
      const req = idb.transaction('counters', 'readonly').objectStore('counters').getAll();
      req.onsuccess = () => {
        const all = (req.result as { key: unknown[] }[]).filter((r) => r.key[0] === 'keys') as KeyRow[];
        const header = all.find(isHeader);
        if (!header || header.format !== FORMAT || header.schema !== db.verno) return resolve(null);
        const buckets: Uint32Array[] = [];
        for (const row of all) if (!isHeader(row)) buckets[row.key[1]] = row.hashes;
        this.buckets = buckets;
        this.state = 'ready';
        resolve(all);
      };
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
    if (rows) return;
    this.state = 'rebuilding';
    // Not awaited by look-ups (see mayBeStored): they read every key until it is done.
    this.rebuilding = this.rebuild(db)
      // A failed rebuild leaves look-ups reading every key; the next one tries again.
      .catch(() => undefined)
      .finally(() => {
        this.rebuilding = undefined;
      });
  }

  private async rebuild(db: Dexie): Promise<void> {
    try {
      await db.transaction('rw', ['people', 'counters'], (tx) => rebuildKeyBuckets({ people: tx.table('people'), counters: tx.table('counters') }, db.verno));
    } finally {
      this.state = 'cold';
    }
    await this.prepare(db);
  }
}
