/**
 * Issue 15's attacks on the background, in real Chromium with the built extension:
 * - a content script a page compromised (driven here from its own isolated world over CDP, as
 *   such a script would run) may send only what a content script sends: exportJson,
 *   settingsSet and deleteAll are refused while a capture works; a normal web page has no way
 *   to message the extension at all;
 * - forged DM rows inserted by page script: at most one visit's worth of touches, and a row
 *   dated 2100 moves nobody's dates into the future;
 * - a hostile backup chosen on the options page: a Facebook profile on another host is refused
 *   row by row, and the file's settings wait for the user's choice;
 * - a 200-character name without spaces stays inside its pipeline row.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, sendFrom, startDemoServer, type ChromiumExtension, type Demo } from './harness';

interface Reply {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}

/** The extension's content-script world in `page`, found the way DevTools finds it: an isolated context of our origin. */
async function contentWorld(ext: ChromiumExtension, page: Page): Promise<{ cdp: CDPSession; send: (type: string, payload: unknown) => Promise<Reply> }> {
  const cdp = await ext.context.newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as (typeof contexts)[number]));
  await cdp.send('Runtime.enable');
  const ours = () => contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${ext.extensionId}`);
  await expect.poll(() => ours() !== undefined, { timeout: 20_000 }).toBe(true);
  const contextId = ours()!.id;
  return {
    cdp,
    async send(type, payload) {
      const r = await cdp.send('Runtime.evaluate', {
        contextId,
        awaitPromise: true,
        returnByValue: true,
        expression: `chrome.runtime.sendMessage(${JSON.stringify({ type, payload })})`,
      });
      if (r.exceptionDetails) throw new Error(`content world threw: ${JSON.stringify(r.exceptionDetails).slice(0, 300)}`);
      return r.result.value as Reply;
    },
  };
}

describe('what a content script and a web page can ask (Chromium)', () => {
  let demo: Demo;
  let ext: ChromiumExtension;
  let popup: Page;

  beforeAll(async () => {
    demo = await startDemoServer();
    ext = await launchChromium();
    popup = await ext.openPopup('?view=today');
  });
  afterAll(async () => {
    await ext?.close();
    await demo?.close();
  });

  const person = (slug: string, name: string) => ({ profileUrl: demo.url(`/demo/profile/${slug}`), name, pageUrl: demo.url('/demo/index.html') });

  it('from the content-script world: exportJson, settingsSet and deleteAll are refused, a capture works', async () => {
    await sendFrom(popup, 'capture', { person: person('zoe-muller', 'Zoë Müller'), surface: 'comment', as: 'lead' });
    await sendFrom(popup, 'updatePerson', {
      personId: (await sendFrom<{ badges: Record<string, { personId: string }> }>(popup, 'lookup', { profileKeys: ['demo:zoe-muller'] })).badges['demo:zoe-muller']!.personId,
      notes: 'Private: going through a divorce',
    });
    const page = await ext.context.newPage();
    await page.goto(demo.url('/demo/index.html'));
    const world = await contentWorld(ext, page);

    for (const [type, payload] of [
      ['exportJson', {}],
      ['exportFile', {}],
      ['settingsSet', { settings: { storeMessageText: true } }],
      ['deleteAll', { confirm: true }],
      ['pipeline', {}],
    ] as const) {
      const reply = await world.send(type, payload);
      expect(reply, type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(JSON.stringify(reply)).not.toContain('divorce');
    }
    // Told only what it acts on: no cadence, goals or other sites.
    const settings = await world.send('settingsGet', {});
    expect(settings).toEqual({ ok: true, data: { settings: { storeMessageText: false, sites: { demo: { enabled: true, badges: true } } } } });
    // Another site's people are not its business.
    expect(await world.send('capture', { person: { ...person('mallory', 'Mallory'), profileUrl: 'https://www.facebook.com/mallory', pageUrl: 'https://www.facebook.com/' }, surface: 'comment', as: 'lead' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    const captured = await world.send('capture', { person: person('ana-souza', 'Ana Souza'), surface: 'comment', as: 'lead', requestId: 'e2e-content-capture-1' });
    expect(captured).toMatchObject({ ok: true, data: { profileKey: 'demo:ana-souza', created: true } });
    // The same capture sent again (a retry after a lost reply) is stored once.
    expect(await world.send('capture', { person: person('ana-souza', 'Ana Souza'), surface: 'comment', as: 'lead', requestId: 'e2e-content-capture-1' })).toMatchObject({ ok: true });

    const after = await sendFrom<{ settings: { storeMessageText: boolean } }>(popup, 'settingsGet', {});
    expect(after.settings.storeMessageText).toBe(false);
    const { total } = await sendFrom<{ total: number }>(popup, 'pipeline', {});
    expect(total).toBe(2);
    const ana = (await sendFrom<{ badges: Record<string, { personId: string }> }>(popup, 'lookup', { profileKeys: ['demo:ana-souza'] })).badges['demo:ana-souza']!;
    const detail = await sendFrom<{ touches: { kind: string }[] }>(popup, 'person', { personId: ana.personId });
    expect(detail.touches.filter((t) => t.kind === 'comment')).toHaveLength(1);
    await world.cdp.detach();
    await page.close();
  });

  it('a normal web page has no way to message the extension', async () => {
    const page = await ext.context.newPage();
    await page.goto(demo.url('/demo/index.html'));
    const outcome = await page.evaluate(async (id) => {
      const c = (globalThis as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } } }).chrome;
      if (typeof c?.runtime?.sendMessage !== 'function') return 'no runtime';
      try {
        return `ANSWERED ${JSON.stringify(await c.runtime.sendMessage(id, { type: 'exportJson', payload: {} }))}`;
      } catch (e) {
        return `refused: ${String(e)}`;
      }
    }, ext.extensionId);
    expect(outcome).not.toMatch(/^ANSWERED/);
    await page.close();
  });

  it('forged DM rows: at most one visit of touches, and a row dated 2100 moves no date into the future', async () => {
    // Ana (captured above) has an open thread on the demo page, with four real messages.
    const page = await ext.context.newPage();
    await page.goto(demo.url('/demo/index.html'));
    const ana = (await sendFrom<{ badges: Record<string, { personId: string }> }>(popup, 'lookup', { profileKeys: ['demo:ana-souza'] })).badges['demo:ana-souza']!;
    const touches = async () => (await sendFrom<{ touches: { at: number; kind: string }[] }>(popup, 'person', { personId: ana.personId })).touches;
    await expect.poll(async () => (await touches()).filter((t) => t.kind === 'message').length, { timeout: 20_000 }).toBe(4);

    await page.evaluate(() => {
      const thread = document.querySelector('[data-testid="dm-thread"]')!;
      const list = thread.querySelector('[data-testid="dm-message"]')!.parentElement!;
      const rows: string[] = [];
      for (let i = 0; i < 3000; i++) {
        const at = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
        rows.push(`<div class="msg" data-testid="dm-message" data-direction="${i % 2 ? 'in' : 'out'}" data-message-id="forged-${i}"><p>forged ${i}</p><time datetime="${at}">x</time></div>`);
      }
      rows.push('<div class="msg" data-testid="dm-message" data-direction="in" data-message-id="forged-2100"><p>from the future</p><time datetime="2100-01-01T00:00:00Z">x</time></div>');
      list.insertAdjacentHTML('beforeend', rows.join(''));
    });
    const started = Date.now();
    await expect.poll(async () => (await touches()).filter((t) => t.kind === 'message').length, { timeout: 30_000 }).toBe(50);
    // And no more arrive: the visit's bound holds however many rows the page adds.
    await new Promise((r) => setTimeout(r, 3_000));
    const all = await touches();
    expect(all.filter((t) => t.kind === 'message')).toHaveLength(50);
    const newest = Math.max(...all.map((t) => t.at));
    expect(newest).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
    expect(newest).toBeGreaterThanOrEqual(started - 60_000);
    const { person } = await sendFrom<{ person: { lastTouchAt?: number; nextFollowUpAt?: number } }>(popup, 'person', { personId: ana.personId });
    expect(person.lastTouchAt).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
    expect(person.nextFollowUpAt).toBeLessThan(Date.now() + 3 * 86_400_000);
    await page.close();
  }, 120_000);
});

describe('a hostile backup on the options page (Chromium)', () => {
  let ext: ChromiumExtension;
  beforeAll(async () => {
    ext = await launchChromium();
  });
  afterAll(async () => ext?.close());

  it('a Facebook profile on another host is refused with its row named; the file’s settings wait for the user', async () => {
    const page = await ext.openOptions();
    await page.waitForSelector('#import input[type=file]');
    const now = Date.now();
    const ana = {
      id: 'p-ana',
      name: 'Ana Souza',
      stage: 'lead',
      market: 'market',
      reachOut: false,
      onDrip: false,
      identities: [{ site: 'facebook', profileKey: 'facebook:ana.souza.7', profileUrl: 'https://www.facebook.com/ana.souza.7', displayName: 'Ana Souza', handle: 'ana.souza.7' }],
      sources: [{ kind: 'comment', at: now - 1000, site: 'facebook' }],
      qualification: { need: null, desire: null, decisionMaker: null, initiative: null },
      exposures: 0,
      notes: '',
      stageHistory: [{ stage: 'lead', at: now - 1000 }],
      createdAt: now - 1000,
      updatedAt: now - 1000,
      followUpsSinceInbound: 0,
      outboundStreak: 0,
    };
    const settings = (await sendFrom<{ settings: Record<string, unknown> }>(page, 'settingsGet', {})).settings;
    const file = (people: unknown[]) => ({ format: 'handraiser-backup', version: 1, exportedAt: now, people, touches: [], appointments: [], handRaisePosts: [], settings: { ...settings, storeMessageText: true, notifications: false } });
    const choose = (name: string, data: unknown) => page.getByLabel('Choose a file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(data)) });

    const evil = { ...ana, id: 'p-evil', name: 'Evil Twin', identities: [{ ...ana.identities[0]!, profileKey: 'facebook:evil.twin', profileUrl: 'https://facebook.evil.example/evil.twin' }] };
    await choose('evil.json', file([ana, evil]));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const problems = page.locator('.import-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('person 2 (Evil Twin), profiles, item 1, profile address: The profiles, item 1, profile address is not a Facebook profile: https://facebook.evil.example/evil.twin.');
    expect((await sendFrom<{ total: number }>(page, 'pipeline', {})).total).toBe(0);

    await choose('good.json', file([ana]));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('#import .success').waitFor();
    const panel = page.locator('.file-settings');
    await panel.waitFor();
    expect(await panel.locator('li').allTextContents()).toEqual(['Show reminders as notifications: On → Off']);
    expect(await panel.textContent()).toContain('Handraiser never turns that on from a file');
    expect((await sendFrom<{ settings: { notifications: boolean } }>(page, 'settingsGet', {})).settings.notifications).toBe(true);
    await page.getByRole('button', { name: 'Use the backup’s settings' }).click();
    await page.locator('.snackbar', { hasText: 'Settings from the backup used.' }).waitFor();
    const used = (await sendFrom<{ settings: { notifications: boolean; storeMessageText: boolean } }>(page, 'settingsGet', {})).settings;
    expect(used).toMatchObject({ notifications: false, storeMessageText: false });
    await page.close();
  });
});

describe('a long name in the popup (Chromium)', () => {
  let ext: ChromiumExtension;
  beforeAll(async () => {
    ext = await launchChromium();
  });
  afterAll(async () => ext?.close());

  it('200 characters without a space wrap inside the pipeline row', async () => {
    const popup = await ext.openPopup('?view=today');
    await popup.setViewportSize({ width: 380, height: 600 });
    const long = 'W'.repeat(200);
    const slug = 'x'.repeat(100);
    await sendFrom(popup, 'capture', { person: { profileUrl: `http://127.0.0.1:8337/demo/profile/${slug}`, name: long, pageUrl: 'http://127.0.0.1:8337/demo/index.html' }, surface: 'comment', as: 'lead' });
    await sendFrom(popup, 'updatePerson', {
      personId: (await sendFrom<{ badges: Record<string, { personId: string }> }>(popup, 'lookup', { profileKeys: [`demo:${slug}`] })).badges[`demo:${slug}`]!.personId,
      nextStep: { text: 'N'.repeat(300) },
    });
    await popup.goto(`chrome-extension://${ext.extensionId}/src/popup/index.html?view=pipeline`);
    const row = popup.locator('.person-row', { hasText: long });
    await row.waitFor();
    const box = await row.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const inside = [...el.querySelectorAll('*')].map((c) => c.getBoundingClientRect().right);
      return { right: r.right, scroll: el.scrollWidth, client: el.clientWidth, widest: Math.max(...inside), page: document.documentElement.scrollWidth, view: innerWidth };
    });
    expect(box.right).toBeLessThanOrEqual(box.view);
    expect(box.scroll).toBeLessThanOrEqual(box.client);
    expect(box.widest).toBeLessThanOrEqual(box.right);
    expect(box.page).toBeLessThanOrEqual(box.view);
  });
});
