// Plain JS so bench/ can import it from Node 20, like chromium-flags.mjs.

/**
 * In page, inside a transaction over 'counters': adds (sign 1) or takes off (sign -1) people
 * rows, given as [rows, sign] pairs, from the counters the store keeps with every people write
 * (src/store/counters.ts), in its layout: ['group', g] and ['stage', s] rows of { n }, and
 * ['due', chunk] rows of { n, hours } per 1024-hour chunk of nextFollowUpAt, and
 * ['queue', tier, chunk] rows the same way for the queue key ([tier, time]). [old, -1],
 * [new, 1] moves a person.
 *
 * For code that writes raw rows past the store (the bench's seeding, the reminders e2e's "time
 * passes"), so the totals stay true. It runs inside a page, so it is
 * self-contained: pass it as source, `(${fn})(..., ${keepDerivedRows})`. Call it once per
 * transaction with every change: it reads each counter and writes it back, so two calls in
 * one transaction would both read the old value and the second write would lose the first.
 * tests/unit/store/page-derived.test.ts checks that it keeps exactly what the store keeps.
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
}

