/** Driving Handraiser's pages in Firefox ESR (puppeteer-core over WebDriver BiDi) despite its quirks. */
import type { Browser, ElementHandle, Page } from 'puppeteer-core';

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
 * Polls `check` in an extension page of Firefox until it holds. Not waitForFunction: Firefox
 * 140.12 runs Puppeteer's polling helper under the page's CSP, which refuses it (EvalError),
 * while a plain evaluate works.
 */
export async function until(page: Page, check: () => boolean | undefined, timeout: number): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(check))) {
    if (Date.now() > end) throw new Error(`Firefox popup: still not true after ${timeout} ms: ${check.toString()}`);
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
