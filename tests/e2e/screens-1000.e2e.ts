/**
 * Every screen at 1,000 people, in English and Spanish, light and dark, at popup width:
 * screenshots saved for people to review (artifacts/screenshots/), axe on each, and nothing
 * wider than the popup at 360 and 420 px (no cut-off filter, no dropdown past its card, no
 * clipped column), in the longest language.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeSerious, launchChromium, screenshot, type ChromiumExtension } from './harness';
import { overflowing, seedBook } from './seed-people';

async function open(ext: ChromiumExtension, query: string, width = 380): Promise<Page> {
  const page = await ext.openPopup(query);
  await page.setViewportSize({ width, height: 580 });
  await page.waitForSelector('main h2');
  await page.waitForFunction(() => !document.querySelector('main [role=status].muted:not(.small)'));
  await page.waitForTimeout(300);
  return page;
}

describe('every screen at 1,000 people (language × theme)', () => {
  for (const locale of ['en', 'es']) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${locale} ${colorScheme}`, async () => {
        const ext = await launchChromium({ locale, colorScheme });
        try {
          const { book } = await seedBook(ext);
          const lead = book.people.find((p) => p.stage === 'lead' && p.identities[0]?.site === 'instagram' && !p.reachOut && p.phone)!;
          const prospect = book.people.find((p) => p.stage === 'prospect' && p.nextStep && p.qualification.need)!;
          const screens: [string, string][] = [
            ['today', '?view=today'],
            ['pipeline', '?view=pipeline'],
            ['pipeline-due', '?view=pipeline&signal=followUpDue'],
            ['insight', '?view=insight'],
            ['person-lead', `?view=person&id=${lead.id}`],
            ['person-prospect', `?view=person&id=${prospect.id}`],
            ['add', '?view=add'],
          ];
          for (const [name, query] of screens) {
            const page = await open(ext, query);
            if (locale === 'es') expect(await page.locator('nav.tabs button').first().textContent()).toBe('Hoy');
            // What the popup shows first, then the whole screen (the popup scrolls inside <main>).
            await screenshot(page, `day-${name}-${locale}-${colorScheme}`);
            await page.addStyleTag({ content: '.app { max-height: none !important; } main { overflow: visible !important; } main li { content-visibility: visible !important; }' });
            await screenshot(page, `day-${name}-${locale}-${colorScheme}-full`);
            expect(await axeSerious(page), `${name} ${locale} ${colorScheme}`).toEqual([]);
            // Every folded section open too: no field or dropdown inside may run past its card.
            await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
            // A popup is as wide as its body: the body at each width, as Chrome would lay it out.
            for (const width of [360, 420]) {
              await page.setViewportSize({ width, height: 580 });
              await page.addStyleTag({ content: `body { width: ${width}px !important; min-width: 0 !important; }` });
              expect((await overflowing(page)).join('\n'), `${name} ${locale} at ${width}px`).toBe('');
            }
            await page.close();
          }
          const options = await ext.openOptions();
          await options.waitForSelector('#language select');
          await screenshot(options, `day-options-${locale}-${colorScheme}`);
          expect(await axeSerious(options)).toEqual([]);
          await options.close();
          const welcome = await ext.context.newPage();
          await welcome.goto(`chrome-extension://${ext.extensionId}/src/welcome/index.html`);
          await welcome.waitForSelector('h1');
          await screenshot(welcome, `day-welcome-${locale}-${colorScheme}`);
          expect(await axeSerious(welcome)).toEqual([]);
          await welcome.close();
        } finally {
          await ext.close();
        }
      }, 180_000);
    }
  }
});
