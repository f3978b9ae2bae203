/**
 * Firefox ESR with the built extension, driven by puppeteer-core over WebDriver BiDi, and
 * fixtures served under the real sites' addresses by BiDi request interception (the Firefox
 * counterpart of serveFixture's context.route in Chromium): nothing leaves the machine.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { FIREFOX, ROOT, fixtureUrl } from './harness';

export interface FirefoxExtension {
  browser: Browser;
  /** A new tab that answers `routes` (real address → fixture file) and refuses every other non-loopback request. */
  newPage(routes?: Record<string, string>): Promise<FirefoxPage>;
  close(): Promise<void>;
}

export interface FirefoxPage {
  page: Page;
  /** Uncaught page errors, and every console line the content script wrote ("Handraiser: …"). */
  problems: string[];
  /** Opens a fixture under the real address it stands for. */
  openFixture(fixture: string): Promise<void>;
}

/** `prefs`: extra about:config preferences for the test profile. */
export async function launchFirefox(build = 'firefox-dev', prefs: Record<string, unknown> = {}): Promise<FirefoxExtension> {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, extraPrefsFirefox: prefs });
  try {
    await browser.installExtension(resolve(ROOT, 'dist', build));
  } catch (e) {
    await browser.close();
    throw e;
  }
  return {
    browser,
    async newPage(routes = {}) {
      const page = await browser.newPage();
      const served = new Map<string, string>();
      const serve = (url: string, fixture: string): void => {
        const u = new URL(url);
        served.set(u.origin + u.pathname, readFileSync(resolve(ROOT, fixture), 'utf8'));
      };
      for (const [url, fixture] of Object.entries(routes)) serve(url, fixture);
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        const u = new URL(req.url());
        const body = served.get(u.origin + u.pathname);
        if (body !== undefined) void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body });
        else if (u.hostname === '127.0.0.1') void req.continue();
        else void req.abort('internetdisconnected');
      });
      const problems: string[] = [];
      page.on('pageerror', (e) => {
        // The fixture's own cross-origin images fail here (no network); Firefox reports each as a page error.
        if (!String(e).includes('Cross-Origin Request Blocked')) problems.push(String(e));
      });
      page.on('console', (m) => {
        if (m.text().startsWith('Handraiser')) problems.push(m.text());
      });
      return {
        page,
        problems,
        async openFixture(fixture) {
          const url = fixtureUrl(fixture);
          serve(url, fixture);
          await page.goto(url);
        },
      };
    },
    async close() {
      await browser.close();
    },
  };
}

/** What a chip shows, read from the attributes dev builds mirror for tests (store builds carry none). */
export interface ChipView {
  key: string;
  state: string;
}

/** Every chip on the page, also those inside a site's open shadow roots (X's chat may render in one). */
export async function chipsOn(page: Page): Promise<ChipView[]> {
  return page.$$eval('pierce/handraiser-chip', (els) =>
    els.map((el) => ({ key: el.getAttribute('data-profile-key') ?? '', state: el.getAttribute('data-state') ?? '' })),
  );
}

/**
 * A real pointer click on an element after it has come into view and settled: rows out of view
 * are laid out only once scrolled to (content-visibility), and Puppeteer, unlike Playwright,
 * does not wait for the box to stop moving before it clicks where it was.
 */
export async function clickSettled(el: ElementHandle<Element>): Promise<void> {
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await new Promise((r) => setTimeout(r, 300));
  await el.click();
}

/**
 * Polls `check` in a Firefox page until it holds. Not waitForFunction: Firefox runs Puppeteer's
 * polling helper under an extension page's CSP, which refuses it (EvalError), while a plain
 * evaluate works.
 */
export async function until(page: Page, check: () => boolean | undefined, timeout: number): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(check))) {
    if (Date.now() > end) throw new Error(`Firefox: still not true after ${timeout} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Polls a value computed in Node (e.g. from chipsOn) until `ok` accepts it; returns it. */
export async function pollFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout: number, what: string): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`Firefox: ${what} after ${timeout} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Clicks (a real pointer click) the first `selector` element whose text includes `text`; for the same reason as until, not a locator. */
export async function clickText(page: Page, selector: string, text: string): Promise<void> {
  const end = Date.now() + 10_000;
  for (;;) {
    for (const el of await page.$$(selector)) {
      if ((await el.evaluate((e) => e.textContent ?? '')).includes(text)) return el.click();
    }
    if (Date.now() > end) throw new Error(`Firefox popup: no ${selector} reading "${text}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The first extension tab whose own path and query include `part` (Firefox 140 reports an
 * extension page opened by the extension to BiDi as about:blank, so page.url() cannot find it;
 * and its CSP refuses any evaluated function source, so the test is a plain string).
 */
export async function extensionTab(browser: Browser, part: string, timeout = 15_000): Promise<Page> {
  const end = Date.now() + timeout;
  for (;;) {
    for (const p of await browser.pages()) {
      const ok = await p
        .evaluate((s) => location.protocol === 'moz-extension:' && (location.pathname + location.search).includes(s), part)
        .catch(() => false);
      if (ok) return p;
    }
    if (Date.now() > end) throw new Error(`Firefox: no extension tab at ${part}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
