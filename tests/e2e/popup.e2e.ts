/**
 * The popup, driven like a user in real Chromium with the built extension (dist/chrome-dev):
 * seed people through the contract, then search, filter, open a person, log a touch with a
 * next step, promote, undo; axe on every screen; screenshots in both themes and languages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, launchChromium, screenshot, sendFrom, type ChromiumExtension } from './harness';

const DEMO = 'http://127.0.0.1:8337/demo';
const PAGE_URL = `${DEMO}/index.html`;

interface CaptureRes {
  badge: { personId: string; stage: string };
}
interface PersonRes {
  person: { id: string; stage: string; nextStep?: { text: string }; exposures: number };
  touches: { kind: string; text?: string; nextStep?: { text: string } }[];
}

const PEOPLE: [slug: string, name: string, surface: string, as: string][] = [
  ['ana-souza', 'Ana Souza', 'comment', 'lead'],
  ['bold-ben', 'Bold Ben', 'comment', 'lead'],
  ['carla-mendes', 'Carla Mendes', 'reaction', 'hand_raise'],
  ['mei-chen', 'Mei Chen', 'comment', 'lead'],
  ['tom-oreilly', 'Tom O’Reilly', 'reaction', 'reach_out'],
];

export async function seed(page: Page): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [slug, name, surface, as] of PEOPLE) {
    const r = await sendFrom<CaptureRes>(page, 'capture', {
      person: { profileUrl: `${DEMO}/profile/${slug}`, name, pageUrl: PAGE_URL },
      surface,
      contextUrl: `${DEMO}/index.html#post-1`,
      text: surface === 'comment' ? `Interested! <b>${name}</b>` : undefined,
      as,
    });
    ids[slug] = r.badge.personId;
  }
  return ids;
}

async function popup(ext: ChromiumExtension, query: string): Promise<Page> {
  const page = await ext.openPopup(query);
  await page.setViewportSize({ width: 380, height: 580 });
  await page.waitForSelector('main h2');
  return page;
}

describe('popup', () => {
  let ext: ChromiumExtension;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ext = await launchChromium();
    const page = await ext.openPopup('?view=today');
    ids = await seed(page);
    await page.close();
  });
  afterAll(async () => ext?.close());

  it('shows Today with the daily goal and counts', async () => {
    const page = await popup(ext, '?view=today');
    await expect.poll(() => page.locator('.counts').textContent()).toContain('New leads');
    expect(await page.getByRole('progressbar').getAttribute('aria-valuemax')).toBe('8');
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Today');
    // People exist: no first-run screen.
    expect(await page.locator('.first-run').count()).toBe(0);
    await page.close();
  });

  it('searches and filters the pipeline', async () => {
    const page = await popup(ext, '?view=pipeline');
    await page.waitForSelector('.person-row');
    const names = () => page.locator('.person-list .person-name').allTextContents();
    await expect.poll(names).toEqual(expect.arrayContaining(['Ana Souza', 'Bold Ben', 'Carla Mendes', 'Mei Chen']));

    await page.getByLabel('Search by name, handle, e-mail or phone').fill('car');
    await expect.poll(names).toEqual(['Carla Mendes']);
    await page.getByLabel('Search by name, handle, e-mail or phone').fill('');
    await expect.poll(async () => (await names()).length).toBeGreaterThan(1);

    await page.getByLabel('Source').selectOption('comment');
    await expect.poll(async () => (await names()).sort()).toEqual(['Ana Souza', 'Bold Ben', 'Mei Chen']);
    await page.getByLabel('Source').selectOption('');

    // Suggestions (a like on an ordinary post) are kept apart from leads.
    await page.locator('.group', { hasText: 'Reach out?' }).click();
    await expect.poll(names).toEqual(['Tom O’Reilly']);
    await page.locator('.group', { hasText: 'Lead' }).click();
    await expect.poll(async () => (await names()).includes('Tom O’Reilly')).toBe(false);
    await page.close();
  });

  it('opens a person, promotes, logs a touch with a next step, and undoes a promotion', async () => {
    const page = await popup(ext, '?view=pipeline');
    await page.getByLabel('Search by name, handle, e-mail or phone').fill('ana');
    await page.locator('.person-row', { hasText: 'Ana Souza' }).click();
    await page.waitForSelector('h2:text("Ana Souza")');
    expect(new URL(page.url()).search).toBe(`?view=person&id=${ids['ana-souza']}`);

    // Scraped text stays text.
    expect(await page.locator('.timeline b').count()).toBe(0);
    const profile = page.locator('a', { hasText: '@ana-souza' });
    expect(await profile.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await profile.getAttribute('target')).toBe('_blank');

    await page.getByRole('button', { name: 'Promote to prospect' }).first().click();
    await page.waitForSelector('text=Is this prospect ready?');

    // The full log form unfolds from the quick buttons.
    await page.locator('summary', { hasText: 'More: a call' }).click();
    await page.getByLabel('What', { exact: true }).selectOption('call');
    await page.getByRole('button', { name: 'Log it' }).click();
    await page.locator('[role=alert]', { hasText: 'You forgot to close' }).waitFor();
    await page.getByRole('textbox', { name: 'Next step' }).fill('Send the video, call back Thursday');
    await page.getByRole('button', { name: 'Log it' }).click();
    await page.locator('.snackbar', { hasText: 'Call logged for Ana Souza' }).waitFor();

    const detail = await sendFrom<PersonRes>(page, 'person', { personId: ids['ana-souza'] });
    expect(detail.person.stage).toBe('prospect');
    expect(detail.touches.some((t) => t.kind === 'call' && t.nextStep?.text === 'Send the video, call back Thursday')).toBe(true);

    // Qualification is stored per prospect.
    await page.getByRole('group', { name: 'Need' }).getByLabel('Yes').check();
    await expect
      .poll(async () => (await sendFrom<{ person: { qualification: { need: boolean | null } } }>(page, 'person', { personId: ids['ana-souza'] })).person.qualification.need)
      .toBe(true);
    await page.close();

    // Undo restores the previous stage.
    const ben = await popup(ext, `?view=person&id=${ids['bold-ben']}`);
    await ben.getByRole('button', { name: 'Promote to prospect' }).first().click();
    await ben.locator('.snackbar', { hasText: 'Bold Ben moved to Prospect' }).waitFor();
    await ben.locator('.snackbar').getByRole('button', { name: /^Undo/ }).click();
    await ben.locator('.snackbar', { hasText: 'Undone' }).waitFor();
    const after = await sendFrom<PersonRes>(ben, 'person', { personId: ids['bold-ben'] });
    expect(after.person.stage).toBe('lead');
    await ben.close();
  });

  it('undoes a logged touch: the touch is gone and the follow-up is back where it was', async () => {
    interface Detail {
      person: { lastTouchAt?: number; nextFollowUpAt?: number; followUpsSinceInbound: number; outboundStreak: number };
      touches: { id: string; text?: string }[];
    }
    const before = await (async () => {
      const page = await popup(ext, `?view=person&id=${ids['mei-chen']}`);
      const d = await sendFrom<Detail>(page, 'person', { personId: ids['mei-chen'] });
      await page.close();
      return d;
    })();
    const page = await popup(ext, `?view=person&id=${ids['mei-chen']}`);
    await page.locator('summary', { hasText: 'More: a call' }).click();
    await page.getByLabel('What', { exact: true }).selectOption('message');
    await page.getByLabel('What happened (optional)').fill('Sent the info pack');
    await page.getByRole('button', { name: 'Log it' }).click();
    await page.locator('.snackbar', { hasText: 'logged for Mei Chen' }).waitFor();
    await page.locator('.timeline', { hasText: 'Sent the info pack' }).waitFor();
    const logged = await sendFrom<Detail>(page, 'person', { personId: ids['mei-chen'] });
    expect(logged.touches).toHaveLength(before.touches.length + 1);
    expect(logged.person.outboundStreak).toBe(before.person.outboundStreak + 1);
    expect(logged.person.nextFollowUpAt).not.toBe(before.person.nextFollowUpAt);

    await page.locator('.snackbar').getByRole('button', { name: /^Undo/ }).click();
    await page.locator('.snackbar', { hasText: 'Undone' }).waitFor();
    await expect.poll(async () => (await page.locator('.timeline').textContent()) ?? '').not.toContain('Sent the info pack');
    const after = await sendFrom<Detail>(page, 'person', { personId: ids['mei-chen'] });
    expect(after.touches.map((t) => t.id)).toEqual(before.touches.map((t) => t.id));
    expect(after.person).toMatchObject({
      lastTouchAt: before.person.lastTouchAt,
      nextFollowUpAt: before.person.nextFollowUpAt,
      followUpsSinceInbound: before.person.followUpsSinceInbound,
      outboundStreak: before.person.outboundStreak,
    });
    await page.close();
  });

  it('schedules an appointment from the person screen', async () => {
    const page = await popup(ext, `?view=person&id=${ids['mei-chen']}`);
    await page.locator('summary', { hasText: 'Appointments' }).click();
    await page.getByLabel('Date and time').fill('2030-05-04T10:30');
    await page.getByLabel('Kind', { exact: true }).selectOption('video_call');
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.locator('.snackbar', { hasText: 'Appointment with Mei Chen' }).waitFor();
    const d = await sendFrom<{ appointments: { kind: string; at: number }[] }>(page, 'person', { personId: ids['mei-chen'] });
    expect(d.appointments).toHaveLength(1);
    expect(d.appointments[0]!.kind).toBe('video_call');
    await page.close();
  });

  it('has no serious or critical axe violations on any screen', async () => {
    for (const q of ['?view=today', '?view=pipeline', '?view=insight', `?view=person&id=${ids['ana-souza']}`]) {
      const page = await popup(ext, q);
      await page.waitForTimeout(300);
      expect(await axeSerious(page), q).toEqual([]);
      await page.close();
    }
  });
});

describe('popup screenshots (themes × languages)', () => {
  for (const locale of ['en', 'es']) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${locale} ${colorScheme}`, async () => {
        const ext = await launchChromium({ locale, colorScheme });
        try {
          const first = await popup(ext, '?view=today');
          await screenshot(first, `popup-first-run-${locale}-${colorScheme}`);
          const ids = await seed(first);
          await first.close();
          for (const [name, q] of [
            ['today', '?view=today'],
            ['pipeline', '?view=pipeline'],
            ['insight', '?view=insight'],
            ['person', `?view=person&id=${ids['ana-souza']}`],
          ] as const) {
            const page = await popup(ext, q);
            await page.waitForTimeout(400);
            if (locale === 'es') expect(await page.locator('nav button').first().textContent()).toBe('Hoy');
            if (colorScheme === 'dark') {
              const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
              expect(bg).toBe('rgb(23, 25, 28)');
            }
            await screenshot(page, `popup-${name}-${locale}-${colorScheme}`);
            if (colorScheme === 'dark') expect(await axeSerious(page), `${name} ${locale} dark`).toEqual([]);
            await page.close();
          }
        } finally {
          await ext.close();
        }
      });
    }
  }
});
