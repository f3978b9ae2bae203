/**
 * Issue 22, a seller's day, in real Chromium with the built extension and 1,000 people: the
 * Today queue (who to message now, where, one tap to log it), search however a name is
 * spelled, people added, edited and deleted by hand, the person page that opens on the
 * conversation, sentences for codes and counts, the links and labels of item 6, Insight by
 * date and site, CSV columns, the language choice and the welcome page. The queue and the
 * search are driven in Firefox as well (popup-day-firefox.e2e.ts).
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLinkOf } from '../../src/domain/conversation';
import { queueKey, queueOrder } from '../../src/domain/focus';
import { foldForSearch } from '../../src/domain/text';
import type { Person, Touch } from '../../src/domain/types';
import { axeSerious, fixtureUrl, launchChromium, screenshot, sendFrom, serveFixture, type ChromiumExtension } from './harness';
import { seedBook } from './seed-people';

interface Detail {
  person: Person;
  touches: { id: string; direction: string; kind: string; contextUrl?: string }[];
  signals: Record<string, boolean>;
}

const TMP = mkdtempSync(join(tmpdir(), 'handraiser-day-e2e-'));

let ext: ChromiumExtension;
let now: number;
let people: Person[];
let touches: Touch[];

beforeAll(async () => {
  ext = await launchChromium();
  const seeded = await seedBook(ext);
  now = seeded.now;
  people = seeded.book.people;
  touches = seeded.book.touches;
}, 90_000);
afterAll(async () => ext?.close());

async function popup(query: string, width = 380, height = 580): Promise<Page> {
  const page = await ext.openPopup(query);
  await page.setViewportSize({ width, height });
  await page.waitForSelector('main h2');
  return page;
}

const detail = (page: Page, personId: string) => sendFrom<Detail>(page, 'person', { personId });
const queueNames = (page: Page) => page.locator('.queue-row .person-name').allTextContents();
/** The tier (domain/focus) each person of the book is in today, in queue order. */
const tierOf = (p: Person) => queueKey(p)![0];

