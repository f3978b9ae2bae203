/**
 * Site access and site health as the popup tells them (issue 17), in real browsers:
 * - Chromium: the user sets Handraiser's site access to "On click" (what chrome://extensions
 *   does, through its own developerPrivate API); the open popup names the six sites, pages get
 *   no buttons; "Allow access" asks Chrome for exactly the manifest's patterns from the click;
 *   once access is back the notice goes away by itself and a page gets its buttons.
 * - Chromium: a recognised page that shows nobody makes the popup's quiet hint name the site,
 *   and its link opens the options at site health.
 * - Firefox: installed without host access (as Firefox does when it does not grant it at
 *   install), the popup names the sites; one click grants them (the prompt auto-accepted by the
 *   profile's pref), the notice goes and a fixture page gets its buttons; taking one site's
 *   access back brings the notice back for that site.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_SITES, hostPatterns } from '../../src/domain/sites';
import { chipsOn, clickText, extensionTab, launchFirefox, pollFor, until, type FirefoxExtension } from './firefox';
import { axeSerious, fixtureUrl, launchChromium, screenshot, serveFixture, type ChromiumExtension } from './harness';

const FIXTURE = 'tests/fixtures/sites/youtube/watch-comments.html';
const PEOPLE = 4;
const ALL_SITES = "Handraiser can't read Facebook, Instagram, LinkedIn, X (Twitter), YouTube, and TikTok";

/** Sets Handraiser's site access as a user does on chrome://extensions ("On click" withholds every site). */
async function setSiteAccess(ext: ChromiumExtension, hostAccess: 'ON_CLICK' | 'ON_ALL_SITES'): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(
    ([id, access]) =>
      (chrome as unknown as { developerPrivate: { updateExtensionConfiguration(u: object): Promise<void> } }).developerPrivate.updateExtensionConfiguration({
        extensionId: id,
        hostAccess: access,
      }),
    [ext.extensionId, hostAccess] as const,
  );
  await page.close();
}

async function chromiumChips(ext: ChromiumExtension): Promise<{ page: Page; count: () => Promise<number> }> {
  const url = fixtureUrl(FIXTURE);
  await serveFixture(ext.context, url, FIXTURE);
  const page = await ext.context.newPage();
  await page.goto(url);
  return { page, count: () => page.locator('handraiser-chip').count() };
}

