/**
 * Check 7: a web page cannot make Handraiser capture anyone or read its data. From the demo
 * page's own main world (page.evaluate), we try the contract over window.postMessage, the
 * extension's runtime, forged events at our chip host, a forged chip of the page's own, and
 * finally script clicks on our real button inside the open shadow root. A trusted click on
 * another chip afterwards is the sentinel: once it is stored, anything the forgeries had set
 * off would be stored too. The manifest side (no externally_connectable, no <all_urls>, no
 * web-accessible resources) is asserted in tests/e2e/manifest.e2e.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, sendFrom, startDemoServer, type ChromiumExtension, type Demo } from './harness';

async function storedKeys(ext: ChromiumExtension): Promise<string[]> {
  const popup = await ext.openPopup();
  const r = await sendFrom<{ rows: { person: { identities: { profileKey: string }[] } }[] }>(popup, 'pipeline', { limit: 200 });
  await popup.close();
  return r.rows.flatMap((x) => x.person.identities.map((i) => i.profileKey)).sort();
}

const chipOf = (page: Page, key: string) => page.locator(`handraiser-chip[data-profile-key="${key}"]`).first();

/** A real (trusted) click on another chip; resolves once it is stored. */
async function sentinel(page: Page, key: string): Promise<void> {
  await chipOf(page, key).locator('button').click();
  await expect.poll(() => chipOf(page, key).getAttribute('data-state'), { timeout: 15_000 }).toBe('lead');
}

describe('a web page cannot drive Handraiser (Chromium)', () => {
  let demo: Demo;
  let ext: ChromiumExtension;
  let page: Page;
  let keys: string[];

  beforeAll(async () => {
    demo = await startDemoServer();
    ext = await launchChromium();
    page = await ext.context.newPage();
    await page.goto(demo.url('/demo/index.html'));
    await chipOf(page, 'demo:ana-souza').waitFor({ timeout: 20_000 });
    keys = await page.evaluate(() => [...new Set([...document.querySelectorAll('handraiser-chip')].map((c) => c.getAttribute('data-profile-key')!))]);
    expect(keys.length).toBeGreaterThanOrEqual(5);
  });
  afterAll(async () => {
    await ext?.close();
    await demo?.close();
  });

  it('the page has no way to reach the extension: no runtime, no external messaging', async () => {
    const result = await page.evaluate(async (id) => {
      const c = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => unknown; connect?: (...a: unknown[]) => unknown } } }).chrome;
      if (!c?.runtime?.sendMessage) return { runtime: false, outcome: 'no runtime' };
      const payload = { type: 'exportJson', payload: {} };
      try {
        const reply = await new Promise((resolve, reject) => {
          try {
            const r = c.runtime!.sendMessage!(id, payload, (x: unknown) => resolve(x));
            if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(resolve, reject);
          } catch (e) {
            reject(e);
          }
        });
        return { runtime: true, outcome: reply === undefined ? 'no answer' : `ANSWERED ${JSON.stringify(reply).slice(0, 200)}` };
      } catch (e) {
        return { runtime: true, outcome: `refused: ${String(e)}` };
      }
    }, ext.extensionId);
    expect(result.outcome).not.toMatch(/^ANSWERED/);
  });

  it('postMessage, forged events at our chip host and a forged chip capture nobody', async () => {
    const [target, , , , witness] = keys;
    await page.evaluate(
      ([key, origin]) => {
        const person = { profileUrl: `${origin}/demo/profile/${key!.slice(5)}`, name: 'Forged', pageUrl: `${origin}/demo/index.html` };
        const capture = { type: 'capture', payload: { person, surface: 'comment', as: 'lead' } };
        window.postMessage(capture, '*');
        window.postMessage(JSON.stringify(capture), '*');
        window.postMessage({ source: 'handraiser', message: capture }, '*');
        window.postMessage({ type: 'handraiser:capture', profileKey: key }, '*');
        document.dispatchEvent(new CustomEvent('handraiser:capture', { detail: capture, bubbles: true, composed: true }));

        const host = document.querySelector(`handraiser-chip[data-profile-key="${key}"]`) as HTMLElement;
        for (const type of ['click', 'pointerdown', 'pointerup', 'mousedown', 'mouseup']) {
          host.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true }));
        }
        host.dispatchEvent(new CustomEvent('activate', { bubbles: true, composed: true }));
        host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        host.click();
        // Key events a script makes never activate a button, even ours.
        const button = host.shadowRoot!.querySelector('button')!;
        button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        button.dispatchEvent(new KeyboardEvent('keyup', { key: ' ', bubbles: true, composed: true }));

        // The page's own look-alike chip, next to a real name: not ours, so nothing happens.
        const fake = document.createElement('handraiser-chip');
        fake.setAttribute('data-profile-key', 'demo:forged-person');
        fake.attachShadow({ mode: 'open' }).innerHTML = '<button>Capture</button>';
        document.querySelector('a[data-testid="author"]')!.after(fake);
        fake.shadowRoot!.querySelector('button')!.click();
      },
      [target, demo.origin] as const,
    );
    await sentinel(page, witness!);
    expect(await storedKeys(ext)).toEqual([witness]);
    expect(await chipOf(page, target!).getAttribute('data-state')).toBe('unknown');
  });

  /**
   * A script click (isTrusted false) on our real button in the OPEN shadow root reaches our
   * click handler. The chip must ignore it, or any page could capture people silently by
   * clicking our buttons. Keyboard users are unaffected: Enter/Space on a focused button makes
   * a trusted click.
   */
  it('script clicks on our real chip button (isTrusted false) capture nobody', async () => {
    const [, clicked, dispatched, , , witness] = [...keys, keys[keys.length - 1]];
    const before = await storedKeys(ext);
    await page.evaluate(
      ([a, b]) => {
        const buttonOf = (key: string) => document.querySelector(`handraiser-chip[data-profile-key="${key}"]`)!.shadowRoot!.querySelector('button')!;
        buttonOf(a!).click();
        buttonOf(b!).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
      },
      [clicked, dispatched] as const,
    );
    // The sentinel is another trusted click, on a chip not yet captured.
    const fresh = keys.find((k) => !before.includes(k) && k !== clicked && k !== dispatched) ?? witness!;
    await sentinel(page, fresh);
    const after = await storedKeys(ext);
    expect(after.filter((k) => !before.includes(k))).toEqual([fresh]);
    expect(await chipOf(page, clicked!).getAttribute('data-state')).toBe('unknown');
    expect(await chipOf(page, dispatched!).getAttribute('data-state')).toBe('unknown');
  });
});
