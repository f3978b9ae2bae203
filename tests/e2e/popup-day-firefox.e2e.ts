/**
 * Today's queue and accent-folded search in Firefox ESR (puppeteer-core over WebDriver BiDi),
 * with the built extension (dist/firefox-dev) and a seller's book of people. The welcome page
 * Firefox opens on install is where the test starts: from there it seeds the book through the
 * contract and goes to the popup's page in the same tab (BiDi cannot navigate to an extension
 * page itself).
 */
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { queueKey, queueOrder } from '../../src/domain/focus';
import { foldForSearch } from '../../src/domain/text';
import { clickSettled, clickText, extensionTab, until } from './firefox';
import { FIREFOX, ROOT } from './harness';
import { sellerBackup } from './seed-people';

describe("a seller's day in Firefox", () => {
  it('the Today queue, hottest first, logs "Sent" in one tap; the search finds names typed without accents', async () => {
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
    try {
      await browser.installExtension(`${ROOT}/dist/firefox-dev`);
      const p = await extensionTab(browser, '/src/welcome/index.html');
      await until(p, () => document.querySelector('h1')?.textContent === 'Welcome to Handraiser', 10_000);
      const now = Date.now();
      const book = sellerBackup(now, 400);
      const imported = await p.evaluate(async (data) => {
        const ext = (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser;
        const reply = (await ext.runtime.sendMessage({ type: 'importJson', payload: { data } })) as { ok: boolean; data?: { summary: { people: number } } };
        return reply.ok ? reply.data!.summary.people : -1;
      }, book);
      expect(imported).toBe(400);

      await p.evaluate(() => location.assign('/src/popup/index.html?view=today'));
      await until(p, () => document.querySelectorAll('.queue-row').length > 0, 15_000);
      const order = queueOrder(book.people, now);
      const tierOf = (x: (typeof order)[number]) => queueKey(x)![0];
      const expected = [0, 1, 2, 3].flatMap((tier) => order.filter((x) => tierOf(x) === tier).slice(0, 10).map((x) => x.name));
      const names = () => p.evaluate(() => [...document.querySelectorAll('.queue-row .person-name')].map((n) => n.textContent));
      expect(await names()).toEqual(expected);
      expect(await p.evaluate(() => document.querySelector('#queue-title')?.textContent)).toContain(`${order.length} people to contact`);

      // One tap logs the message you sent; the lead leaves the queue, Undo brings them back.
      const lead = order.find((x) => tierOf(x) === 3 && order.filter((y) => y.name === x.name).length === 1)!;
      const sent = await p.$(`button[aria-label="Sent a message to ${lead.name}"]`);
      await clickSettled(sent!);
      await until(p, () => document.querySelector('.snackbar')?.textContent?.includes('logged'), 10_000);
      expect(await p.evaluate(() => document.querySelector('.snackbar')?.textContent)).toContain(`Message to ${lead.name} logged`);
      const gone = async () => !(await names()).includes(lead.name);
      for (let i = 0; i < 50 && !(await gone()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await gone()).toBe(true);
      await clickText(p, '.snackbar button', 'Undo');
      await until(p, () => document.querySelector('.snackbar')?.textContent?.includes('Undone'), 10_000);
      for (let i = 0; i < 50 && (await gone()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await gone()).toBe(false);

      // Search folds accents and case on both sides.
      await clickText(p, 'nav.tabs button', 'Pipeline');
      await p.waitForSelector('.search input');
      const want = book.people.filter((x) => foldForSearch(x.name).split(' ').some((w) => w.startsWith('fernandez'))).length;
      expect(want).toBeGreaterThan(5);
      await p.type('.search input', 'fernandez');
      await until(
        p,
        () => {
          const rows = [...document.querySelectorAll('.person-row .person-name')].map((n) => n.textContent ?? '');
          return rows.length > 0 && rows.every((n) => n.includes('Fernández'));
        },
        10_000,
      );
      expect(await p.evaluate(() => document.querySelector('main [role=status]')?.textContent)).toContain(`of ${want} `);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
