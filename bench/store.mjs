// Benchmarks 2-5: badge look-up, popup first rows, scheduler queries and the storage ceiling,
// against the built extension (dist/chrome) in real Chromium, with 1k, 10k and 100k stored people.
//
// Every message is timed inside an extension page with performance.now() around
// chrome.runtime.sendMessage (send → background validates → store → reply), so Playwright's own
// round trip is not counted. That includes importJson, which seeds every person: its backup
// files are built in the page, as the raw rows they are compared with are (passing them from
// Node would cost Playwright more than the import itself: bench/README.md). The driver page is
// the extension's manifest.json opened in a tab: it is in the extension's origin (chrome.runtime works) but runs
// none of our UI, so no popup reacts to broadcasts while we measure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, ROOT, sendFrom, timeMessage, workerHeap } from './lib/browser.mjs';
import { backupWith, generatePeople, keyOf, peopleSchema } from './lib/people.mjs';
import { quantile, round, sleep, summary } from './lib/stats.mjs';
import { keepDerivedRows } from '../tests/e2e/page-derived.mjs';

const LOOKUP_KEYS = 200;
const LOOKUP_REPS = 40;
/** Service-worker stops per kind for the cold start (each wake takes the worker's start-up). */
const COLD_REPS = 6;
/** Popup opens per size (why so few: bench/README.md, "Method notes"). */
const POPUP_REPS = { 10000: 10, 100000: 6 };
/** countDue and today runs at 100k (why so few: bench/README.md, "Method notes"). */
const SCHED_REPS = 10;
const TODAY_REPS = 5;
const REMINDER_REPS = 20;
/** Storage: rounds of one raw IndexedDB insert of the 100k rows and one importJson of them, each in a new browser. */
const STORAGE_ROUNDS = 3;
/** Storage: Dexie bulkPut runs of the same rows, one in each of the first rounds. */
const DEXIE_REPS = 2;
const STORAGE_N = 100_000;
/** People per importJson file while seeding: the raw floor writes the same rows in transactions of the same sizes. */
const IMPORT_FILE = 10_000;
/** The paired diagnosis: the last 1k people again, importJson against raw puts of the same rows. */
const IMPORT_CHUNK = 1_000;
/** importJson of the last 1k people again, each paired with a raw put of the same rows in the same state. */
const IMPORT_PAIRS = 5;
/** Left idle after each seeding stop, before anything is timed. */
const IDLE_MS = 3_000;
/** Where the popup draws a person: PersonList's row button. */
export const ROW_SELECTOR = '.person-list .person-row';
/** The workspace board (src/workspace/Board.tsx): a card in any column. */
const CARD_SELECTOR = '.board .card';

/**
 * @param {(msg: string) => void} log
 * @param {{ lookupOnly?: boolean }} [opts] lookupOnly: seed and run benchmark 2's look-ups only (a quick check while working on them)
 */