describe('site access in Chromium', () => {
  let ext: ChromiumExtension;
  beforeAll(async () => {
    ext = await launchChromium();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('a withheld site is named in the open popup; "Allow access" asks for its exact patterns; granted, the notice goes and buttons appear', async () => {
    const popup = await ext.openPopup();
    await popup.locator('#queue-title, .first-run').first().waitFor();
    await expect.poll(() => popup.locator('.site-access').count()).toBe(0);

    await setSiteAccess(ext, 'ON_CLICK');
    // The popup follows permissions.onRemoved: no reload.
    await expect.poll(() => popup.locator('.site-access h3').textContent(), { timeout: 10_000 }).toBe(ALL_SITES);
    const { page, count } = await chromiumChips(ext);
    await page.waitForTimeout(1500);
    expect(await count()).toBe(0);
    await screenshot(popup, 'site-access-chromium');
    expect(await axeSerious(popup)).toEqual([]);

    // Chrome shows its own prompt, which no test can answer: record what was asked, and that
    // Chrome accepted the call (a call outside a click is refused, and the popup would say so).
    await popup.evaluate(() => {
      const perms = chrome.permissions as unknown as { request: (...a: unknown[]) => unknown };
      const real = perms.request.bind(perms);
      perms.request = (...args: unknown[]) => {
        (window as unknown as { asked: unknown[] }).asked = [...((window as unknown as { asked?: unknown[] }).asked ?? []), args[0]];
        return real(...args);
      };
    });
    await popup.getByRole('button', { name: 'Allow access' }).click();
    await expect.poll(() => popup.evaluate(() => (window as unknown as { asked?: unknown[] }).asked)).toEqual([{ origins: SUPPORTED_SITES.flatMap(hostPatterns) }]);
    await popup.waitForTimeout(500);
    expect(await popup.locator('.site-access [role=alert]').count()).toBe(0);

    // The user allows it (in the prompt, or on chrome://extensions): the popup follows permissions.onAdded.
    await setSiteAccess(ext, 'ON_ALL_SITES');
    await expect.poll(() => popup.locator('.site-access').count(), { timeout: 10_000 }).toBe(0);
    await page.reload();
    await expect.poll(count, { timeout: 15_000 }).toBeGreaterThanOrEqual(PEOPLE);
    await page.close();
    await popup.close();
  });

  it('a recognised page that shows nobody: the popup quietly names the site and opens the options at site health', async () => {
    const url = 'https://www.youtube.com/watch?v=aaaaaaaaaaa';
    // A comment thread the adapter recognises, with nobody it can read in it (no author link at all).
    await ext.context.route(url, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><title>Video</title><ytd-comments id="comments"><ytd-comment-thread-renderer><div id="content-text">Great video!</div></ytd-comment-thread-renderer></ytd-comments>',
      }),
    );
    const page = await ext.context.newPage();
    await page.goto(url);
    const popup = await ext.openPopup();
    const hint = popup.locator('.site-health-hint');
    // The content script checks the page a few seconds after load; the popup follows the broadcast.
    await expect.poll(async () => (await hint.count()) ? hint.textContent() : null, { timeout: 20_000 }).toContain(
      'Handraiser may be missing people on YouTube: the site seems to have changed.',
    );
    await screenshot(popup, 'site-health-hint-chromium');
    expect(await axeSerious(popup)).toEqual([]);
    const [options] = await Promise.all([ext.context.waitForEvent('page'), hint.getByRole('button', { name: 'See site health' }).click()]);
    await options.waitForLoadState();
    expect(new URL(options.url()).hash).toBe('#health');
    await expect.poll(() => options.locator('#health li.notice[data-site="youtube"]').textContent(), { timeout: 10_000 }).toContain('YouTube · ');
    await expect.poll(() => options.evaluate(() => document.getElementById('health')!.getBoundingClientRect().top < innerHeight)).toBe(true);
    await options.close();
    await popup.close();
    await page.close();
  });
});

describe('site access in Firefox', () => {
  let firefox: FirefoxExtension;
  beforeAll(async () => {
    firefox = await launchFirefox('firefox-dev', {
      // Firefox grants an MV3 extension's host access at install unless this is off (older releases, Android, enterprise policy).
      'extensions.originControls.grantByDefault': false,
      // The permission prompt is accepted, as the user would.
      'extensions.webextOptionalPermissionPrompts': false,
    });
  });
  afterAll(async () => {
    await firefox?.close();
  });

  it('without host access the popup names the sites; one click grants them, the notice goes and a page gets its buttons', async () => {
    const tab = await firefox.newPage();
    await tab.openFixture(FIXTURE);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await chipsOn(tab.page)).toEqual([]);

    const popup = await extensionTab(firefox.browser, '/src/welcome/index.html');
    await popup.evaluate(() => location.assign('/src/popup/index.html?view=today'));
    await until(popup, () => document.querySelector('.site-access h3') !== null, 15_000);
    expect(await popup.evaluate(() => document.querySelector('.site-access h3')?.textContent)).toBe(ALL_SITES);

    await clickText(popup, '.site-access button', 'Allow access');
    await until(popup, () => document.querySelector('.site-access') === null, 10_000);
    expect(await popup.evaluate(() => document.querySelector('[role=alert]')?.textContent ?? '')).toBe('');

    await tab.page.reload();
    const chips = await pollFor(() => chipsOn(tab.page), (c) => c.length >= PEOPLE, 20_000, 'chips after access was granted');
    expect(chips.length).toBeGreaterThanOrEqual(PEOPLE);

    // Taken back (about:addons, or here the API): the popup follows permissions.onRemoved.
    await popup.evaluate(() => (globalThis as unknown as { browser: { permissions: { remove(p: object): Promise<boolean> } } }).browser.permissions.remove({ origins: ['https://m.tiktok.com/*'] }));
    await until(popup, () => document.querySelector('.site-access h3')?.textContent === "Handraiser can't read TikTok", 10_000);
    expect(tab.problems).toEqual([]);
  });
});
