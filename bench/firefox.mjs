// Benchmarks 1-3 in Firefox ESR, beside Chromium's: the content script on the growing feed, the
// badge look-up and the popup's first rows, with the built extension (dist/firefox-dev), driven by
// puppeteer-core over WebDriver BiDi as tests/e2e/firefox.ts drives it.
//
// What differs from Chromium, and why (bench/README.md says the same):
// - Script time. Firefox has no DevTools ScriptDuration. The closest honest measure is the CPU time
//   of the page's main thread, read from Linux (/proc/<pid>/task/<pid>/schedstat: nanoseconds on a
//   CPU) before and after each step, with minus without the extension, paired by step as in
//   Chromium. It counts everything that thread ran: our script, and the style, layout and display
//   lists the chips cause; so it is Chromium's TaskDuration's counterpart, an upper bound of our
//   script time, held to the script-time target. Time spent waiting for a CPU is not counted,
//   which makes it steadier than wall time on a loaded host. The page's process is the one whose
//   main thread ran a 200 ms busy loop in the page.
// - Long tasks: Firefox has no Long Tasks API; not measured there.
// - The driver page. BiDi may not navigate to a moz-extension: address and runs no preload script
//   in one, so the extension opens its own page: one click on a demo-page chip's "Open in
//   Handraiser" opens the popup in a tab, which then loads the extension's manifest.json (shown as
//   plain text) as Chromium's driver does. That person is deleted again before seeding. It needs
//   the dev build (its content script runs on 127.0.0.1); the store code is the store build's.
// - The popup opens in a window of its own (window.open from the driver page, as a popup window, so
//   the driver is not a throttled background tab) and the driver installs the first-row observer as
//   soon as the popup's document exists, polling every 4 ms; a run where a row was already there
//   is discarded and counted.
import { readdirSync, readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { startDemoServer } from '../demo/serve.mjs';
import { feedStep, paired, PER_STEP, ROUNDS, STEPS, tail } from './content.mjs';
import { dist, sendFrom } from './lib/browser.mjs';
import { backupWith, generatePeople } from './lib/people.mjs';
import { sleep, summary } from './lib/stats.mjs';
import { benchLookup, importInPage, ROW_SELECTOR } from './store.mjs';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const PREFS = {
  // The driver page is manifest.json as text, not the JSON viewer's own page.
  'devtools.jsonview.enabled': false,
  // As Chromium's bench flags: a page in the background is not throttled between our steps.
  'dom.min_background_timeout_value': 4,
  'dom.timeout.enable_budget_timer_throttling': false,
  // performance.now() to the microsecond, as in Chromium (Firefox rounds it to 1 ms by default).
  'privacy.reduceTimerPrecision': false,
};
const POPUP_REPS = { 10000: 10, 100000: 6 };
const IMPORT_FILE = 10_000;

/** Firefox, with the extension at <dist>/<build> or none. */
async function launchFirefox(build) {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, extraPrefsFirefox: PREFS });
  try {
    if (build) await browser.installExtension(dist(build));
  } catch (e) {
    await browser.close();
    throw e;
  }
  return browser;
}

// ---------- the page's main thread, from Linux ----------

function descendants(root) {
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const mine = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (mine.has(pid) || !mine.has(ppid)) continue;
      mine.add(pid);
      grew = true;
    }
  }
  mine.delete(root);
  return [...mine];
}

/** Milliseconds a process's main thread has spent on a CPU. */
function mainThreadCpuMs(pid) {
  return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}

/** The process whose main thread runs `page`: the one that ran a busy loop in it. */
async function pageProcess(browser, page) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const cpuOf = (p) => {
      try {
        return mainThreadCpuMs(p);
      } catch {
        return NaN; // a process that ended meanwhile
      }
    };
    const pids = descendants(browser.process().pid);
    const before = new Map(pids.map((p) => [p, cpuOf(p)]));
    await page.evaluate(() => {
      const t = performance.now();
      while (performance.now() - t < 200);
    });
    const gained = pids
      .map((p) => [p, cpuOf(p) - before.get(p)])
      .filter(([, ms]) => !Number.isNaN(ms))
      .sort((a, b) => b[1] - a[1]);
    // On a loaded host the loop gets a share of a CPU; the runner-up gets next to nothing.
    if (gained[0][1] > 20 && gained[0][1] > 4 * (gained[1]?.[1] ?? 0)) return gained[0][0];
  }
  throw new Error('Firefox: could not tell which process runs the page');
}