describe("Today's queue", () => {
  it('is one queue, hottest first (ready to decide, prospects, replies, then leads by date), each person once; the first screen is what to do now', async () => {
    const page = await popup('?view=today');
    await page.locator('.queue-row').first().waitFor();
    const order = queueOrder(people, now);
    const expected = [0, 1, 2, 3].flatMap((tier) => order.filter((p) => tierOf(p) === tier).slice(0, 10).map((p) => p.name));
    expect(await queueNames(page)).toEqual(expected);
    const ids = await page.locator('.queue-row .person-link').evaluateAll((els) => els.map((e) => e.textContent));
    expect(ids.length).toBe(expected.length);
    expect(await page.locator('#queue-title').textContent()).toContain(`${order.length.toLocaleString('en-US')} people to contact`);
    const tiers = await page.locator('.tier h4').allTextContents();
    expect(tiers.map((t) => t.replace(/\s*[\d,]+$/, ''))).toEqual(['Ready to decide', 'Prospects and customers', 'They replied: your turn', 'Leads to follow up']);
    // A lead long overdue never sits above a prospect about to decide.
    expect(tierOf(order[0]!)).toBe(0);
    // The first thing in view is the queue: its first row is inside the popup's first screen.
    const box = await page.locator('.queue-row').first().boundingBox();
    expect(box!.y + box!.height).toBeLessThan(580);
    expect(await page.locator('.first-run').count()).toBe(0);
    await page.close();
  });

  it('each row shows its site and opens the conversation (else the post, else the profile)', async () => {
    const page = await popup('?view=today');
    const rows = page.locator('.queue-row');
    await rows.first().waitFor();
    const order = queueOrder(people, now);
    const shown = [0, 1, 2, 3].flatMap((tier) => order.filter((p) => tierOf(p) === tier).slice(0, 10));
    for (const [i, p] of shown.slice(0, 12).entries()) {
      const row = rows.nth(i);
      expect(await row.locator('.site-icon .visually-hidden').textContent()).toBe({ facebook: 'Facebook', instagram: 'Instagram', linkedin: 'LinkedIn', x: 'X (Twitter)', youtube: 'YouTube', tiktok: 'TikTok', demo: 'Demo page' }[p.identities[0]!.site]);
      const link = openLinkOf(p, touches.filter((t) => t.personId === p.id))!;
      const open = row.locator('a', { hasText: 'Open' });
      expect(await open.getAttribute('href')).toBe(link.url);
      expect(await open.getAttribute('target')).toBe('_blank');
      expect(await open.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await open.getAttribute('aria-label')).toContain(p.name);
    }
    // A DM thread is what "Open" picks up for someone one has written to there.
    expect(shown.some((p) => openLinkOf(p, touches.filter((t) => t.personId === p.id))?.kind === 'conversation')).toBe(true);
    await page.close();
  });

  it('"Sent" and "They replied" log the touch in one tap, Undo takes it back; after "Sent" a prospect is asked for the next step', async () => {
    const page = await popup('?view=today');
    await page.locator('.queue-row').first().waitFor();
    const order = queueOrder(people, now);
    const lead = order.find((p) => tierOf(p) === 3)!;
    const before = await detail(page, lead.id);
    await page.getByRole('button', { name: `Sent a message to ${lead.name}` }).first().click();
    await page.locator('.snackbar', { hasText: `Message to ${lead.name} logged` }).waitFor();
    const after = await detail(page, lead.id);
    expect(after.touches).toHaveLength(before.touches.length + 1);
    expect(after.touches.at(-1)).toMatchObject({ direction: 'outbound', kind: 'message' });
    // The follow-up moved on: the lead leaves today's queue.
    await expect.poll(async () => (await queueNames(page)).filter((n) => n === lead.name).length).toBeLessThan(order.filter((p) => p.name === lead.name && tierOf(p) === 3).length + 1);
    await page.locator('.snackbar').getByRole('button', { name: /^Undo/ }).click();
    await page.locator('.snackbar', { hasText: 'Undone' }).waitFor();
    expect((await detail(page, lead.id)).touches).toHaveLength(before.touches.length);
    // Back in the queue once the screen has read it again.
    await page.locator('.queue-row', { hasText: lead.name }).first().waitFor();

    // A prospect whose name is nobody else's on the first screen.
    const shown = await queueNames(page);
    const prospect = order.find((p) => tierOf(p) === 1 && p.stage === 'prospect' && shown.filter((n) => n === p.name).length === 1)!;
    await page.getByRole('button', { name: `They replied: ${prospect.name}` }).first().click();
    await page.locator('.snackbar', { hasText: `Reply from ${prospect.name} logged` }).waitFor();
    expect((await detail(page, prospect.id)).touches.at(-1)).toMatchObject({ direction: 'inbound', kind: 'message' });
    await page.getByRole('button', { name: `Sent a message to ${prospect.name}` }).first().click();
    const prompt = page.locator('.next-step-prompt');
    await prompt.locator('[role=alert]', { hasText: 'You forgot to close' }).waitFor();
    await prompt.getByRole('textbox', { name: 'Next step' }).fill('Send the video, call back Thursday');
    await prompt.getByRole('button', { name: 'Save next step' }).click();
    await page.locator('.snackbar', { hasText: `Next step saved for ${prospect.name}` }).waitFor();
    expect((await detail(page, prospect.id)).person.nextStep?.text).toBe('Send the video, call back Thursday');
    await screenshot(page, 'day-today-after-sent-en-light');
    await page.close();
  });

  it('a long tier pages in place; "everyone due" opens the pipeline filtered to them, not the unfiltered one', async () => {
    const page = await popup('?view=today');
    const cold = page.locator('.tier-cold .queue-row');
    await cold.first().waitFor();
    expect(await cold.count()).toBe(10);
    await page.locator('.tier-cold').getByRole('button', { name: /^Show \d+ more$/ }).click();
    await expect.poll(() => cold.count()).toBeGreaterThan(10);
    const names = await page.locator('.tier-cold .person-name').allTextContents();
    const order = queueOrder(people, now).filter((p) => tierOf(p) === 3);
    expect(names.slice(10, 20)).toEqual(order.slice(10, 20).map((p) => p.name).filter((n) => names.includes(n)).slice(0, 10));
    const { count } = await sendFrom<{ count: number }>(page, 'countDue', {});
    await page.getByRole('button', { name: new RegExp(`See all ${count.toLocaleString('en-US')} people with a follow-up due`) }).click();
    await page.getByRole('heading', { name: 'Pipeline' }).waitFor();
    expect(new URL(page.url()).search).toBe('?view=pipeline&signal=followUpDue');
    expect(await page.getByLabel('Signal', { exact: true }).inputValue()).toBe('followUpDue');
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toContain(`of ${count.toLocaleString('en-US')}`);
    await page.close();
  });

  it('the undo bar closes by itself and never covers the buttons under it', async () => {
    for (const [width, height] of [
      [380, 580],
      [1000, 700],
    ] as const) {
      const page = await popup('?view=today', width, height);
      await page.locator('.queue-row').first().waitFor();
      const row = page.locator('.tier-cold .queue-row').first();
      const name = (await row.locator('.person-name').textContent())!;
      await row.getByRole('button', { name: `They replied: ${name}` }).click();
      const bar = page.locator('.snackbar');
      await bar.waitFor();
      // Scrolled to the very end, the last button is whole and clickable, the bar beside it.
      const last = page.locator('main button').last();
      await last.scrollIntoViewIfNeeded();
      await page.evaluate(() => {
        const main = document.querySelector('main')!;
        main.scrollTop = main.scrollHeight;
        window.scrollTo(0, document.documentElement.scrollHeight);
      });
      const b = (await last.boundingBox())!;
      const s = (await bar.boundingBox())!;
      expect(b.y + b.height <= s.y || b.y >= s.y + s.height, `${width}px: the bar covers "${await last.textContent()}"`).toBe(true);
      const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('button')?.textContent, [b.x + b.width / 2, b.y + b.height / 2]);
      expect(hit).toBe(await last.textContent());
      // It stays while the pointer rests on it (time to reach Undo), and goes once it leaves.
      await page.mouse.move(5, 5);
      await bar.waitFor({ state: 'detached', timeout: 12_000 });
      await page.close();
    }
  });
});