export async function runStoreBenches(log, opts = {}) {
  const out = { lookup: {}, popup: {}, scheduler: null, storage: null, seeding: [] };
  const b = await launch({ build: 'chrome' });
  try {
    const driver = await b.context.newPage();
    await driver.goto(`chrome-extension://${b.extensionId}/manifest.json`);
    const now = Date.now();
    let stored = 0;

    /**
     * Seeds [stored, to) through our own importJson message, in files of up to IMPORT_FILE
     * people, each timed in the page around chrome.runtime.sendMessage: the message (serialised
     * by the browser), the router, validation, the transaction and the reply are all in the
     * figure. Each file is built in the page first, as the options page has it in memory before
     * it sends; only Playwright's transfer is left out. These files, 0 to 100k, are the storage
     * benchmark's "through our store" side.
     */
    const importUpTo = async (to) => {
      while (stored < to) {
        const end = Math.min(to, stored + IMPORT_FILE);
        const { ms, summary: res } = await driver.evaluate(`(${importInPage})((${backupWith})((${generatePeople})(${stored}, ${end}, ${now}, false), ${now}))`);
        if (res.people !== end - stored) throw new Error(`importJson stored ${res.people} people, expected ${end - stored}`);
        out.seeding.push({ via: 'importJson message', from: stored, to: end, ms: round(ms, 0), msPer1k: round((ms / (end - stored)) * 1000, 1) });
        log(`  importJson ${stored}→${end}: ${(ms / 1000).toFixed(1)} s`);
        stored = end;
        await settle();
      }
    };
    /** The totals the popup and toolbar show must match what was seeded (20% are due). */
    const checkTotals = async (size) => {
      const [due, all] = await Promise.all([sendFrom(driver, 'countDue', {}), sendFrom(driver, 'pipeline', {})]);
      if (due.count !== size / 5 || all.total !== size) throw new Error(`with ${size} people seeded: countDue ${due.count} (want ${size / 5}), pipeline total ${all.total}`);
    };
    /** The background re-checks reminders after every change: let it finish before timing anything. */
    const settle = async () => {
      await sleep(500);
      for (let i = 0; i < 3; i++) await timeMessage(driver, 'countDue', {});
    };

    // Everyone is imported through importJson, 0 → 100k (the storage benchmark's "our store"
    // side), stopping at 1k and 10k for the look-up and the popup.
    for (const size of [1_000, 10_000, 100_000]) {
      await importUpTo(size);
      await checkTotals(size);
      // The browser compacts IndexedDB's files after bulk writes, on our 2 cores: the figures
      // below are for an idle browser, as a person opening the popup has.
      await sleep(IDLE_MS);
      out.lookup[size] = await benchLookup(driver, size);
      log(`  lookup @${size}: all stored ${out.lookup[size].all.median} ms (floor ${out.lookup[size].floor.median} ms), 10% stored ${out.lookup[size].tenth.median} ms`);
      if (size === 100_000) {
        out.lookupQuery = await benchLookupQuery(driver, size);
        // After hundreds of look-ups, before any restart.
        out.workerHeap = await workerHeap(b.context, driver, b.extensionId);
        out.coldStart = await benchColdStart(b, driver, size);
        log(`  lookup @100k after a worker restart: first ${out.coldStart.first.median} ms (wake alone ${out.coldStart.wake.median} ms); worker heap ${(out.workerHeap.usedSize / 2 ** 20).toFixed(1)} MB`);
      }
      if (size >= 10_000 && !opts.lookupOnly) {
        out.popup[size] = await benchPopup(b, size);
        log(`  popup @${size}: rows painted median ${out.popup[size].painted.median} ms`);
        if (size === 100_000) {
          out.board = await benchPopup(b, size, 'src/workspace/index.html', CARD_SELECTOR);
          log(`  workspace board @${size}: first cards painted median ${out.board.painted.median} ms`);
        }
      }
    }
    if (opts.lookupOnly) return out;
    out.scheduler = await benchScheduler(driver, now);
    log(`  scheduler: countDue median ${out.scheduler.countDue.median} ms, today ${out.scheduler.today.median} ms`);
    out.importPairs = await benchImportPairs(driver, now, stored - IMPORT_CHUNK, stored, settle);
    await checkTotals(stored);
    log(`  importJson vs raw put of the same 1k rows at ${stored / 1000}k: ${out.importPairs.importJson.median} vs ${out.importPairs.rawPut.median} ms, paired ratio ${round(out.importPairs.ratio.median, 2)}`);
    // After everything that reads the seeded people: it adds touches, which nothing above expects.
    out.lookupWithTouches = await benchLookupWithTouches(driver, stored, settle);
    log(`  lookup @100k, every lead written to: median ${out.lookupWithTouches.median} ms`);
    out.storage = await benchStorage(now, out.seeding, out.importPairs, log);
    log(`  storage: importJson ${out.storage.importJson.median} ms, raw ${out.storage.raw.median} ms, Dexie ${out.storage.dexie.median} ms per 100k`);
    return out;
  } finally {
    await b.close();
  }
}

