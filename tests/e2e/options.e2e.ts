/**
 * The options page in real Chromium: cadence, export JSON and import it into a fresh profile
 * (its settings used only when the user chooses), a broken file (which rows, why, nothing
 * changed), CSV export columns, typed delete, axe,
 * and screenshots in both themes and languages.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT, screenshot, sendFrom, type ChromiumExtension } from './harness';

const DEMO = 'http://127.0.0.1:8337/demo';
const AXE = resolve(ROOT, 'node_modules/axe-core/axe.min.js');
const TMP = mkdtempSync(join(tmpdir(), 'handraiser-options-e2e-'));

interface Person {
  id: string;
  name: string;
  stage: string;
  notes: string;
  identities: { profileKey: string }[];
}
interface BackupShape {
  format: string;
  people: Person[];
  touches: unknown[];
  settings: { cadence: { lead: number[]; contact: number[] }; dailyGoal: number };
}

async function seed(page: Page): Promise<void> {
  for (const [slug, name] of [
    ['ana-souza', 'Ana Souza'],
    ['priya-natarajan', 'Priya Natarajan'],
    ['sam-okafor', 'Sam Okafor'],
  ]) {
    const r = await sendFrom<{ badge: { personId: string } }>(page, 'capture', {
      person: { profileUrl: `${DEMO}/profile/${slug}`, name, pageUrl: `${DEMO}/index.html` },
      surface: 'comment',
      text: 'Tell me more',
      as: 'lead',
    });
    if (slug === 'priya-natarajan') {
      await sendFrom(page, 'setStage', { personId: r.badge.personId, stage: 'prospect' });
      await sendFrom(page, 'updatePerson', { personId: r.badge.personId, notes: 'Two kids, wants extra income' });
    }
  }
}

async function axeSerious(page: Page): Promise<string[]> {
  // Extension pages forbid inline scripts (CSP), so axe is evaluated rather than added as a tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const v = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document)).violations.map((x) => ({ id: x.id, impact: x.impact, t: x.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return v.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => `${x.id} (${x.impact}): ${x.t.join(', ')}`);
}

async function options(ext: ChromiumExtension): Promise<Page> {
  const page = await ext.openOptions();
  await page.waitForSelector('#cadence input.days');
  return page;
}

const summary = (b: BackupShape) =>
  b.people
    .map((p) => ({ name: p.name, stage: p.stage, notes: p.notes, keys: p.identities.map((i) => i.profileKey) }))
    .sort((a, b) => a.name.localeCompare(b.name));

describe('options', () => {
  let a: ChromiumExtension;
  let backupPath = '';

  beforeAll(async () => {
    a = await launchChromium();
    const page = await a.openPopup('?view=today');
    await seed(page);
    await page.close();
  });
  afterAll(async () => a?.close());

  it('changes the follow-up cadence', async () => {
    const page = await options(a);
    const first = page.getByRole('spinbutton', { name: 'Follow-up 1:' }).first();
    await first.fill('3');
    await page.getByRole('button', { name: 'Add a follow-up' }).first().click();
    await page.getByRole('button', { name: 'Save cadence' }).click();
    await page.locator('.snackbar', { hasText: 'Saved: Follow-up cadence' }).waitFor();
    const { settings } = await sendFrom<{ settings: BackupShape['settings'] }>(page, 'settingsGet', {});
    expect(settings.cadence.lead).toEqual([3, 5, 12]);

    await first.fill('0');
    await page.getByRole('button', { name: 'Save cadence' }).click();
    await page.locator('#cadence [role=alert]').waitFor();
    expect((await sendFrom<{ settings: BackupShape['settings'] }>(page, 'settingsGet', {})).settings.cadence.lead).toEqual([3, 5, 12]);
    await page.close();
  });

  it('exports a dated JSON backup and a CSV importers understand', async () => {
    const page = await options(a);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download full backup (JSON)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^handraiser-backup-\d{4}-\d{2}-\d{2}\.json$/);
    backupPath = join(TMP, download.suggestedFilename());
    await download.saveAs(backupPath);
    const backup = JSON.parse(readFileSync(backupPath, 'utf8')) as BackupShape;
    expect(backup.format).toBe('handraiser-backup');
    expect(backup.people).toHaveLength(3);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download contacts (CSV)' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^handraiser-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvPath = join(TMP, csv.suggestedFilename());
    await csv.saveAs(csvPath);
    const text = readFileSync(csvPath, 'utf8');
    // A UTF-8 byte-order mark first, so spreadsheet apps read accents right.
    expect([...readFileSync(csvPath).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = text.slice(1).split('\r\n')[0]!;
    expect(header.startsWith('First Name,Last Name,Lifecycle Stage,Lead Status,Lead Source,Website,')).toBe(true);
    expect(text).toContain('Priya,Natarajan,salesqualifiedlead,,Comment,http://127.0.0.1:8337/demo/profile/priya-natarajan');
    await page.close();
  });

  it('imports the backup into a fresh profile, the same people come out', async () => {
    const b = await launchChromium();
    try {
      const page = await options(b);
      await page.getByLabel('Choose a file').setInputFiles(backupPath);
      await page.getByText('a backup with 3 people').waitFor();
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.locator('#import .success').waitFor();
      expect(await page.locator('#import .success').textContent()).toContain('Imported 3 new people');

      const original = JSON.parse(readFileSync(backupPath, 'utf8')) as BackupShape;
      const copy = (await sendFrom<{ backup: BackupShape }>(page, 'exportJson', {})).backup;
      expect(summary(copy)).toEqual(summary(original));
      expect(copy.touches.length).toBe(original.touches.length);
      // The backup's settings are listed, and used only when the user says so.
      expect(copy.settings.cadence.lead).toEqual([2, 5]);
      await page.locator('.file-settings li', { hasText: 'Follow-up days for leads: 2, 5 → 3, 5, 12' }).waitFor();
      await page.getByRole('button', { name: 'Use the backup’s settings' }).click();
      await page.locator('.snackbar', { hasText: 'Settings from the backup used.' }).waitFor();
      expect((await sendFrom<{ settings: BackupShape['settings'] }>(page, 'settingsGet', {})).settings.cadence).toEqual(original.settings.cadence);
      await expect.poll(() => page.locator('.file-settings').count()).toBe(0);

      // A broken file: which row, why, and nothing changed.
      const broken = structuredClone(original);
      broken.people[1] = { ...broken.people[1]!, identities: [{ ...broken.people[1]!.identities[0]!, profileUrl: 'javascript:alert(1)' } as never] };
      broken.people.push({ ...broken.people[0]!, id: 'new-one', name: 'Newbie', identities: [] });
      const brokenPath = join(TMP, 'broken.json');
      writeFileSync(brokenPath, JSON.stringify(broken));
      await page.getByLabel('Choose a file').setInputFiles(brokenPath);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const problems = page.locator('.import-problems');
      await problems.waitFor();
      const text = (await problems.textContent()) ?? '';
      expect(text).toContain(`person 2 (${broken.people[1].name})`);
      expect(text).toContain('Nothing was changed.');
      await screenshot(page, 'options-import-error-en-light');
      const after = (await sendFrom<{ backup: BackupShape }>(page, 'exportJson', {})).backup;
      expect(summary(after)).toEqual(summary(original));

      // Not JSON at all.
      const junk = join(TMP, 'junk.json');
      writeFileSync(junk, '{ this is not json');
      await page.getByLabel('Choose a file').setInputFiles(junk);
      await page.locator('.import-problems', { hasText: 'is not a Handraiser backup' }).waitFor();
      await page.close();
    } finally {
      await b.close();
    }
  });

  it('imports a CSV after mapping its columns', async () => {
    const c = await launchChromium();
    try {
      const page = await options(c);
      const csvPath = join(TMP, 'list.csv');
      writeFileSync(
        csvPath,
        ['Nombre,Perfil,Etapa,Notas', 'Lucas Pereira,http://127.0.0.1:8337/demo/profile/lucas-pereira,Prospect,met at the seminar', 'José García,http://127.0.0.1:8337/demo/profile/jose-garcia,,'].join('\n'),
      );
      await page.getByLabel('Choose a file').setInputFiles(csvPath);
      await page.getByRole('combobox', { name: 'Use column “Perfil” as' }).waitFor();
      expect(await page.getByRole('combobox', { name: 'Use column “Perfil” as' }).inputValue()).toBe('profileUrl');
      await screenshot(page, 'options-csv-mapping-en-light');
      await page.getByRole('button', { name: 'Import 2 rows' }).click();
      await page.locator('#import .success').waitFor();
      const { rows } = await sendFrom<{ rows: { person: Person }[] }>(page, 'pipeline', { limit: 10 });
      expect(rows.map((r) => [r.person.name, r.person.stage]).sort()).toEqual([
        ['José García', 'lead'],
        ['Lucas Pereira', 'prospect'],
      ]);
      await page.close();
    } finally {
      await c.close();
    }
  });

  it('exports and imports a backup larger than one browser message (64 MiB)', async () => {
    const big = await launchChromium();
    try {
      const page = await options(big);
      await seed(page);
      const template = (await sendFrom<{ backup: BackupShape }>(page, 'exportJson', {})).backup.people[0] as Person & { identities: Record<string, string>[] };
      // 7,000 people with long notes (some in two-byte letters): about 75 MB of backup, sent
      // here 500 people per message, as nobody could in one.
      const N = 7_000;
      await page.evaluate(
        async ([template, n]) => {
          for (let from = 0; from < n; from += 500) {
            const people = [];
            for (let i = from; i < Math.min(n, from + 500); i++) {
              const slug = `big-${i}`;
              const id = template.identities[0]!;
              people.push({
                ...template,
                id: `big-${i}`,
                name: `Big ${i}`,
                notes: `Note ${i} `.padEnd(9_900, i % 2 ? 'é' : 'e'),
                identities: [{ ...id, profileKey: `demo:${slug}`, profileUrl: id.profileUrl!.replace(/[^/]+$/, slug), displayName: `Big ${i}`, handle: slug }],
              });
            }
            const data = { format: 'handraiser-backup', version: 1, exportedAt: Date.now(), people, touches: [], appointments: [], handRaisePosts: [] };
            const reply = await chrome.runtime.sendMessage({ type: 'importJson', payload: { data } });
            if (!reply.ok) throw new Error(reply.error.message);
          }
        },
        [template, N] as const,
      );
      const total = N + 3;
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Download full backup (JSON)' }).click()]);
      const bigPath = join(TMP, 'big-backup.json');
      await download.saveAs(bigPath);
      const text = readFileSync(bigPath, 'utf8');
      expect(Buffer.byteLength(text)).toBeGreaterThan(64 * 1024 * 1024);
      const exported = JSON.parse(text) as BackupShape;
      expect(exported.people).toHaveLength(total);
      expect(exported.people.find((p) => p.id === 'big-6999')?.notes).toBe(`Note 6999 `.padEnd(9_900, 'é'));
      await page.locator('.snackbar', { hasText: `Downloaded: ${total.toLocaleString('en-US')} people` }).waitFor();

      // Into an empty store through the page, as a person restores it.
      await sendFrom(page, 'deleteAll', { confirm: true });
      await page.getByLabel('Choose a file').setInputFiles(bigPath);
      await page.getByText(`a backup with ${total.toLocaleString('en-US')} people`).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.locator('#import .success').waitFor({ timeout: 120_000 });
      expect(await page.locator('#import .success').textContent()).toContain(`Imported ${total.toLocaleString('en-US')} new people`);
      expect((await sendFrom<{ total: number }>(page, 'pipeline', { limit: 1 })).total).toBe(total);
      const back = await sendFrom<{ badges: Record<string, { name: string }> }>(page, 'lookup', { profileKeys: ['demo:big-0', 'demo:big-6999'] });
      expect(Object.values(back.badges).map((b) => b.name).sort()).toEqual(['Big 0', 'Big 6999']);
      await page.close();
    } finally {
      await big.close();
    }
  }, 300_000);

  it('deletes all data only after DELETE is typed', async () => {
    const d = await launchChromium();
    try {
      const page = await options(d);
      await seed(page);
      await page.getByRole('button', { name: 'Delete all data…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete everything?' });
      await dialog.waitFor();
      expect(await dialog.getByRole('button', { name: 'Delete everything' }).isDisabled()).toBe(true);
      await dialog.getByRole('textbox').fill('DELETE');
      await dialog.getByRole('button', { name: 'Delete everything' }).click();
      await page.locator('.snackbar', { hasText: 'All data deleted.' }).waitFor();
      expect((await sendFrom<{ total: number }>(page, 'pipeline', { limit: 1 })).total).toBe(0);
      await page.close();
    } finally {
      await d.close();
    }
  });

  it('has no serious or critical axe violations', async () => {
    const page = await options(a);
    expect(await axeSerious(page)).toEqual([]);
    await page.close();
  });
});

describe('options screenshots (themes × languages)', () => {
  for (const locale of ['en', 'es']) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${locale} ${colorScheme}`, async () => {
        const ext = await launchChromium({ locale, colorScheme });
        try {
          const page = await options(ext);
          await page.setViewportSize({ width: 1000, height: 900 });
          if (locale === 'es') expect(await page.locator('h1').textContent()).toBe('Ajustes de Handraiser');
          await screenshot(page, `options-${locale}-${colorScheme}`);
          await page.getByRole('button', { name: locale === 'es' ? 'Borrar todos los datos…' : 'Delete all data…' }).click();
          await screenshot(page, `options-delete-dialog-${locale}-${colorScheme}`);
          if (colorScheme === 'dark') expect(await axeSerious(page)).toEqual([]);
        } finally {
          await ext.close();
        }
      });
    }
  }
});
