// Benchmark 1: what the content script costs a page that grows, on the demo feed
// (demo/feed.html, window.addComments). The feed grows to 2,000 comments, 20 per step, in three
// browsers-worth of runs: with the extension (dist/chrome-dev, which runs on 127.0.0.1), without
// any extension, and without the extension but with the naive observer (bench/naive-observer.js).
//
// How "our script's time" is isolated: Chrome DevTools' Performance.getMetrics counters
// ScriptDuration and TaskDuration, read before and after each step. They are cumulative
// main-thread figures for the page's renderer and count every JavaScript world in it, the content
// script's isolated world included. The page's own work (addComments, our step driver) is the
// same in every run, so step i WITH the extension minus step i WITHOUT it (same DOM size, same
// comments) is what the extension added. The median and p95 of those paired differences are
// reported. ScriptDuration is JavaScript only (the target); TaskDuration also counts the style,
// layout and paint the chips cause. Tracing would attribute time per script URL too, but costs far
// more to record and parse than one 100-step run; the subtraction is simple and checkable (the
// no-extension run is printed next to it). The step driver waits with requestAnimationFrame until
// every comment has its chip (or span). It counts them once in every run, the one without any
// extension too, so that count's walk of the whole document cancels out (see runFeed); the frames
// it waits for beyond that cost empty requestAnimationFrame callbacks.
//
// Long tasks: a PerformanceObserver('longtask') installed before the page's scripts counts every
// main-thread task over 50 ms during the steps.
//
// Memory: after the last step, a full garbage collection, then the renderer's JS heap in use
// (DevTools' Runtime.getHeapUsage); the content script's share is the run with the extension
// minus the run without it, paired by round.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, ROOT } from './lib/browser.mjs';
import { startDemoServer } from '../demo/serve.mjs';
import { round, sleep, summary } from './lib/stats.mjs';

export const STEPS = 100;
export const PER_STEP = 20;
export const ROUNDS = 4;

const LONGTASKS = () => {
  window.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push(e.duration);
    }).observe({ type: 'longtask' });
  } catch {
    window.__longtasks = null;
  }
};

/**
 * In page: one step of the feed. Adds `n` comments, then waits (requestAnimationFrame) until
 * every comment has its chip (or the naive observer's span; nothing without an extension).
 * Self-contained: the Firefox run (firefox.mjs) evaluates it too.
 * @param {[number, 'chip' | 'naive' | null]} args
 */
export async function feedStep([n, expect]) {
  const t0 = performance.now();
  const total = window.addComments(n);
  const frame = () => new Promise((ok) => requestAnimationFrame(() => ok(undefined)));
  await frame();
  await frame();
  // Every variant counts once here, the run without any extension too (it finds none): the
  // count walks the whole document after the DOM changed, which is the driver's work, not
  // the extension's, and counted in every variant it cancels out in the subtraction.
  // Further counts while waiting walk again only when the DOM changed, which is when the
  // chips arrive.
  const found = expect === 'naive' ? document.getElementsByClassName('naive-chip') : document.getElementsByTagName('handraiser-chip');
  let count = found.length;
  if (expect) {
    const deadline = performance.now() + 10_000;
    while (count < total) {
      if (performance.now() > deadline) throw new Error(`after 10 s only ${count} of ${total} comments have a ${expect}`);
      await frame();
      count = found.length;
    }
  }
  return { wallMs: performance.now() - t0 };
}

/**
 * One run: a fresh feed page, STEPS steps.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @param {'chip' | 'naive' | null} expect what each comment gets, waited for after each step
 * @param {string | null} inject script source to run before the page's own
 */
async function runFeed(context, url, expect, inject) {
  const page = await context.newPage();
  await page.addInitScript(LONGTASKS);
  if (inject) await page.addInitScript({ content: inject });
  await page.goto(url);
  if (expect === 'chip') await page.waitForSelector('html[data-handraiser="ready"]', { timeout: 15_000 });
  await sleep(500); // boot messages (settings, hand-raise posts) settle
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    return { script: m.ScriptDuration * 1000, task: m.TaskDuration * 1000 };
  };
  await page.evaluate(() => (window.__longtasks ? (window.__longtasks.length = 0) : 0));
  const steps = [];
  for (let i = 0; i < STEPS; i++) {
    const before = await read();
    const { wallMs } = await page.evaluate(feedStep, [PER_STEP, expect]);
    const after = await read();
    steps.push({ script: after.script - before.script, task: after.task - before.task, wall: wallMs });
  }
  const longtasks = await page.evaluate(() => window.__longtasks);
  // The page's JS heap at 2,000 comments after a full collection: every JavaScript world of the
  // page shares the renderer's isolate, so with minus without the extension is the content script's.
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize: heap } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  await page.close();
  return { steps, longtasks, heap };
}

const pick = (runs, k) => runs.flatMap((r) => r.steps.map((s) => s[k]));
export const paired = (a, b, k) => a.flatMap((r, ri) => r.steps.map((s, i) => s[k] - b[ri].steps[i][k]));
/** The last 10 steps of each run: the feed at 1,800-2,000 comments. */
export const tail = (xs) => xs.filter((_, i) => i % STEPS >= STEPS - 10);

function variant(runs) {
  const lt = runs.flatMap((r) => r.longtasks ?? []);
  return {
    scriptPerStep: summary(pick(runs, 'script')),
    taskPerStep: summary(pick(runs, 'task')),
    wallPerStep: summary(pick(runs, 'wall')),
    longTasks: runs.some((r) => r.longtasks === null) ? null : lt.length,
    longestTaskMs: lt.length ? round(Math.max(...lt), 1) : 0,
  };
}

/** @param {(msg: string) => void} log */
export async function runContentBench(log) {
  const demo = await startDemoServer();
  const url = demo.url('/demo/feed.html');
  const naiveSrc = readFileSync(join(ROOT, 'bench/naive-observer.js'), 'utf8');
  const ext = await launch({ build: 'chrome-dev' });
  const plain = await launch({ build: null });
  try {
    const runs = { ext: [], plain: [], naive: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.ext.push(await runFeed(ext.context, url, 'chip', null));
      log(`  round ${round + 1}: with extension done`);
      runs.plain.push(await runFeed(plain.context, url, null, null));
      runs.naive.push(await runFeed(plain.context, url, 'naive', naiveSrc));
      log(`  round ${round + 1}: without, naive done`);
    }
    const oursScript = paired(runs.ext, runs.plain, 'script');
    const naiveScript = paired(runs.naive, runs.plain, 'script');
    const oursTask = paired(runs.ext, runs.plain, 'task');
    const naiveTask = paired(runs.naive, runs.plain, 'task');
    return {
      steps: STEPS,
      commentsPerStep: PER_STEP,
      rounds: ROUNDS,
      method: 'Performance.getMetrics ScriptDuration/TaskDuration per step, with minus without the extension (paired by step)',
      withExtension: variant(runs.ext),
      withoutExtension: variant(runs.plain),
      naiveBaseline: variant(runs.naive),
      ours: { script: summary(oursScript), task: summary(oursTask), scriptAt2000: summary(tail(oursScript)), heapAt2000: summary(runs.ext.map((r, i) => r.heap - runs.plain[i].heap)) },
      naive: { script: summary(naiveScript), task: summary(naiveTask), scriptAt2000: summary(tail(naiveScript)) },
    };
  } finally {
    await ext.close();
    await plain.close();
    await demo.close();
  }
}