/**
 * 2. Look-ups of 200 names, a different set each repetition, three kinds alternated so a spell of
 * load on the shared machine moves them together:
 *   all:   200 profile keys, all of stored people, spread over the whole table;
 *   floor: the same 200 keys read raw in the driver page, one IndexedDB get per key on the
 *          people's profileKeys index, all issued at once in one transaction (the floor: what
 *          IndexedDB itself costs for the reads the look-up cannot avoid; no Handraiser code);
 *   tenth: 20 stored keys among 180 strangers (keys nobody stored), as a feed shows them.
 * The order rotates from one repetition to the next; three warm-up repetitions are dropped.
 */
export async function benchLookup(driver, size) {
  const out = { all: [], floor: [], tenth: [] };
  const step = Math.max(1, Math.floor(size / LOOKUP_KEYS));
  for (let rep = -3; rep < LOOKUP_REPS; rep++) {
    const start = ((rep + 3) * 7919) % size;
    const keys = Array.from({ length: LOOKUP_KEYS }, (_, i) => keyOf((start + i * step) % size));
    // Every tenth name stored, at a place in the list that moves; the rest nobody's.
    const mixed = Array.from({ length: LOOKUP_KEYS }, (_, i) => (i % 10 === (rep + 10) % 10 ? keys[i] : `demo:stranger-${rep + 3}-${i}`));
    const kinds = ['all', 'floor', 'tenth'];
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(k + rep + 3) % kinds.length];
      let ms;
      if (kind === 'floor') {
        const r = await driver.evaluate(rawIndexGets, keys);
        if (r.found !== keys.length) throw new Error(`raw index gets found ${r.found} of ${keys.length}`);
        ms = r.ms;
      } else {
        const ask = kind === 'all' ? keys : mixed;
        const reply = await timeMessage(driver, 'lookup', { profileKeys: ask });
        const want = kind === 'all' ? keys.length : LOOKUP_KEYS / 10;
        if (Object.keys(reply.data.badges).length !== want) throw new Error(`lookup (${kind}) found ${Object.keys(reply.data.badges).length} of ${want}`);
        ms = reply.ms;
      }
      if (rep >= 0) out[kind].push(ms);
    }
  }
  await driver.evaluate(() => {
    window.__floorDb?.close();
    window.__floorDb = undefined;
  });
  return { all: summary(out.all), floor: summary(out.floor), tenth: summary(out.tenth), ratioToFloor: round(quantile(out.all, 0.5) / quantile(out.floor, 0.5), 2) };
}

