// Launching Chromium for the benchmarks, like tests/e2e/harness.ts (TypeScript, which plain Node 20
// cannot import): the same binary, the same shared flags, the same "nothing leaves the machine" route.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../tests/e2e/chromium-flags.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  ...CHROMIUM_FLAGS,
  // Benchmarks only: a page in a background tab must not be throttled between our steps.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/**
 * @typedef {{ context: import('playwright-core').BrowserContext, extensionId: string | null,
 *   worker: () => Promise<import('playwright-core').Worker>, close: () => Promise<void> }} Launched
 */

/**
 * Where the builds are loaded from. run.mjs points this at a private copy of dist/ made right after
 * building, so another `npm run build` during the benchmarks cannot swap files under the browser.
 */
let distDir = join(ROOT, 'dist');
export function useDist(dir) {
  distDir = dir;
}
export const dist = (build) => join(distDir, build);

/**
 * A persistent context with the built extension at <dist>/<build>, or none at all (build: null).
 * @param {{ build: string | null }} opts
 * @returns {Promise<Launched>}
 */
export async function launch({ build }) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'handraiser-bench-'));
  const args = [...FLAGS, '--lang=en-US'];
  if (build) {
    const dir = dist(build);
    args.push(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'en-US',
    colorScheme: 'light',
    viewport: { width: 1000, height: 800 },
    args,
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort('internetdisconnected'));
  const worker = async () => {
    const found = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return found ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  };
  const extensionId = build ? new URL((await worker()).url()).host : null;
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Sends one message through the extension's contract from an extension page; same as tests/e2e/harness.ts sendFrom.
 * @template T
 * @param {import('playwright-core').Page} page
 * @param {string} type
 * @param {unknown} payload
 * @returns {Promise<T>}
 */
export async function sendFrom(page, type, payload) {
  return page.evaluate(
    async ([t, p]) => {
      const reply = await chrome.runtime.sendMessage({ type: t, payload: p });
      if (!reply.ok) throw new Error(reply.error.message + (reply.error.details ? ' ' + JSON.stringify(reply.error.details.slice(0, 3)) : ''));
      return reply.data;
    },
    [type, payload],
  );
}

/**
 * Times one message, sent and answered inside the page: performance.now() around chrome.runtime.sendMessage,
 * so Playwright's own round trip is not counted. With sizeOnly, the answer stays in the page and only its
 * size in JSON characters comes back, so a large answer never crosses to Node.
 * @param {import('playwright-core').Page} page
 * @param {string} type
 * @param {unknown} payload
 * @param {{ sizeOnly?: boolean }} [opts]
 * @returns {Promise<{ ms: number, data: any, chars?: number }>}
 */
export async function timeMessage(page, type, payload, opts = {}) {
  return page.evaluate(
    async ([t, p, sizeOnly]) => {
      const t0 = performance.now();
      const reply = await chrome.runtime.sendMessage({ type: t, payload: p });
      const ms = performance.now() - t0;
      if (!reply.ok) throw new Error(`${t}: ${reply.error.message}`);
      return sizeOnly ? { ms, data: null, chars: JSON.stringify(reply.data).length } : { ms, data: reply.data };
    },
    [type, payload, Boolean(opts.sizeOnly)],
  );
}

/**
 * The extension service worker's JS heap after a full garbage collection: DevTools'
 * Runtime.getHeapUsage on the worker's own target. Playwright opens CDP sessions on pages only,
 * so the worker is reached through a page's session (Target.attachToTarget without flatten,
 * messages wrapped in Target.sendMessageToTarget).
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page any page of the context
 * @param {string} extensionId
 * @returns {Promise<{ usedSize: number, totalSize: number }>}
 */
export async function workerHeap(context, page, extensionId) {
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    if (!sw) throw new Error('workerHeap: the extension has no running service worker');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
    let id = 0;
    const waiting = new Map();
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message);
      waiting.get(m.id)?.(m);
      waiting.delete(m.id);
    });
    const send = (method, params = {}) =>
      new Promise((ok, fail) => {
        const i = ++id;
        waiting.set(i, (m) => (m.error ? fail(new Error(`${method}: ${m.error.message}`)) : ok(m.result)));
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: i, method, params }) }).catch(fail);
      });
    await send('HeapProfiler.collectGarbage');
    const { usedSize, totalSize } = await send('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    return { usedSize, totalSize };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
