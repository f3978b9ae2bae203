/**
 * The social sites' fixtures in Firefox ESR under their real host names, as users meet them:
 * a content-script defect that only Firefox has (its Xray wrappers) shows up here, not only on
 * the demo page. Each fixture must give the same people a button in Firefox as in Chromium, and
 * one click captures a person; no content-script warning may reach the console.
 */
import type { Page as ChromiumPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureUrl, launchChromium, serveFixture, type ChromiumExtension } from './harness';
import { chipsOn, launchFirefox, pollFor, type FirefoxExtension } from './firefox';
import { layOutVirtualRows, SITE_CASES } from './sites/index';


const sorted = (keys: string[]) => [...new Set(keys)].sort();

/** Every profile key with a chip in Chromium, once the page has settled. */
async function chromiumKeys(ext: ChromiumExtension, fixture: string, expected: number): Promise<string[]> {
  const url = fixtureUrl(fixture);
  await serveFixture(ext.context, url, fixture);
  const page: ChromiumPage = await ext.context.newPage();
  await page.goto(url);
  const read = () => page.locator('handraiser-chip').evaluateAll((els) => els.map((e) => e.getAttribute('data-profile-key') ?? ''));
  await expect.poll(async () => sorted(await read()).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(expected);
  const keys = sorted(await read());
  await page.close();
  return keys;
}

describe('every site\'s fixtures in Firefox, under their real host names', () => {
  let firefox: FirefoxExtension;
  let chromium: ChromiumExtension;
  beforeAll(async () => {
    [firefox, chromium] = await Promise.all([launchFirefox(), launchChromium()]);
  });
  afterAll(async () => {
    await Promise.all([firefox?.close(), chromium?.close()]);
  });

  for (const f of Object.values(SITE_CASES).flat()) {
    const file = f.fixture.split('/').slice(-2).join('/');
    it(`${file}: Firefox gives the same people a button as Chromium${f.capture ? ', and one click captures' : ''}`, async () => {
      const inChromium = await chromiumKeys(chromium, f.fixture, f.people.length);
      expect(inChromium).toEqual(sorted(f.people));

      const tab = await firefox.newPage();
      await tab.openFixture(f.fixture);
      const chips = await pollFor(() => chipsOn(tab.page), (c) => sorted(c.map((x) => x.key)).length >= f.people.length, 20_000, 'chips');
      expect(sorted(chips.map((c) => c.key))).toEqual(inChromium);

      if (f.capture) {
        const { key } = f.capture;
        // A like on an ordinary post is a reach-out suggestion; anything else, a lead.
        const state = f.capture.surface === 'reaction' ? 'reach-out' : 'lead';
        await tab.page.evaluate(layOutVirtualRows);
        const host = await tab.page.$(`pierce/handraiser-chip[data-profile-key="${key}"]`);
        // A real pointer click at the chip, as the user's own.
        await host!.click();
        const after = await pollFor(() => chipsOn(tab.page), (c) => c.some((x) => x.key === key && x.state === state), 10_000, `${key} ${state}`);
        expect(after.filter((x) => x.key === key).every((x) => x.state === state)).toBe(true);
      }
      expect(tab.problems).toEqual([]);
      await tab.page.close();
    });
  }
});