/** In page: the floor of benchLookup, on a connection of the page's own (opened once). */
async function rawIndexGets(keys) {
  window.__floorDb ??= await new Promise((ok, fail) => {
    const r = indexedDB.open('handraiser');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const t0 = performance.now();
  const found = await new Promise((ok, fail) => {
    const tx = window.__floorDb.transaction('people', 'readonly');
    const index = tx.objectStore('people').index('profileKeys');
    const reqs = keys.map((k) => index.get(k));
    tx.oncomplete = () => ok(reqs.filter((q) => q.result).length);
    tx.onerror = () => fail(tx.error);
  });
  return { ms: performance.now() - t0, found };
}

/**
 * 2. Cold start: the service worker is stopped (as Chrome stops it after 30 s idle), then the
 * first look-up of 200 names (10% stored) is timed: it wakes the worker, which opens the
 * database, reads the profile-key buckets into memory (src/store/known-keys.ts) and answers.
 * Alternated with a stop followed by a settingsGet (one small read: the wake and the database
 * open alone), and followed by the same look-up again, warm.
 */
async function benchColdStart(b, driver, size) {
  const cdp = await b.context.newCDPSession(driver);
  await cdp.send('ServiceWorker.enable');
  const out = { first: [], wake: [], warm: [] };
  const step = Math.floor(size / LOOKUP_KEYS);
  for (let rep = 0; rep < COLD_REPS; rep++) {
    const keys = Array.from({ length: LOOKUP_KEYS }, (_, i) => (i % 10 === 0 ? keyOf((rep * 997 + i * step) % size) : `demo:cold-stranger-${rep}-${i}`));
    for (const kind of rep % 2 ? ['wake', 'lookup'] : ['lookup', 'wake']) {
      await stopWorker(b, cdp);
      if (kind === 'wake') {
        out.wake.push((await timeMessage(driver, 'settingsGet', {})).ms);
        continue;
      }
      for (const list of [out.first, out.warm]) {
        const { ms, data } = await timeMessage(driver, 'lookup', { profileKeys: keys });
        if (Object.keys(data.badges).length !== LOOKUP_KEYS / 10) throw new Error(`cold lookup found ${Object.keys(data.badges).length}`);
        list.push(ms);
      }
    }
  }
  await cdp.detach();
  return { first: summary(out.first), wake: summary(out.wake), warm: summary(out.warm) };
}

/** Stops the extension's service worker and waits until it is gone. */
async function stopWorker(b, cdp) {
  const w = await b.worker();
  const gone = new Promise((ok) => w.once('close', ok));
  await cdp.send('ServiceWorker.stopAllWorkers');
  await Promise.race([gone, sleep(5_000)]);
  await sleep(200);
}

/**
 * 2, diagnosis. The seeded people have no touches, so the look-up above never reads any. A lead
 * someone has written to is the case that does (promotionNeedsTouches): here 200 people get an
 * outbound message and half of them a reply (logTouch, as the popup logs them), then the same
 * 200 keys are looked up. The badges must now carry what the touches say (a suggested promotion
 * for those who replied), or the figure would time a look-up that skipped them.
 */
async function benchLookupWithTouches(driver, size, settle) {
  const step = Math.floor(size / LOOKUP_KEYS);
  const who = Array.from({ length: LOOKUP_KEYS }, (_, i) => i * step + 1);
  const at = Date.now() - 3_600_000;
  for (const [n, i] of who.entries()) {
    await timeMessage(driver, 'logTouch', { personId: `bench-${i}`, direction: 'outbound', channel: 'demo', kind: 'message', at });
    if (n % 2 === 0) await timeMessage(driver, 'logTouch', { personId: `bench-${i}`, direction: 'inbound', channel: 'demo', kind: 'message', at: at + 60_000 });
  }
  await settle();
  const keys = who.map((i) => keyOf(i));
  const times = [];
  let badges = {};
  for (let rep = -3; rep < LOOKUP_REPS; rep++) {
    const { ms, data } = await timeMessage(driver, 'lookup', { profileKeys: keys });
    if (rep >= 0) times.push(ms);
    badges = data.badges;
  }
  // Every lead who replied, and only they, is suggested for promotion.
  const replied = (key) => keys.indexOf(key) % 2 === 0;
  const promoted = keys.filter((k) => badges[k]?.promotion?.reason === 'replied_after_outreach');
  const expected = keys.filter((k) => replied(k) && badges[k]?.stage === 'lead');
  if (expected.length === 0 || promoted.join() !== expected.join()) {
    throw new Error(`look-up with touches: ${promoted.length} promotions suggested, expected ${expected.length}`);
  }
  return { ...summary(times), promoted: promoted.length };
}

/**
 * 3. Popup open → first person row (and the workspace board → first card, at 100k: `path` and
 * `selector`; the board asks for one page of each column at once). A fresh tab per run, as each click on the toolbar button
 * opens a fresh popup. An init script (runs before the popup's own scripts) records, relative to
 * navigation start (performance.now()'s origin):
 *   dom:     the first ROW_SELECTOR element is in the document (MutationObserver);
 *   painted: the frame holding it was produced: a requestAnimationFrame callback runs just before
 *            that frame's paint, and a MessageChannel message posted from it runs right after the
 *            paint (the usual "after next paint" trick; 'element' timing would need an
 *            elementtiming attribute in src). The target is checked against "painted".
 *   fcp:     first-contentful-paint (the popup's shell, before any rows);
 *   allAnswered: the last of the popup's messages answered (it also asks for drip and suggestion totals).
 */
async function benchPopup(b, size, path = 'src/popup/index.html?view=pipeline', selector = ROW_SELECTOR) {
  const dom = [];
  const painted = [];
  const fcp = [];
  const pipeline = [];
  const allAnswered = [];
  for (let rep = -1; rep < POPUP_REPS[size]; rep++) {
    const page = await b.context.newPage();
    await page.addInitScript((sel) => {
      const out = (window.__bench = {});
      const mo = new MutationObserver(() => {
        if (out.dom !== undefined || !document.querySelector(sel)) return;
        out.dom = performance.now();
        mo.disconnect();
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => (out.painted = performance.now());
          ch.port2.postMessage(0);
        });
      });
      mo.observe(document, { childList: true, subtree: true });
      // Counts the popup's messages in flight, so the next run starts with an idle background
      // (the popup also asks for totals that keep the service worker busy after the rows show).
      out.pending = 0;
      try {
        const rt = chrome.runtime;
        const send = rt.sendMessage.bind(rt);
        const done = () => {
          out.pending--;
          out.answered = performance.now();
        };
        rt.sendMessage = (...a) => {
          out.pending++;
          const cb = typeof a[a.length - 1] === 'function' ? a.pop() : null;
          if (cb) return send(...a, (...r) => (done(), cb(...r)));
          return send(...a).finally(done);
        };
      } catch {
        out.pending = null;
      }
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') out.fcp = e.startTime;
      }).observe({ type: 'paint', buffered: true });
    }, selector);
    await page.goto(`chrome-extension://${b.extensionId}/${path}`);
    const r = await page
      .waitForFunction(() => window.__bench.painted !== undefined && window.__bench, undefined, { timeout: 30_000 })
      .then((h) => h.jsonValue());
    // Not part of the figure: every request the popup made is answered before the next run.
    const all = await page
      .waitForFunction(() => window.__bench.pending === 0 || window.__bench.pending === null, undefined, { timeout: 120_000 })
      .then(() => page.evaluate(() => window.__bench.answered));
    if (rep >= 0) {
      if (all !== undefined) allAnswered.push(all);
      dom.push(r.dom);
      painted.push(r.painted);
      if (r.fcp !== undefined) fcp.push(r.fcp);
      // The pipeline message alone, as the popup sends it first (no filters, first page).
      pipeline.push((await timeMessage(page, 'pipeline', {})).ms);
    }
    await page.close();
  }
  return { size, dom: summary(dom), painted: summary(painted), fcp: summary(fcp), allAnswered: summary(allAnswered), pipelineMessage: summary(pipeline) };
}

