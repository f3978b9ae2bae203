// Benchmark 7: sync (docs/sync.md), against pouchdb-server in memory on 127.0.0.1, with the dev
// build (store builds sync with https servers only):
// - what a write costs with sync set up: importJson of 10k people into an empty store, sync on
//   against sync off, each in a new browser profile, the order alternating (the outbox row kept
//   with every write; benchmark 5 is the same import with sync off);
// - the initial sync of 10,000 people up to an empty server, and down to a fresh profile: from
//   the set-up message (PBKDF2 included, reported apart) to the run that leaves nothing waiting;
// - the browser's storage for the origin after the initial sync, against before it (this
//   device's encrypted copy and what it agreed on with the server, beside the data).
// Every message is timed inside an extension page, as in bench/store.mjs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { couchRequest, freePort, killCouch, spawnCouch, ADMIN } from '../tests/e2e/couch-server.mjs';
import { launch, sendFrom } from './lib/browser.mjs';
import { backupWith, generatePeople } from './lib/people.mjs';
import { round, sleep, summary } from './lib/stats.mjs';

const N = 10_000;
/** Rounds of importJson with sync on and off, each in a new browser profile. */
const WRITE_ROUNDS = 3;
const PASSPHRASE = 'benchmark passphrase';

/** A new browser with the dev build and its extension page to drive it. */
async function browser() {
  const b = await launch({ build: 'chrome-dev' });
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/manifest.json`);
  return { b, page };
}

/** importJson of people [0, n), the file built in the page; the message timed there. */
async function importTimed(page, n, now) {
  return page.evaluate(`(async () => {
    const data = (${backupWith})((${generatePeople})(0, ${n}, ${now}, false), ${now});
    const t0 = performance.now();
    const reply = await chrome.runtime.sendMessage({ type: 'importJson', payload: { data } });
    if (!reply.ok) throw new Error(reply.error.message);
    return performance.now() - t0;
  })()`);
}

async function setUp(page, url, database) {
  const t0 = Date.now();
  const res = await sendFrom(page, 'syncSetup', { server: url, database, user: ADMIN.user, password: ADMIN.password, passphrase: PASSPHRASE, settings: [] });
  if (res.problem) throw new Error(`sync set-up: ${res.problem}`);
  return Date.now() - t0;
}

/** Polls until a run has left nothing waiting; the time from `t0`. */
async function untilSynced(page, t0, timeoutMs = 20 * 60_000) {
  for (;;) {
    const s = await sendFrom(page, 'syncStatus', {}).catch(() => null);
    if (s?.problem) throw new Error(`sync: ${s.problem.code}`);
    if (s && !s.running && s.waiting === 0 && s.lastSyncAt !== undefined) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error('sync: not done in time');
    await sleep(250);
  }
}

const usage = (page) => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);

/** @param {(msg: string) => void} log */
export async function runSyncBench(log) {
  const dir = mkdtempSync(join(tmpdir(), 'handraiser-bench-couch-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await spawnCouch(port, dir);
  const createDb = (name) => couchRequest(url, `/${name}`, { method: 'PUT' });
  const out = { n: N };
  try {
    // What a write costs with sync set up.
    const on = [];
    const off = [];
    for (let r = 0; r < WRITE_ROUNDS; r++) {
      for (const withSync of r % 2 ? [true, false] : [false, true]) {
        const { b, page } = await browser();
        try {
          const now = Date.now();
          if (withSync) {
            await createDb(`writes-${r}`);
            await setUp(page, url, `writes-${r}`);
            await untilSynced(page, Date.now());
          }
          const ms = await importTimed(page, N, now);
          (withSync ? on : off).push(ms);
          log(`  sync: importJson of ${N / 1000}k people, sync ${withSync ? 'on' : 'off'}: ${(ms / 1000).toFixed(2)} s`);
        } finally {
          await b.close();
        }
      }
    }
    out.writes = { on: summary(on), off: summary(off), ratio: round(summary(on).median / summary(off).median, 3) };

    // The initial sync of 10,000 people up to an empty server, then down to a fresh profile.
    await createDb('initial');
    const up = await browser();
    try {
      const now = Date.now();
      await importTimed(up.page, N, now);
      await sleep(2_000);
      const before = await usage(up.page);
      const t0 = Date.now();
      const setUpMs = await setUp(up.page, url, 'initial');
      const ms = await untilSynced(up.page, t0);
      await sleep(2_000);
      const after = await usage(up.page);
      const docs = (await (await couchRequest(url, '/initial')).json()).doc_count;
      out.up = { ms, setUpMs, docs, storageBefore: before, storageAfter: after, storageRatio: round(after / Math.max(before, 1), 2) };
      log(`  sync: initial sync up of ${N / 1000}k people: ${(ms / 1000).toFixed(1)} s (set-up ${setUpMs} ms), ${docs} documents on the server`);
    } finally {
      await up.b.close();
    }
    const down = await browser();
    try {
      const t0 = Date.now();
      const setUpMs = await setUp(down.page, url, 'initial');
      const ms = await untilSynced(down.page, t0);
      const { total } = await sendFrom(down.page, 'pipeline', {});
      if (total !== N) throw new Error(`sync down: ${total} people, expected ${N}`);
      out.down = { ms, setUpMs, people: total };
      log(`  sync: initial sync down of ${N / 1000}k people: ${(ms / 1000).toFixed(1)} s (set-up ${setUpMs} ms)`);
    } finally {
      await down.b.close();
    }
    return out;
  } finally {
    await killCouch(child);
    rmSync(dir, { recursive: true, force: true });
  }
}