// ---------- 1. content script ----------

async function runFeed(browser, url, expect) {
  const page = await browser.newPage();
  await page.goto(url);
  if (expect === 'chip') {
    const deadline = Date.now() + 15_000;
    while ((await page.evaluate(() => document.documentElement.getAttribute('data-handraiser'))) !== 'ready') {
      if (Date.now() > deadline) throw new Error('Firefox: the content script did not start on the feed');
      await sleep(100);
    }
  }
  await sleep(500); // boot messages (settings, hand-raise posts) settle
  const pid = await pageProcess(browser, page);
  const steps = [];
  for (let i = 0; i < STEPS; i++) {
    const before = mainThreadCpuMs(pid);
    const { wallMs } = await page.evaluate(feedStep, [PER_STEP, expect]);
    steps.push({ cpu: mainThreadCpuMs(pid) - before, wall: wallMs });
  }
  await page.close();
  return { steps };
}

async function runContent(log, demo) {
  const url = demo.url('/demo/feed.html');
  const ext = await launchFirefox('firefox-dev');
  const plain = await launchFirefox(null);
  try {
    const version = await ext.version();
    const runs = { ext: [], plain: [] };
    for (let r = 0; r < ROUNDS; r++) {
      runs.ext.push(await runFeed(ext, url, 'chip'));
      runs.plain.push(await runFeed(plain, url, null));
      log(`  Firefox round ${r + 1}: with and without the extension done`);
    }
    const ours = paired(runs.ext, runs.plain, 'cpu');
    const cpu = (rs) => summary(rs.flatMap((x) => x.steps.map((s) => s.cpu)));
    log(`  Firefox content script: main-thread CPU per step, with minus without, median ${summary(ours).median} ms (at 2k comments ${summary(tail(ours)).median} ms)`);
    return {
      version,
      method: 'main-thread CPU time per step (Linux schedstat), with minus without the extension, paired by step',
      ours: { cpu: summary(ours), cpuAt2000: summary(tail(ours)) },
      withExtension: { cpuPerStep: cpu(runs.ext) },
      withoutExtension: { cpuPerStep: cpu(runs.plain) },
    };
  } finally {
    await ext.close();
    await plain.close();
  }
}

// ---------- 2 and 3. look-up and popup ----------

/** The extension's manifest.json in a tab of its own (see the top of this file). */
async function openDriver(browser, demo) {
  const page = await browser.newPage();
  await page.goto(demo.url('/demo/index.html'));
  const host = 'handraiser-chip[data-profile-key="demo:ana-souza"]';
  await page.waitForSelector(host, { timeout: 20_000 });
  await (await page.waitForSelector(`${host} >>> button`)).click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-state') === 'lead', { timeout: 10_000 }, host);
  await (await page.waitForSelector(`${host} >>> button`)).click();
  await (await page.waitForSelector(`${host} >>> [role="menuitem"][data-action="open"]`)).click();
  let driver;
  for (let i = 0; i < 80 && !driver; i++) {
    for (const p of await browser.pages()) {
      if (!driver && (await p.evaluate(() => location.protocol === 'moz-extension:').catch(() => false))) driver = p;
    }
    if (!driver) await sleep(250);
  }
  if (!driver) throw new Error('Firefox: the extension page did not open');
  await driver.evaluate(() => location.replace('/manifest.json'));
  for (let i = 0; i < 80; i++) {
    if (await driver.evaluate(() => location.pathname === '/manifest.json' && document.readyState === 'complete').catch(() => false)) break;
    await sleep(100);
  }
  await page.close();
  await sendFrom(driver, 'deleteAll', { confirm: true });
  return driver;
}