const DEXIE_SRC = () => readFileSync(join(ROOT, 'node_modules/dexie/dist/dexie.js'), 'utf8');

/**
 * 4. Who is due, with 100k people of whom 20% are due: the countDue and today messages, and the
 * reminder path (src/store/reminders.ts dueNow + nextDueAfter, what every alarm runs). The
 * reminder path has no message, so it is replayed in the driver page with the same Dexie release
 * the store bundles, opening our real database by name and running the same two queries.
 */
async function benchScheduler(driver, now) {
  const countDue = [];
  const today = [];
  let dueCount = 0;
  let todayChars = 0;
  for (let rep = -1; rep < SCHED_REPS; rep++) {
    const r = await timeMessage(driver, 'countDue', {});
    if (rep >= 0) countDue.push(r.ms);
    dueCount = r.data.count;
  }
  for (let rep = -1; rep < TODAY_REPS; rep++) {
    const r = await timeMessage(driver, 'today', {}, { sizeOnly: true });
    if (rep >= 0) today.push(r.ms);
    todayChars = r.chars ?? 0;
  }
  await driver.evaluate(DEXIE_SRC());
  const reminder = await driver.evaluate(
    async ([reps]) => {
      const db = new Dexie('handraiser');
      await db.open();
      const times = [];
      for (let rep = -2; rep < reps; rep++) {
        const t0 = performance.now();
        const now = Date.now();
        const [due, next, state] = await Promise.all([
          db.table('people').where('nextFollowUpAt').belowOrEqual(now).limit(500).toArray(),
          db.table('people').where('nextFollowUpAt').above(now).first(),
          db.table('meta').get('reminderState'),
        ]);
        void next;
        void state;
        if (rep >= 0) times.push(performance.now() - t0);
        if (due.length === 0) throw new Error('nobody due');
      }
      db.close();
      return times;
    },
    [REMINDER_REPS],
  );
  return { dueCount, todayReplyChars: todayChars, countDue: summary(countDue), today: summary(today), reminderQueries: summary(reminder) };
}

