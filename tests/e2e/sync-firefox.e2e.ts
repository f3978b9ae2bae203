/**
 * Sync between browsers: one Firefox ESR profile and one Chromium profile on the same server
 * (pouchdb-server on 127.0.0.1). Each sets sync up on its own options page; a person captured
 * in Firefox from a page, and one captured in Chromium, end up on both; a stage changed in
 * Firefox reaches Chromium.
 */
import type { Page as FirefoxTab } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startCouch, type Couch } from './couch';
import { clickText, launchFirefox, until, type FirefoxExtension } from './firefox';
import { launchChromium, sendFrom, useDemo, type ChromiumExtension, type Demo } from './harness';

const PASSPHRASE = 'one passphrase, two browsers';

/** Sends one message from a Firefox extension page, as the page's own code would. */
async function ask<T>(page: FirefoxTab, type: string, payload: unknown): Promise<T> {
  const reply = await page.evaluate(
    async (t, p) => (await (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser.runtime.sendMessage({ type: t, payload: p })) as { ok: boolean; data?: unknown; error?: { message: string } },
    type,
    payload,
  );
  if (!reply.ok) throw new Error(reply.error?.message ?? 'refused');
  return reply.data as T;
}

/** The first tab whose own location satisfies `check` (BiDi reports extension tabs as about:blank). */
async function findTab(firefox: FirefoxExtension, check: () => boolean): Promise<FirefoxTab> {
  for (let i = 0; i < 80; i++) {
    for (const p of await firefox.browser.pages()) if (await p.evaluate(check).catch(() => false)) return p;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('Firefox: the tab did not open');
}

interface Status {
  lastSyncAt?: number;
  waiting: number;
  running: boolean;
  problem?: { code: string };
}

async function syncedIn(read: () => Promise<Status>, after: number, what: string): Promise<void> {
  const end = Date.now() + 60_000;
  for (;;) {
    const s = await read();
    if (!s.running && s.waiting === 0 && (s.lastSyncAt ?? 0) > after && !s.problem) return;
    if (Date.now() > end) throw new Error(`${what}: not synced after 60 s: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('sync between a Firefox profile and a Chromium profile', () => {
  let demo: Demo;
  let couch: Couch;
  let chromium: ChromiumExtension;
  let firefox: FirefoxExtension;
  useDemo((d) => {
    demo = d;
  });
  beforeAll(async () => {
    couch = await startCouch();
    await couch.createDb('crossbrowser');
    chromium = await launchChromium();
    firefox = await launchFirefox();
  });
  afterAll(async () => {
    await firefox?.close();
    await chromium?.close();
    await couch?.close();
  });

  it('what each browser records reaches the other, set up on each options page', async () => {
    // Chromium: one person, then sync on.
    const optionsC = await chromium.openOptions();
    const mei = await sendFrom<{ badge: { personId: string } }>(optionsC, 'capture', {
      person: { profileUrl: demo.url('/demo/profile/mei-chen'), name: 'Mei Chen', pageUrl: demo.url('/demo/index.html') },
      surface: 'comment',
      as: 'lead',
    });
    const section = optionsC.locator('#sync');
    await section.getByLabel('Server address').fill(couch.url);
    await section.getByLabel('Database').fill('crossbrowser');
    await section.getByLabel('User name').fill(ADMIN.user);
    await section.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await section.getByLabel('Passphrase').fill(PASSPHRASE);
    await section.getByRole('button', { name: 'Turn on sync' }).click();
    await syncedIn(() => sendFrom<Status>(optionsC, 'syncStatus', {}), 0, 'Chromium');

    // Firefox: capture a commenter with one click on the demo page, open Handraiser from the chip.
    const { page } = await firefox.newPage();
    await page.goto(demo.url('/demo/index.html'));
    const host = 'handraiser-chip[data-profile-key="demo:ana-souza"]';
    await page.waitForSelector(host, { timeout: 20_000 });
    await (await page.waitForSelector(`${host} >>> button`))!.click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-state') === 'lead', { timeout: 10_000 }, host);
    await (await page.waitForSelector(`${host} >>> button`))!.click();
    await (await page.waitForSelector(`${host} >>> [role="menuitem"][data-action="open"]`))!.click();
    const popup = await findTab(firefox, () => location.protocol === 'moz-extension:' && location.pathname.includes('/popup/'));
    await popup.evaluate(() => void (globalThis as unknown as { browser: { runtime: { openOptionsPage(): Promise<void> } } }).browser.runtime.openOptionsPage());
    const options = await findTab(firefox, () => location.protocol === 'moz-extension:' && location.pathname.includes('/options/'));
    await until(options, () => !!document.querySelector('#sync form'), 15_000);

    await options.type('#sync input[type=url]', couch.url);
    await options.evaluate(() => {
      const db = document.querySelector<HTMLInputElement>('#sync input[autocomplete=off]')!;
      db.select();
    });
    await options.type('#sync input[autocomplete=off]', 'crossbrowser');
    await options.type('#sync input[autocomplete=username]', ADMIN.user);
    await options.type('#sync input[autocomplete=current-password]', ADMIN.password);
    await options.type('#sync input[autocomplete=new-password]', PASSPHRASE);
    await clickText(options, '#sync button', 'Turn on sync');
    await until(options, () => document.querySelector('#sync')!.textContent!.includes('Syncing with'), 30_000).catch(async (e: unknown) => {
      throw new Error(`${String(e)}\n${await options.evaluate(() => document.querySelector('#sync')!.textContent)}`);
    });
    await syncedIn(() => ask<Status>(options, 'syncStatus', {}), 0, 'Firefox');
    const names = async (read: (type: string, payload: unknown) => Promise<{ rows: { person: { name: string } }[] }>) =>
      (await read('pipeline', {})).rows.map((r) => r.person.name).sort();
    expect(await names((t, p) => ask(options, t, p))).toEqual(['Ana Souza', 'Mei Chen']);

    // A change in Firefox reaches Chromium.
    const before = (await ask<Status>(options, 'syncStatus', {})).lastSyncAt ?? 0;
    await ask(options, 'setStage', { personId: mei.badge.personId, stage: 'prospect' });
    await clickText(options, '#sync button', 'Sync now');
    await syncedIn(() => ask<Status>(options, 'syncStatus', {}), before, 'Firefox after the change');
    const c0 = (await sendFrom<Status>(optionsC, 'syncStatus', {})).lastSyncAt ?? 0;
    await section.getByRole('button', { name: 'Sync now' }).click();
    await syncedIn(() => sendFrom<Status>(optionsC, 'syncStatus', {}), c0, 'Chromium after the change');
    expect(await names((t, p) => sendFrom(optionsC, t, p))).toEqual(['Ana Souza', 'Mei Chen']);
    const seen = await sendFrom<{ person: { stage: string } }>(optionsC, 'person', { personId: mei.badge.personId });
    expect(seen.person.stage).toBe('prospect');
    // The captured person's source and touch came along, not just the name.
    const ana = (await sendFrom<{ rows: { person: { id: string; name: string } }[] }>(optionsC, 'pipeline', { query: 'ana' })).rows[0]!.person;
    const detail = await sendFrom<{ person: { sources: { kind: string }[] }; touches: unknown[] }>(optionsC, 'person', { personId: ana.id });
    expect(detail.person.sources.map((s) => s.kind)).toEqual(['comment']);
    expect(detail.touches).toHaveLength(1);
  });
});