/** In the driver page: opens the popup's pipeline, times its first row (see the top of this file). */
async function popupInPage(sel) {
  const w = window.open('/src/popup/index.html?view=pipeline', '_blank', 'popup,width=420,height=640');
  if (!w) throw new Error('the popup window was refused');
  const t0 = performance.now();
  for (;;) {
    let path = '';
    try {
      path = w.location.pathname;
    } catch {
      // between documents
    }
    if (path === '/src/popup/index.html') break;
    if (performance.now() - t0 > 30_000) throw new Error('the popup did not load');
    await new Promise((ok) => setTimeout(ok, 0));
  }
  const out = { late: w.document.querySelector(sel) !== null, installedAt: w.performance.now() };
  if (!out.late) {
    await new Promise((ok, fail) => {
      const give = setTimeout(() => fail(new Error('no row within 30 s')), 30_000);
      const mo = new w.MutationObserver(() => {
        if (out.dom !== undefined || !w.document.querySelector(sel)) return;
        out.dom = w.performance.now();
        mo.disconnect();
        w.requestAnimationFrame(() => {
          const ch = new w.MessageChannel();
          ch.port1.onmessage = () => {
            out.painted = w.performance.now();
            clearTimeout(give);
            ok(undefined);
          };
          ch.port2.postMessage(0);
        });
      });
      mo.observe(w.document, { childList: true, subtree: true });
    });
  }
  out.fcp = w.performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime;
  // Its other requests (totals) are answered before the next run.
  await new Promise((ok) => setTimeout(ok, 1000));
  w.close();
  return out;
}

async function benchPopup(driver, size) {
  const dom = [];
  const painted = [];
  const fcp = [];
  let late = 0;
  for (let rep = -1; rep < POPUP_REPS[size]; rep++) {
    const r = await driver.evaluate(popupInPage, ROW_SELECTOR);
    if (r.late) late++;
    else if (rep >= 0) {
      dom.push(r.dom);
      painted.push(r.painted);
      if (r.fcp !== undefined) fcp.push(r.fcp);
    }
  }
  return { size, dom: summary(dom), painted: summary(painted), fcp: summary(fcp), discarded: late };
}

async function runStore(log, demo) {
  const browser = await launchFirefox('firefox-dev');
  const out = { lookup: {}, popup: {} };
  try {
    const driver = await openDriver(browser, demo);
    const now = Date.now();
    let stored = 0;
    for (const size of [1_000, 10_000, 100_000]) {
      while (stored < size) {
        const end = Math.min(size, stored + IMPORT_FILE);
        const { ms, summary: res } = await driver.evaluate(`(${importInPage})((${backupWith})((${generatePeople})(${stored}, ${end}, ${now}, false), ${now}))`);
        if (res.people !== end - stored) throw new Error(`Firefox: importJson stored ${res.people} people, expected ${end - stored}`);
        log(`  Firefox importJson ${stored}→${end}: ${(ms / 1000).toFixed(1)} s`);
        stored = end;
        await sleep(500);
      }
      const { total } = await sendFrom(driver, 'pipeline', {});
      if (total !== size) throw new Error(`Firefox: pipeline total ${total} with ${size} people seeded`);
      await sleep(3_000);
      out.lookup[size] = await benchLookup(driver, size);
      log(`  Firefox lookup @${size}: all stored ${out.lookup[size].all.median} ms (floor ${out.lookup[size].floor.median} ms), 10% stored ${out.lookup[size].tenth.median} ms`);
      if (size >= 10_000) {
        out.popup[size] = await benchPopup(driver, size);
        log(`  Firefox popup @${size}: rows painted median ${out.popup[size].painted.median} ms`);
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** @param {(msg: string) => void} log */
export async function runFirefoxBenches(log) {
  const demo = await startDemoServer();
  try {
    const content = await runContent(log, demo);
    const store = await runStore(log, demo);
    return { content, store };
  } finally {
    await demo.close();
  }
}