/**
 * 5. Storage ceiling: bulk insert of 100k people through our store against raw IndexedDB, in the
 * same browser build, each run in a browser of its own (a new profile: nothing written before).
 * Our store: importJson messages of the seeding's files (0 → 100k, files of up to IMPORT_FILE
 * people), each timed around its message (everything from the file sent to the answer:
 * validation, merge look-ups, the rows, the counters kept with them), the file
 * built in the page first. Raw: the same 100k rows (src/store/rows.ts shape, made in the page)
 * put into a new database with the people table's exact indexes, in transactions of the same
 * sizes. Also Dexie bulkPut of the same rows (the library our store is built on).
 *
 * Why a browser per run: every run in one browser is slower than the one before (IndexedDB
 * compacts what earlier runs wrote and deleted), so in the seeded browser the ratio depended on
 * which kind ran first (figures: bench/README.md, "Storage"). Here the order also alternates
 * from one round to the next. The ratio is of medians.
 * @param {{ via: string, from: number, to: number, ms: number }[]} seeding the importJson files
 * @param {{ rawPut: { median: number }, ratio: { median: number } }} pairs benchImportPairs: the same rows raw, same state
 * @param {(msg: string) => void} log
 */
async function benchStorage(now, seeding, pairs, log) {
  const files = seeding.filter((s) => s.via === 'importJson message');
  const bounds = files.map((f) => [f.from, f.to]);
  if (files[0]?.from !== 0 || files.at(-1)?.to !== STORAGE_N || files.some((f, i) => i > 0 && f.from !== files[i - 1].to)) {
    throw new Error('storage: the importJson files do not cover 0 → 100k in order');
  }
  const schema = peopleSchema();
  const runs = { raw: [], import: [], dexie: [] };
  /** One run of `kind` in a new browser, left idle IDLE_MS after it starts. */
  const run = async (kind) => {
    const b = await launch({ build: 'chrome' });
    try {
      const page = await b.context.newPage();
      await page.goto(`chrome-extension://${b.extensionId}/manifest.json`);
      let ms = 0;
      if (kind === 'import') {
        await sleep(IDLE_MS);
        for (const [from, to] of bounds) {
          const r = await page.evaluate(`(${importInPage})((${backupWith})((${generatePeople})(${from}, ${to}, ${now}, false), ${now}))`);
          if (r.summary.people !== to - from) throw new Error(`importJson stored ${r.summary.people} people, expected ${to - from}`);
          ms += r.ms;
          // As while seeding: the background's work after an import (reminders, the toolbar count) is not the next file's.
          await sleep(500);
          await sendFrom(page, 'countDue', {});
        }
        const { total } = await sendFrom(page, 'pipeline', {});
        if (total !== STORAGE_N) throw new Error(`storage: ${total} people after the import, expected ${STORAGE_N}`);
      } else {
        if (kind === 'dexie') await page.evaluate(DEXIE_SRC());
        await page.evaluate(`window.__rows = (${generatePeople.toString()})(0, ${STORAGE_N}, ${now}, true); window.__rows.length`);
        await sleep(IDLE_MS);
        ms = await page.evaluate(kind === 'raw' ? rawInsert : dexieInsert, [schema, bounds]);
      }
      runs[kind].push(ms);
      log(`  storage, ${kind} in a new browser: ${(ms / 1000).toFixed(1)} s`);
    } finally {
      await b.close();
    }
  };
  for (let r = 0; r < STORAGE_ROUNDS; r++) {
    const order = r % 2 === 0 ? ['raw', 'import'] : ['import', 'raw'];
    for (const kind of order) await run(kind);
    if (r < DEXIE_REPS) await run('dexie');
  }
  const rawS = summary(runs.raw);
  const dexieS = summary(runs.dexie);
  const importS = summary(runs.import);
  return {
    rows: STORAGE_N,
    files: files.length,
    importJson: importS,
    importJsonFileMs: summary(files.map((f) => f.ms)),
    raw: rawS,
    dexie: dexieS,
    /** In the order they ran. */
    importRunsMs: runs.import.map((x) => round(x, 0)),
    rawRunsMs: runs.raw.map((x) => round(x, 0)),
    importRatio: round(importS.median / rawS.median, 2),
    dexieRatio: round(dexieS.median / rawS.median, 2),
    sameStateRawMsPer1k: round((pairs.rawPut.median / IMPORT_CHUNK) * 1000, 2),
    sameStateRatio: round(pairs.ratio.median, 2),
  };
}

