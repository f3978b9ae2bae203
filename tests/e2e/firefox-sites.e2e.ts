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

interface SiteFixture {
  fixture: string;
  /** Profile keys of everyone the adapter finds there (tests/unit/sites/<site>.test.ts names them). */
  people: string[];
  /** Who to capture with one click, and the state their chip then shows; none where the page hides its body. */
  capture?: { key: string; state: 'lead' | 'reach-out' };
}

const F = (site: string, file: string) => `tests/fixtures/sites/${site}/${file}`;

const FIXTURES: SiteFixture[] = [
  {
    fixture: F('facebook', 'post-comments.html'),
    people: ['facebook:ana.souza.1988', 'facebook:id:100077700011122', 'facebook:id:100089123456789', 'facebook:jose.garcia.mx'],
    capture: { key: 'facebook:jose.garcia.mx', state: 'lead' },
  },
  {
    fixture: F('facebook', 'group-feed.html'),
    people: ['facebook:id:100055500011122', 'facebook:id:100077766655544', 'facebook:ivy.okafor.fit'],
    capture: { key: 'facebook:ivy.okafor.fit', state: 'lead' },
  },
  { fixture: F('facebook', 'group-comments-hostile.html'), people: ['facebook:id:100022233344455', 'facebook:id:100033344455566'] },
  {
    fixture: F('facebook', 'reactions-dialog.html'),
    people: ['facebook:ana.souza.1988', 'facebook:id:100044455566677', 'facebook:lucas.pereira.77'],
    capture: { key: 'facebook:lucas.pereira.77', state: 'reach-out' },
  },
  {
    fixture: F('facebook', 'reactions-dialog-mobile.html'),
    people: ['facebook:id:100055566677788', 'facebook:mei.chen.fit'],
    capture: { key: 'facebook:mei.chen.fit', state: 'reach-out' },
  },
  { fixture: F('facebook', 'messages-thread.html'), people: ['facebook:ana.souza.1988'], capture: { key: 'facebook:ana.souza.1988', state: 'lead' } },
  {
    fixture: F('facebook', 'messenger-com-thread.html'),
    people: ['facebook:id:100012345000111'],
    capture: { key: 'facebook:id:100012345000111', state: 'lead' },
  },
];

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

describe('Facebook fixtures in Firefox, under their real host names', () => {
  let firefox: FirefoxExtension;
  let chromium: ChromiumExtension;
  beforeAll(async () => {
    [firefox, chromium] = await Promise.all([launchFirefox(), launchChromium()]);
  });
  afterAll(async () => {
    await Promise.all([firefox?.close(), chromium?.close()]);
  });

  for (const f of FIXTURES) {
    const file = f.fixture.split('/').pop()!;
    it(`${file}: Firefox gives the same people a button as Chromium${f.capture ? ', and one click captures' : ''}`, async () => {
      const inChromium = await chromiumKeys(chromium, f.fixture, f.people.length);
      expect(inChromium).toEqual(sorted(f.people));

      const tab = await firefox.newPage();
      await tab.openFixture(f.fixture);
      const chips = await pollFor(() => chipsOn(tab.page), (c) => sorted(c.map((x) => x.key)).length >= f.people.length, 20_000, 'chips');
      expect(sorted(chips.map((c) => c.key))).toEqual(inChromium);

      if (f.capture) {
        const { key, state } = f.capture;
        const host = await tab.page.$(`handraiser-chip[data-profile-key="${key}"]`);
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