describe('search and the pipeline', () => {
  const foldedWords = (p: Person) => foldForSearch(p.name).split(' ');
  const matching = (prefix: string) => people.filter((p) => foldedWords(p).some((w) => w.startsWith(prefix)) || foldForSearch(p.name).startsWith(prefix));

  it('finds names typed without accents or capitals, and phone numbers by their digits', async () => {
    const page = await popup('?view=pipeline');
    const search = page.getByLabel('Search by name, handle, e-mail or phone');
    const status = page.locator('main [role=status]').first();
    for (const [typed, prefix] of [
      ['fernandez', 'fernandez'],
      ['FERNÁNDEZ', 'fernandez'],
      ['conceicao', 'conceicao'],
      ['Conceição', 'conceicao'],
    ] as const) {
      await search.fill(typed);
      const want = matching(prefix).length;
      expect(want).toBeGreaterThan(20);
      const names = () => page.locator('.person-list .person-name').allTextContents();
      await expect.poll(async () => (await names()).every((n) => foldForSearch(n).includes(prefix)), { message: typed }).toBe(true);
      expect(await status.textContent()).toBe(`Showing ${Math.min(50, want)} of ${want} The numbers count who matches the search and filters.`);
    }
    // The group chips count what the search leaves, group by group.
    await search.fill('fernandez');
    await expect.poll(() => page.locator('.group', { hasText: 'Prospect' }).locator('.count').textContent()).toBe(
      String(matching('fernandez').filter((p) => p.stage === 'prospect' && !p.onDrip && !p.reachOut).length),
    );
    expect(await page.locator('.group', { hasText: 'Everyone' }).locator('.count').textContent()).toBe(String(matching('fernandez').length));
    const withPhone = people.find((p) => p.phone)!;
    await search.fill(withPhone.phone!.split(' ').slice(1, 3).join(' '));
    await expect.poll(() => page.locator('.person-list .person-name').allTextContents()).toContain(withPhone.name);
    await page.close();
  });

  it('labels: one @ for TikTok and YouTube handles; a row wears its stage and at most one signal; an overdue next step is not "No next step"', async () => {
    const page = await popup('?view=pipeline');
    const search = page.getByLabel('Search by name, handle, e-mail or phone');
    const tiktok = people.find((p) => p.identities[0]?.site === 'tiktok')!;
    await search.fill(tiktok.identities[0]!.handle!);
    const row = page.locator('.person-row', { hasText: tiktok.name }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain(tiktok.identities[0]!.handle!);
    expect(await row.textContent()).not.toContain('@@');
    await search.fill('');
    await page.locator('.person-row').first().waitFor();
    const chips = await page.locator('.person-row').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('.chip').length + r.querySelectorAll('.badge').length));
    expect(Math.max(...chips)).toBeLessThanOrEqual(3);
    expect(Math.max(...(await page.locator('.person-row').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('.chip').length))))).toBeLessThanOrEqual(1);
    // One nobody has touched in the tests before (the queue's first prospect got a new step).
    const overdueStep = [...people].reverse().find((p) => p.stage === 'prospect' && p.nextStep?.at !== undefined && p.nextStep.at < now - 86_400_000)!;
    await search.fill(overdueStep.identities[0]!.handle!.replace(/^@/, ''));
    const stepRow = page.locator('.person-row', { hasText: overdueStep.name }).first();
    await stepRow.waitFor();
    expect(await stepRow.textContent()).toContain(`Next: ${overdueStep.nextStep!.text}`);
    expect(await stepRow.textContent()).not.toContain('No next step');
    await page.close();
  });
});

