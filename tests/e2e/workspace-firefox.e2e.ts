/**
 * The workspace board in Firefox ESR (puppeteer-core over WebDriver BiDi) with the built
 * extension (dist/firefox-dev): a seller's book imported from the welcome page Firefox opens on
 * install, then the board in the same tab, a card moved from the keyboard, and undo. (BiDi
 * drives no HTML drag and drop: the mouse move is tested in Chromium, workspace.e2e.ts.)
 */
import puppeteer, { type Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { clickText, extensionTab, until } from './firefox';
import { FIREFOX, ROOT } from './harness';
import { sellerBackup } from './seed-people';

async function stageOf(p: Page, personId: string): Promise<string> {
  return p.evaluate(async (id) => {
    const ext = (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser;
    const reply = (await ext.runtime.sendMessage({ type: 'person', payload: { personId: id } })) as { ok: boolean; data?: { person: { stage: string } } };
    return reply.ok ? reply.data!.person.stage : 'error';
  }, personId);
}

describe('the workspace board in Firefox', () => {
  it('moves a lead to customer from the keyboard, announced, and undoes it', async () => {
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
    try {
      await browser.installExtension(`${ROOT}/dist/firefox-dev`);
      const p = await extensionTab(browser, '/src/welcome/index.html');
      await until(p, () => document.querySelector('h1')?.textContent === 'Welcome to Handraiser', 10_000);
      const imported = await p.evaluate(async (data) => {
        const ext = (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser;
        const reply = (await ext.runtime.sendMessage({ type: 'importJson', payload: { data } })) as { ok: boolean; data?: { summary: { people: number } } };
        return reply.ok ? reply.data!.summary.people : -1;
      }, sellerBackup(Date.now(), 200));
      expect(imported).toBe(200);

      await p.evaluate(() => location.assign('/src/workspace/index.html'));
      await until(p, () => document.querySelectorAll('[data-column="lead"] .card').length > 0, 15_000);
      const lead = await p.evaluate(() => {
        const card = document.querySelector<HTMLElement>('[data-column="lead"] .card')!;
        card.querySelector<HTMLElement>('.card-move')!.focus();
        return { id: card.dataset.personId!, name: card.querySelector('.card-name')!.textContent! };
      });
      await p.keyboard.press('Enter');
      await until(p, () => !!document.querySelector('[role=dialog]'), 5_000);
      await p.keyboard.press('ArrowDown'); // Prospect → Customer
      expect(await p.evaluate(() => document.querySelector<HTMLInputElement>('[role=dialog] input[value=customer]')?.checked)).toBe(true);
      await p.keyboard.press('Enter');
      await until(p, () => document.querySelector('.snackbar')?.textContent?.includes('moved to Customer'), 10_000);
      expect(await p.evaluate(() => document.querySelector('.snackbar')?.textContent)).toContain(`${lead.name} moved to Customer`);
      await until(p, () => !!document.querySelector('[data-column="customer"] .card .card-move:focus'), 10_000);
      expect(await stageOf(p, lead.id)).toBe('customer');

      await clickText(p, '.snackbar button', 'Undo');
      await until(p, () => document.querySelector('.snackbar')?.textContent?.includes('Undone'), 10_000);
      expect(await stageOf(p, lead.id)).toBe('lead');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
