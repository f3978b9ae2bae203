/**
 * The workspace (issue 20) in real Chromium with the built extension (dist/chrome-dev): opened
 * from the popup and the person page as one tab, the board's moves by keyboard and by mouse, the
 * question a lead's promotion asks, undo, live updates from another page, axe and screenshots
 * in both themes.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, launchChromium, screenshot, sendFrom, type ChromiumExtension } from './harness';

const DEMO = 'http://127.0.0.1:8337/demo';
const PEOPLE: [slug: string, name: string][] = [
  ['ana-souza', 'Ana Souza'],
  ['bold-ben', 'Bold Ben'],
  ['carla-mendes', 'Carla Mendes'],
  ['mei-chen', 'Mei Chen'],
];

interface PersonRes {
  person: { id: string; stage: string; onDrip: boolean; nextFollowUpAt?: number };
}

async function seed(page: Page): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [slug, name] of PEOPLE) {
    const r = await sendFrom<{ badge: { personId: string } }>(page, 'capture', {
      person: { profileUrl: `${DEMO}/profile/${slug}`, name, pageUrl: `${DEMO}/index.html` },
      surface: 'comment',
      contextUrl: `${DEMO}/index.html#post-1`,
      text: 'Interested!',
      as: 'lead',
    });
    ids[slug] = r.badge.personId;
  }
  return ids;
}

const workspaceTabs = (ext: ChromiumExtension) => ext.context.pages().filter((p) => p.url().includes('/src/workspace/index.html'));
const card = (page: Page, column: string, name: string) => page.locator(`[data-column="${column}"] .card`, { hasText: name });
const stageOf = async (page: Page, id: string) => (await sendFrom<PersonRes>(page, 'person', { personId: id })).person;

async function openWorkspace(ext: ChromiumExtension): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/src/workspace/index.html`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForSelector('.board .card');
  return page;
}

describe('workspace', () => {
  let ext: ChromiumExtension;
  let ids: Record<string, string>;
  let popup: Page;

  beforeAll(async () => {
    ext = await launchChromium();
    popup = await ext.openPopup('?view=today');
    ids = await seed(popup);
  });
  afterAll(async () => ext?.close());

  it('opens from the popup and from the person page, in one tab that is focused again', async () => {
    const opened = ext.context.waitForEvent('page', (p) => p.url().includes('/src/workspace/'));
    await popup.getByRole('button', { name: 'Open the workspace: everyone on a board' }).click();
    const ws = await opened;
    await ws.waitForSelector('[data-column="lead"] .card');
    expect(await ws.title()).toBe('Handraiser workspace');
    await expect.poll(() => ws.locator('[data-column="lead"] .card').count()).toBe(4);

    // Again from the popup, then from a person's page: still one workspace tab, brought to the front.
    await popup.bringToFront();
    await popup.getByRole('button', { name: 'Open the workspace: everyone on a board' }).click();
    const person = await ext.openPopup(`?view=person&id=${ids['ana-souza']}`);
    await person.getByRole('button', { name: 'Workspace', exact: true }).click();
    await expect.poll(() => ws.evaluate(() => document.visibilityState)).toBe('visible');
    expect(workspaceTabs(ext)).toHaveLength(1);
    await person.close();
    await ws.close();
  });

  it('moves a card with the keyboard: focus its Move button, choose the column, Enter', async () => {
    const page = await openWorkspace(ext);
    await page.getByRole('button', { name: 'Move Ana Souza to another column' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Move Ana Souza to…' });
    await dialog.waitFor();
    // The choices: Prospect (checked), Customer, Team member, On drip, Not interested.
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByRole('radio', { name: 'Customer' }).isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.snackbar', { hasText: 'Ana Souza moved to Customer' }).waitFor();
    await card(page, 'customer', 'Ana Souza').waitFor();
    expect(await card(page, 'lead', 'Ana Souza').count()).toBe(0);
    // The keyboard stays on the moved card, in its new column.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-column]')?.getAttribute('data-column'))).toBe('customer');
    expect((await stageOf(page, ids['ana-souza']!)).stage).toBe('customer');
    await page.close();
  });

  it('a lead moved to prospect asks why; undo puts them back', async () => {
    const page = await openWorkspace(ext);
    await page.getByRole('button', { name: 'Move Bold Ben to another column' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Move Bold Ben to…' }).waitFor();
    await page.keyboard.press('Enter'); // Prospect, the first choice
    const why = page.getByRole('dialog', { name: 'Why is Bold Ben a prospect now?' });
    await why.waitFor();
    expect((await stageOf(page, ids['bold-ben']!)).stage).toBe('lead');
    await page.keyboard.press('ArrowDown');
    expect(await why.getByRole('radio', { name: /agreed to a meeting or a call/ }).isChecked()).toBe(true);
    await why.getByRole('button', { name: 'Move' }).click();
    await page.locator('.snackbar', { hasText: 'Bold Ben moved to Prospect (they agreed to a meeting or a call)' }).waitFor();
    await card(page, 'prospect', 'Bold Ben').waitFor();
    expect((await stageOf(page, ids['bold-ben']!)).stage).toBe('prospect');

    await page.locator('.snackbar').getByRole('button', { name: /^Undo/ }).click();
    await page.locator('.snackbar', { hasText: 'Undone' }).waitFor();
    await card(page, 'lead', 'Bold Ben').waitFor();
    expect((await stageOf(page, ids['bold-ben']!)).stage).toBe('lead');

    // Cancelling the question moves nobody.
    await page.getByRole('button', { name: 'Move Bold Ben to another column' }).click();
    await page.getByRole('dialog', { name: 'Move Bold Ben to…' }).getByRole('button', { name: 'Move' }).click();
    await page.getByRole('dialog', { name: 'Why is Bold Ben a prospect now?' }).getByRole('button', { name: 'Cancel' }).click();
    expect((await stageOf(page, ids['bold-ben']!)).stage).toBe('lead');
    await page.close();
  });

  it('moves a card with the mouse: dragged to Not interested, with no reminder scheduled', async () => {
    const page = await openWorkspace(ext);
    expect((await stageOf(page, ids['mei-chen']!)).nextFollowUpAt).toBeDefined();
    await card(page, 'lead', 'Mei Chen').dragTo(page.locator('[data-column="not_interested"] summary'));
    await page.locator('.snackbar', { hasText: 'Mei Chen moved to Not interested' }).waitFor();
    const mei = await stageOf(page, ids['mei-chen']!);
    expect(mei.stage).toBe('not_interested');
    expect(mei.nextFollowUpAt).toBeUndefined();
    // The folded column opens on the moved card.
    await card(page, 'not_interested', 'Mei Chen').waitFor();

    // Dragged to On drip: the stage stays, the reminders stop.
    await card(page, 'lead', 'Carla Mendes').dragTo(page.locator('[data-column="drip"] summary'));
    await page.locator('.snackbar', { hasText: 'Carla Mendes is on drip' }).waitFor();
    expect(await stageOf(page, ids['carla-mendes']!)).toMatchObject({ stage: 'lead', onDrip: true });
    await page.close();
  });

  it('shows a change made elsewhere without a reload', async () => {
    const page = await openWorkspace(ext);
    await card(page, 'lead', 'Bold Ben').waitFor();
    await sendFrom(popup, 'setStage', { personId: ids['bold-ben'], stage: 'team_member' });
    await card(page, 'team_member', 'Bold Ben').waitFor();
    expect(await card(page, 'lead', 'Bold Ben').count()).toBe(0);
    await page.close();
  });

  it('has no serious or critical axe violations, in both themes (screenshots)', async () => {
    const page = await openWorkspace(ext);
    await page.locator('[data-column="drip"] summary').click();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'workspace-board-en-light');
    await page.getByRole('button', { name: 'Move Ana Souza to another column' }).click();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'workspace-board-move-en-light');
    await page.close();
  });
});

describe('workspace, dark theme', () => {
  it('board: axe clean and a screenshot', async () => {
    const ext = await launchChromium({ colorScheme: 'dark', locale: 'es' });
    try {
      const popup = await ext.openPopup('?view=today');
      await seed(popup);
      const page = await openWorkspace(ext);
      expect(await page.title()).toBe('Espacio de trabajo de Handraiser');
      expect(await axeSerious(page)).toEqual([]);
      await screenshot(page, 'workspace-board-es-dark');
    } finally {
      await ext.close();
    }
  });
});