// Before anyone is added by hand below: the range counts the seeded book.
describe('Insight', () => {
  it('has a date range and a split by site', async () => {
    const page = await popup('?view=insight');
    const based = page.getByText(/^Based on [\d,]+ people\.$/);
    await based.waitFor();
    const all = Number((await based.textContent())!.replace(/\D/g, ''));
    const sites = await page.locator('section[aria-labelledby="bysite-title"] tbody th').allTextContents();
    expect(sites.sort()).toEqual(['Facebook', 'Instagram', 'LinkedIn', 'TikTok', 'X (Twitter)', 'YouTube']);
    await page.getByLabel('People who came in').selectOption({ label: 'In the last 7 days' });
    // The last 7 days: today and the 6 before it, from local midnight.
    const from = new Date(now);
    from.setHours(0, 0, 0, 0);
    from.setDate(from.getDate() - 6);
    const week = people.filter((p) => !p.reachOut && p.market === 'market' && p.createdAt >= from.getTime()).length;
    await expect.poll(async () => (await page.getByText(/^Based on [\d,]+ (person|people)\.$/).textContent()) ?? '').toBe(`Based on ${week} people.`);
    expect(week).toBeLessThan(all);
    await page.close();
  });
});

describe('the person page', () => {
  it('opens on the conversation: where to reply and the last touches first, two quick buttons, a lead’s sections folded', async () => {
    const lead = people.find((p) => p.stage === 'lead' && !p.reachOut && p.identities[0]?.site === 'instagram' && touches.some((t) => t.personId === p.id && t.contextUrl?.includes('/direct/t/')))!;
    const page = await popup(`?view=person&id=${lead.id}`);
    await page.getByRole('heading', { name: lead.name, level: 2 }).waitFor();
    const thread = touches.filter((t) => t.personId === lead.id && t.contextUrl?.includes('/direct/t/')).at(-1)!.contextUrl!;
    const open = page.getByRole('link', { name: 'Open conversation' }).first();
    expect(await open.getAttribute('href')).toBe(thread);
    // Above the fold: the link, the quick buttons, the last touches.
    for (const el of [open, page.getByRole('button', { name: `Sent a message to ${lead.name}` }), page.locator('#timeline-title')]) {
      const box = (await el.boundingBox())!;
      expect(box.y + box.height).toBeLessThan(580);
    }
    // A DM in the timeline opens its thread.
    expect(await page.locator('.timeline li').first().getByRole('link', { name: 'Open conversation' }).getAttribute('href')).toBe(thread);
    expect(await page.locator('details.fold[open]').count()).toBe(0);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain('Exposures: 0');
    expect(text).not.toContain('Is this prospect ready?');
    // The full form unfolds on demand.
    expect(await page.getByLabel('What', { exact: true }).isVisible()).toBe(false);
    await page.locator('summary', { hasText: 'More: a call' }).click();
    expect(await page.getByLabel('What', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'day-person-lead-open-en-light');
    await page.close();
  });

  it('reason codes read as sentences, and counts agree in number', async () => {
    const replied = people.find((p) => p.stage === 'lead' && !p.reachOut && p.lastInboundAt !== undefined && p.lastOutboundAt !== undefined && p.lastInboundAt > p.lastOutboundAt)!;
    const page = await popup(`?view=person&id=${replied.id}`);
    await page.locator('.notice', { hasText: 'Looks like a prospect' }).waitFor();
    expect(await page.locator('.notice', { hasText: 'Looks like a prospect' }).locator('p').textContent()).toBe(
      'Looks like a prospect: they replied to your outreach and the conversation goes on.',
    );
    expect(await page.locator('main').textContent()).not.toMatch(/replied_after_outreach|[a-z]+_[a-z]+_[a-z]+/);
    await page.goto(page.url().replace(/\?.*/, '?view=insight'));
    await page.getByText(/^Based on [\d,]+ people\.$/).waitFor();
    await page.close();
  });

  it('adds a person by hand (each field checked, errors that say what is expected), edits their contact, deletes after asking, and undoes it', async () => {
    const page = await popup('?view=pipeline');
    await page.getByRole('button', { name: '+ Add person' }).click();
    await page.getByRole('heading', { name: 'Add a person' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Lucía Fernández Ruiz');
    await page.getByLabel('Profile link (optional)').fill('https://example.com/lucia');
    await page.getByLabel('Phone / WhatsApp').fill('call me');
    await page.getByLabel('E-mail', { exact: true }).fill('lucia(at)example');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const errors = await page.locator('.add-person [role=alert]').allTextContents();
    expect(errors).toEqual([
      'The profile link should be the address of their profile page, like https://www.instagram.com/ana.souza/.',
      'The phone should have 6 to 15 digits (spaces and dashes are fine), like +34 612 345 678.',
      'The e-mail should be an address like ana@example.com.',
    ]);
    expect(await page.getByLabel('Phone / WhatsApp').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Profile link (optional)').fill('https://www.instagram.com/lucia.fdz.ruiz/');
    await page.getByLabel('Phone / WhatsApp').fill('+34 699 111 222');
    await page.getByLabel('E-mail', { exact: true }).fill('lucia@example.com');
    await page.getByLabel('How they came in').selectOption('referral');
    await page.getByLabel('Referred by (optional)').fill('Ana Souza');
    await page.getByLabel('Stage').selectOption('prospect');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('heading', { name: 'Lucía Fernández Ruiz', level: 2 }).waitFor();
    const id = new URL(page.url()).searchParams.get('id')!;
    const added = (await detail(page, id)).person;
    expect(added).toMatchObject({ stage: 'prospect', phone: '+34 699 111 222', email: 'lucia@example.com', identities: [{ profileKey: 'instagram:lucia.fdz.ruiz' }] });
    expect(added.sources[0]).toMatchObject({ kind: 'referral', referrer: 'Ana Souza', site: 'instagram' });
    expect(await page.getByRole('link', { name: 'WhatsApp chat with Lucía Fernández Ruiz' }).getAttribute('href')).toBe('https://wa.me/34699111222');
    // The same profile again: not doubled, that person opens.
    await page.goto(page.url().replace(/\?.*/, '?view=add'));
    await page.getByLabel('Name', { exact: true }).fill('Someone');
    await page.getByLabel('Profile link (optional)').fill('https://instagram.com/Lucia.Fdz.Ruiz');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('.snackbar', { hasText: 'Lucía Fernández Ruiz is already in Handraiser with this profile' }).waitFor();
    expect(new URL(page.url()).searchParams.get('id')).toBe(id);

    // Rename and change the phone; a wrong e-mail is refused in place, naming what is expected.
    await page.locator('summary', { hasText: 'Name, phone, e-mail and profiles' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Lucía F. Ruiz');
    await page.getByLabel('E-mail', { exact: true }).fill('not an address');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#contact-email-error', { hasText: 'The e-mail should be an address like ana@example.com.' }).waitFor();
    await page.getByLabel('E-mail', { exact: true }).fill('');
    await page.getByLabel('Phone / WhatsApp').fill('+34 699 111 333');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Lucía F. Ruiz', level: 2 }).waitFor();
    expect((await detail(page, id)).person).toMatchObject({ name: 'Lucía F. Ruiz', phone: '+34 699 111 333' });
    expect((await detail(page, id)).person.email).toBeUndefined();

    await page.getByRole('button', { name: 'Delete Lucía F. Ruiz…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Lucía F. Ruiz?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await detail(page, id)).person.name).toBe('Lucía F. Ruiz');
    await page.getByRole('button', { name: 'Delete Lucía F. Ruiz…' }).click();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.locator('.snackbar', { hasText: 'Lucía F. Ruiz deleted' }).waitFor();
    expect((await sendFrom<{ badges: object }>(page, 'lookup', { profileKeys: ['instagram:lucia.fdz.ruiz'] })).badges).toEqual({});
    await page.locator('.snackbar').getByRole('button', { name: /^Undo/ }).click();
    await page.locator('.snackbar', { hasText: 'Undone' }).waitFor();
    expect((await detail(page, id)).person).toMatchObject({ name: 'Lucía F. Ruiz', phone: '+34 699 111 333' });
    await page.close();
  });
});

describe('CSV columns', () => {
  it('imports phone, e-mail and per-site profile columns, and exports them', async () => {
    const c = await launchChromium();
    try {
      const page = await c.openOptions();
      await page.waitForSelector('#import input[type=file]');
      const path = join(TMP, 'contacts.csv');
      writeFileSync(
        path,
        ['Nombre,Teléfono,Email,Facebook URL,Instagram', 'Lucía Fernández,+34 612 345 678,lucia@example.com,https://www.facebook.com/lucia.fdz,@lucia.fdz', 'Bo Lee,,bo@example.com,,bo.lee'].join('\n'),
      );
      await page.getByLabel('Choose a file').setInputFiles(path);
      for (const [column, target] of [
        ['Teléfono', 'phone'],
        ['Email', 'email'],
        ['Facebook URL', 'facebookUrl'],
        ['Instagram', 'instagramUrl'],
      ]) {
        expect(await page.getByRole('combobox', { name: `Use column “${column}” as` }).inputValue()).toBe(target);
      }
      await page.getByRole('button', { name: 'Import 2 rows' }).click();
      await page.locator('#import .success').waitFor();
      expect(await page.locator('#import .success').textContent()).toBe('Imported 2 new people and merged 0 people; 0 touches, 0 appointments, 0 hand-raise posts.');
      const { rows } = await sendFrom<{ rows: { person: Person }[] }>(page, 'pipeline', { query: 'lucia' });
      expect(rows[0]!.person).toMatchObject({ phone: '+34 612 345 678', email: 'lucia@example.com' });
      expect(rows[0]!.person.identities.map((i) => i.profileKey).sort()).toEqual(['facebook:lucia.fdz', 'instagram:lucia.fdz']);
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download contacts (CSV)' }).click()]);
      const out = join(TMP, 'out.csv');
      await csv.saveAs(out);
      const [header, ...lines] = readFileSync(out, 'utf8').split('\r\n');
      for (const col of ['Email', 'Phone Number', 'Facebook URL', 'Instagram URL', 'TikTok URL']) expect(header!.split(',')).toContain(col);
      const lucia = lines.find((l) => l.startsWith('Lucía,Fernández'))!;
      expect(lucia).toContain('lucia@example.com');
      expect(lucia).toContain('https://www.instagram.com/lucia.fdz/');
      await page.close();
    } finally {
      await c.close();
    }
  });
});

describe('language and first run', () => {
  it('a language chosen in the options is the popup’s, the options’ and the toolbar’s, whatever the browser’s', async () => {
    const options = await ext.openOptions();
    await options.waitForSelector('#language select');
    expect(await options.getByLabel('Language of Handraiser').inputValue()).toBe('auto');
    await Promise.all([options.waitForEvent('load'), options.getByLabel('Language of Handraiser').selectOption('es')]);
    await options.getByRole('heading', { name: 'Ajustes de Handraiser', level: 1 }).waitFor();
    expect(await options.evaluate(() => document.documentElement.lang)).toBe('es');
    const page = await popup('?view=today');
    expect(await page.locator('nav.tabs button').first().textContent()).toBe('Hoy');
    await page.locator('#queue-title', { hasText: 'personas por contactar' }).waitFor();
    // The background speaks it too: the toolbar's title counts in Spanish.
    await expect
      .poll(() => page.evaluate(() => chrome.action.getTitle({})), { timeout: 10_000 })
      .toMatch(/^Handraiser: [\d.]+ seguimientos? pendientes? hoy$/);
    await screenshot(page, 'day-today-chosen-es');
    // The buttons on a social site's page speak it as well.
    const POST = 'tests/fixtures/sites/facebook/post-comments.html';
    await serveFixture(ext.context, fixtureUrl(POST), POST);
    const site = await ext.context.newPage();
    await site.goto(fixtureUrl(POST));
    const labels = () => site.locator('handraiser-chip button.chip').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    await expect.poll(async () => (await labels()).length, { timeout: 15_000 }).toBe(4);
    await expect.poll(labels, { timeout: 10_000 }).toSatisfy((l: string[]) => l.every((x) => /^Guardar a .+ como lead$|Abrir el menú de Handraiser$/.test(x)));
    await Promise.all([options.waitForEvent('load'), options.getByLabel('Idioma de Handraiser').selectOption('auto')]);
    await options.getByRole('heading', { name: 'Handraiser settings', level: 1 }).waitFor();
    // Back to the browser's language, live on the open page.
    await expect.poll(labels, { timeout: 10_000 }).toSatisfy((l: string[]) => l.every((x) => /^Capture .+ as lead$|Open Handraiser menu$/.test(x)));
    await site.close();
    await page.reload();
    await page.locator('nav.tabs button', { hasText: 'Today' }).waitFor();
    await options.close();
    await page.close();
  });

  it('the welcome page opened on install: pin, try, where the button appears, what stays private', async () => {
    const welcome = ext.context.pages().find((p) => p.url().endsWith('/src/welcome/index.html'));
    expect(welcome, 'a tab with the welcome page').toBeTruthy();
    await welcome!.getByRole('heading', { name: 'Welcome to Handraiser', level: 1 }).waitFor();
    const text = (await welcome!.locator('main').textContent()) ?? '';
    expect(text).toContain('Pin Handraiser to the toolbar');
    expect(text).toContain('puzzle piece');
    expect(await welcome!.getByRole('link', { name: 'Try it on the demo page' }).getAttribute('href')).toBe('http://127.0.0.1:8337/demo/index.html');
    expect(await welcome!.locator('.where li').allTextContents()).toHaveLength(6);
    expect(text).toContain('YouTube: comments');
    expect(text).toContain('no account, no server, no analytics');
    expect(await welcome!.locator('.chip-sample').textContent()).toBe('+ Lead');
    expect(await axeSerious(welcome!)).toEqual([]);
    await screenshot(welcome!, 'day-welcome-on-install-en-light');
  });
});