/** In page: raw IndexedDB, a fresh database with the Dexie schema's indexes, one transaction of puts per [from, to) of bounds. */
async function rawInsert([schema, bounds]) {
  const name = 'bench-raw';
  await new Promise((ok) => {
    const d = indexedDB.deleteDatabase(name);
    d.onsuccess = d.onerror = () => ok(undefined);
  });
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open(name, 1);
    r.onupgradeneeded = () => {
      const [pk, ...indexes] = schema.split(',').map((s) => s.trim());
      const st = r.result.createObjectStore('people', { keyPath: pk });
      for (const spec of indexes) {
        const unique = spec.includes('&');
        const multiEntry = spec.includes('*');
        const bare = spec.replace(/[&*]/g, '');
        const keyPath = bare.startsWith('[') ? bare.slice(1, -1).split('+') : bare;
        st.createIndex(bare, keyPath, { unique, multiEntry });
      }
    };
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const rows = window.__rows;
  const t0 = performance.now();
  for (const [from, to] of bounds) {
    await new Promise((ok, fail) => {
      const tx = db.transaction('people', 'readwrite');
      const st = tx.objectStore('people');
      for (let j = from; j < to; j++) st.put(rows[j]);
      tx.oncomplete = () => ok(undefined);
      tx.onerror = () => fail(tx.error);
    });
  }
  const ms = performance.now() - t0;
  db.close();
  indexedDB.deleteDatabase(name);
  return ms;
}

/** In page: the same through Dexie bulkPut, one transaction per [from, to) of bounds. */
async function dexieInsert([schema, bounds]) {
  const name = 'bench-dexie';
  await Dexie.delete(name);
  const db = new Dexie(name);
  db.version(1).stores({ people: schema });
  await db.open();
  const rows = window.__rows;
  const t0 = performance.now();
  for (const [from, to] of bounds) {
    await db.transaction('rw', db.table('people'), () => db.table('people').bulkPut(rows.slice(from, to)));
  }
  const ms = performance.now() - t0;
  db.close();
  await Dexie.delete(name);
  return ms;
}

/** In page: one importJson message with this backup file, timed around chrome.runtime.sendMessage. */
export async function importInPage(data) {
  const t0 = performance.now();
  const reply = await chrome.runtime.sendMessage({ type: 'importJson', payload: { data } });
  const ms = performance.now() - t0;
  if (!reply.ok) throw new Error(`importJson: ${reply.error.message}`);
  return { ms, summary: reply.data.summary };
}

/**
 * Diagnosis for the storage figure, paired: people [from, to) (the last 1k) are deleted, then
 * written back raw (one transaction of IndexedDB puts of the same rows, rawSeedTimed) and,
 * after deleting them again, through importJson: the same rows into the same 99k-people
 * database, in transactions of the same size. Alternated IMPORT_PAIRS times; the store ends
 * as it began (the import writes exactly the rows rawSeedTimed writes).
 */
