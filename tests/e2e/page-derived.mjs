// Plain JS so bench/ can import it from Node 20, like chromium-flags.mjs.

/**
 * In page, inside a transaction over 'counters': adds (sign 1) or takes off (sign -1) people
 * rows, given as [rows, sign] pairs, from the counters the store keeps with every people write
 * (src/store/counters.ts), in its layout: ['group', g] and ['stage', s] rows of { n }, and
 * ['due', chunk] rows of { n, hours } per 1024-hour chunk of nextFollowUpAt,
 * ['queue', tier, chunk] rows the same way for the queue key ([tier, time]); and from the
 * profile-key buckets (src/store/known-keys.ts): ['keys', b] rows of sorted hashes. [old, -1],
 * [new, 1] moves a person.
 *
 * For code that writes raw rows past the store (the bench's seeding, the reminders e2e's "time
 * passes"), so the totals stay true. It runs inside a page, so it is
 * self-contained: pass it as source, `(${fn})(..., ${keepDerivedRows})`. Call it once per
 * transaction with every change: it reads each counter and writes it back, so two calls in
 * one transaction would both read the old value and the second write would lose the first.
 * tests/unit/store/page-derived.test.ts checks that it keeps exactly what the store keeps.
 * The background's memory of the buckets sees only writes made through the store: after a raw
 * write that adds a profile key, stop the service worker (it reads the buckets again).
 */
export function keepDerivedRows(tx, changes) {
  const CHUNK = 1024;
  const delta = new Map();
  const entry = (key) => {
    const id = key.join('|');
    let e = delta.get(id);
    if (!e) delta.set(id, (e = { key, d: 0, hours: null }));
    return e;
  };
  // src/store/known-keys.ts keyHash: FNV-1a over UTF-16 code units, then MurmurHash3's finaliser.
  const keyHash = (key) => {
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
  };
  /** Per bucket (the hash's top 8 bits), per hash: occurrences added or taken away. */
  const buckets = new Map();
  const byHour = (key, t, sign) => {
    const hour = Math.floor(t / 3_600_000);
    const e = entry([...key, Math.floor(hour / CHUNK)]);
    e.d += sign;
    e.hours ??= {};
    e.hours[hour] = (e.hours[hour] ?? 0) + sign;
  };
  for (const [rows, sign] of changes) for (const row of rows) {
    entry(['group', row.group]).d += sign;
    entry(['stage', row.stage]).d += sign;
    if (typeof row.nextFollowUpAt === 'number') byHour(['due'], row.nextFollowUpAt, sign);
    const q = row.queue;
    if (Array.isArray(q) && q.length === 2 && typeof q[0] === 'number' && typeof q[1] === 'number') byHour(['queue', q[0]], q[1], sign);
    for (const k of new Set(row.profileKeys)) {
      const h = keyHash(k);
      let m = buckets.get(h >>> 24);
      if (!m) buckets.set(h >>> 24, (m = new Map()));
      m.set(h, (m.get(h) ?? 0) + sign);
    }
  }
  const counters = tx.objectStore('counters');
  for (const e of delta.values()) {
    const get = counters.get(e.key);
    get.onsuccess = () => {
      const cur = get.result;
      const n = (cur?.n ?? 0) + e.d;
      if (n <= 0) return void counters.delete(e.key);
      const next = { key: e.key, n };
      if (e.hours) {
        const hours = { ...cur?.hours };
        for (const [h, d] of Object.entries(e.hours)) {
          const left = (hours[h] ?? 0) + d;
          if (left > 0) hours[h] = left;
          else delete hours[h];
        }
        next.hours = hours;
      }
      counters.put(next);
    };
  }
  for (const [b, m] of buckets) {
    if ([...m.values()].every((d) => d === 0)) continue;
    const key = ['keys', b];
    const get = counters.get(key);
    get.onsuccess = () => {
      // A multiset of sorted hashes: each hash gains or loses its net count.
      const count = new Map();
      for (const h of get.result?.hashes ?? []) count.set(h, (count.get(h) ?? 0) + 1);
      for (const [h, d] of m) count.set(h, Math.max(0, (count.get(h) ?? 0) + d));
      const hashes = [];
      for (const [h, n] of count) for (let i = 0; i < n; i++) hashes.push(h);
      if (hashes.length === 0) return void counters.delete(key);
      counters.put({ key, hashes: Uint32Array.from(hashes.sort((x, y) => x - y)) });
    };
  }
}
