/**
 * End-to-end harness: real browsers, the built extension, no network.
 * Chromium via playwright-core (Debian's /usr/bin/chromium), Firefox ESR via puppeteer-core over WebDriver BiDi.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { startDemoServer } from '../../demo/serve.mjs';
import { CHROMIUM_FLAGS } from './chromium-flags.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Screenshots for people to look at; git-ignored. */
export const ARTIFACTS = join(ROOT, 'artifacts', 'screenshots');

export { CHROMIUM_FLAGS };

export type Demo = Awaited<ReturnType<typeof startDemoServer>>;
export { startDemoServer };

export interface ChromiumExtension {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (re-found after it was stopped). */
  worker(): Promise<Worker>;
  /** Opens the popup page in a tab, as the toolbar button would. */
  openPopup(query?: string): Promise<Page>;
  openOptions(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchChromium(opts: { build?: string; locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<ChromiumExtension> {
  const dir = join(ROOT, 'dist', opts.build ?? 'chrome-dev');
  const userDataDir = mkdtempSync(join(tmpdir(), 'handraiser-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: opts.locale ?? 'en-US',
    colorScheme: opts.colorScheme ?? 'light',
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`, `--lang=${opts.locale ?? 'en-US'}`],
  });
  // Nothing may leave the machine: any request not served by a test route fails fast.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort('internetdisconnected'));
  const worker = async (): Promise<Worker> => {
    const found = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return found ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  };
  const extensionId = new URL((await worker()).url()).host;
  return {
    context,
    extensionId,
    worker,
    async openPopup(query = '') {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/src/popup/index.html${query}`);
      return page;
    },
    async openOptions() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One Chromium with the extension, and its popup page, for the tests of a describe block:
 * launched before them, closed after them. `ready` hands both to the block's variables.
 */
export function useChromium(
  ready: (ext: ChromiumExtension, popup: Page) => void,
  opts: Parameters<typeof launchChromium>[0] = {},
): void {
  let ext: ChromiumExtension | undefined;
  beforeAll(async () => {
    ext = await launchChromium(opts);
    ready(ext, await ext.openPopup());
  });
  afterAll(async () => {
    await ext?.close();
  });
}

/** The demo page's server (demo/serve.mjs) on a free port, for the tests of a describe block. */
export function useDemo(ready: (demo: Demo) => void): void {
  let demo: Demo | undefined;
  beforeAll(async () => {
    demo = await startDemoServer();
    ready(demo);
  });
  afterAll(async () => {
    await demo?.close();
  });
}

/**
 * Serves a fixture file under a real site's URL, so the real content-script match runs offline.
 * Routes registered later win in Playwright, so this overrides the catch-all abort above.
 */
export async function serveFixture(context: BrowserContext, url: string, fixturePath: string): Promise<void> {
  const html = readFileSync(resolve(ROOT, fixturePath), 'utf8');
  const target = new URL(url);
  await context.route(
    (u) => u.origin === target.origin && u.pathname === target.pathname,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
}

/** The real URL a fixture stands for, from its <meta name="fixture-url">. */
export function fixtureUrl(fixturePath: string): string {
  const html = readFileSync(resolve(ROOT, fixturePath), 'utf8');
  const m = /<meta\s+name="fixture-url"\s+content="([^"]+)"/i.exec(html);
  if (!m?.[1]) throw new Error(`${fixturePath} has no <meta name="fixture-url">`);
  return m[1].replaceAll('&amp;', '&');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Sends one message through the extension's own contract from an extension page. */
export async function sendFrom<T = unknown>(page: Page, type: string, payload: unknown): Promise<T> {
  return page.evaluate(
    async ([t, p]) => {
      const reply = (await chrome.runtime.sendMessage({ type: t, payload: p })) as
        | { ok: true; data: unknown }
        | { ok: false; error: { message: string } };
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.data;
    },
    [type, payload] as const,
  ) as Promise<T>;
}

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

/** axe-core's serious and critical violations on a page, as "rule (impact): targets". */
export async function axeSerious(page: Page): Promise<string[]> {
  // Extension pages forbid inline scripts (CSP script-src 'self'), so addScriptTag is refused;
  // evaluating the source through the debugger protocol is not subject to the page's CSP.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