async function benchImportPairs(driver, now, from, to, settle) {
  const raw = [];
  const imports = [];
  for (let pair = 0; pair < IMPORT_PAIRS; pair++) {
    await driver.evaluate(`(${rawDelete})([${from}, ${to}], ${keepDerivedRows})`);
    await settle();
    raw.push(await driver.evaluate(`(${rawSeedTimed})((${generatePeople})(${from}, ${to}, ${now}, true), ${keepDerivedRows})`));
    await driver.evaluate(`(${rawDelete})([${from}, ${to}], ${keepDerivedRows})`);
    await settle();
    const { ms, summary: res } = await driver.evaluate(`(${importInPage})((${backupWith})((${generatePeople})(${from}, ${to}, ${now}, false), ${now}))`);
    if (res.people !== to - from) throw new Error(`importJson stored ${res.people} people, expected ${to - from}`);
    imports.push(ms);
  }
  await settle();
  // Per pair, so a spell of load on the shared machine moves both sides of a ratio together.
  const ratios = imports.map((ms, i) => ms / raw[i]);
  return { rows: to - from, rawPut: summary(raw), importJson: summary(imports), ratio: summary(ratios), rawPutTimes: raw, importJsonTimes: imports };
}

/** In page: deletes people bench-[from, to) from our database in one transaction, and from the counters (keepDerivedRows). */
async function rawDelete([from, to], keepDerivedRows) {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('handraiser');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  await new Promise((ok, fail) => {
    const tx = db.transaction(['people', 'counters'], 'readwrite');
    const st = tx.objectStore('people');
    const deleted = [];
    let pending = to - from;
    for (let i = from; i < to; i++) {
      const get = st.get(`bench-${i}`);
      get.onsuccess = () => {
        if (get.result) {
          deleted.push(get.result);
          st.delete(get.result.id);
        }
        if (--pending === 0) keepDerivedRows(tx, [[deleted, -1]]);
      };
    }
    tx.oncomplete = () => ok(undefined);
    tx.onerror = () => fail(tx.error);
  });
  db.close();
}

/**
 * In page: puts rows into our database in one transaction, timed from the first put to its
 * completion: plain puts, the floor our import is compared with. The counters the store would
 * have kept are then added in a second, untimed transaction, so later figures see true totals.
 */
async function rawSeedTimed(rows, keepDerivedRows) {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('handraiser');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const t0 = performance.now();
  await new Promise((ok, fail) => {
    const tx = db.transaction('people', 'readwrite');
    const st = tx.objectStore('people');
    for (const row of rows) st.put(row);
    tx.oncomplete = () => ok(undefined);
    tx.onerror = () => fail(tx.error);
  });
  const ms = performance.now() - t0;
  await new Promise((ok, fail) => {
    const tx = db.transaction(['counters'], 'readwrite');
    keepDerivedRows(tx, [[rows, 1]]);
    tx.oncomplete = () => ok(undefined);
    tx.onerror = () => fail(tx.error);
  });
  db.close();
  return ms;
}

/**
 * Diagnosis for benchmark 2, not a target: the first design's people reads, one Dexie anyOf over
 * the multi-entry profileKeys index (one cursor step per key), on 200 stored keys in our real
 * database, in the driver page. What the look-up reads now is benchLookup's floor.
 */
async function benchLookupQuery(driver, size) {
  await driver.evaluate(DEXIE_SRC());
  const keySets = Array.from({ length: 13 }, (_, rep) => {
    const step = Math.floor(size / LOOKUP_KEYS);
    return Array.from({ length: LOOKUP_KEYS }, (_, i) => keyOf((rep * 7919 + i * step) % size));
  });
  const r = await driver.evaluate(async (keySets) => {
    const db = new Dexie('handraiser');
    await db.open();
    const people = db.table('people');
    const anyOf = [];
    for (const [i, keys] of keySets.entries()) {
      const t0 = performance.now();
      const a = await db.transaction('r', people, () => people.where('profileKeys').anyOf(keys).toArray());
      if (i > 2) anyOf.push(performance.now() - t0);
      if (a.length !== keys.length) throw new Error(`anyOf found ${a.length} of ${keys.length}`);
    }
    db.close();
    return anyOf;
  }, keySets);
  return { anyOf: summary(r) };
}
