/**
 * Check 1b: the hostile corpus (tests/fixtures/hostile/payloads.ts) rendered by the real
 * built extension in Chromium. People whose names, comments, touch texts, notes and next
 * steps are payloads are seeded through the contract; the popup (Pipeline, every Person view)
 * and the options page (hand-raise posts, site-health warnings) must show each one literally
 * and run none: `window.__pwned` stays undefined everywhere. Then a hostile demo-like page:
 * its commenters' names are payloads as DOM text; clicking their chips stores the literal text.
 * Then import files, chosen on the options page as a user does: a backup and a CSV whose names,
 * notes and touch texts are payloads are imported and shown literally; files whose profile
 * addresses are payloads are refused, row by row, and change nothing.
 * The router-level twin of this test is tests/unit/reliability/xss-router.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LIMITS } from '../../src/domain/limits';
import type { Person, Touch } from '../../src/domain/types';
import { cleanedName, PAYLOADS, type Payload } from '../fixtures/hostile/payloads';
import { hostileCommenters, hostileDemoPage } from '../fixtures/hostile/page';
import { launchChromium, screenshot, sendFrom, startDemoServer, type ChromiumExtension, type Demo } from './harness';

/** What the eye sees: lone surrogates as U+FFFD (they cannot cross CDP intact), whitespace collapsed. */
const visible = (s: string) => s.replace(/\p{Surrogate}/gu, '\uFFFD').replace(/\s+/g, ' ').trim();

/** A piece of `text` at most `max` long, keeping the hostile part of very long payloads. */
function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  const at = Math.max(0, text.indexOf('<') - Math.floor(max / 2));
  return text.slice(at, at + max);
}

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

/** The page's visible text (and form values), normalised in the page itself. */
async function pageText(page: Page): Promise<string> {
  const raw = await page.evaluate(() => {
    const values = [...document.querySelectorAll('textarea, input')].map((e) => (e as HTMLInputElement).value);
    return `${document.body.textContent ?? ''} ${values.join(' ')}`.replace(/\p{Surrogate}/gu, '\uFFFD');
  });
  return visible(raw);
}

/**
 * Opens the popup's Person view of `personId` in `page` and returns what is wrong with it: the
 * name not shown, one of `texts` missing (a payload's probe where a long text is shown in part),
 * or a payload that ran.
 */
async function personViewProblems(page: Page, extensionId: string, personId: string, label: string, name: string, texts: string[], probe?: string): Promise<string[]> {
  await page.goto(`chrome-extension://${extensionId}/src/popup/index.html?view=person&id=${personId}`);
  try {
    await expect.poll(async () => (await pageText(page)).includes(visible(name)), { timeout: 10_000 }).toBe(true);
  } catch {
    return [`${label}: name not shown`];
  }
  const problems: string[] = [];
  const text = await pageText(page);
  for (const t of texts) {
    const want = probe !== undefined && t.length > 2000 ? visible(probe) : visible(t);
    if (!text.includes(want)) problems.push(`${label}: missing ${JSON.stringify(want.slice(0, 60))}`);
  }
  if ((await pwned(page)) !== undefined) problems.push(`${label}: __pwned was set`);
  return problems;
}

interface Seeded {
  id: string;
  payload: Payload;
  name: string;
  texts: string[];
}

describe('hostile text in the extension pages (Chromium)', () => {
  let demo: Demo;
  let ext: ChromiumExtension;
  let popup: Page;
  const seeded: Seeded[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    demo = await startDemoServer();
    ext = await launchChromium();
    popup = await ext.openPopup();
    ext.context.on('page', (p) => p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`)));
    popup.on('pageerror', (e) => errors.push(`${popup.url()}: ${e.message}`));
    for (const [i, p] of PAYLOADS.entries()) {
      const r = await sendFrom<{ badge: { personId: string } }>(popup, 'capture', {
        person: { profileUrl: demo.url(`/demo/profile/x${i}`), name: fit(p.text, 1000), pageUrl: demo.url('/demo/index.html') },
        surface: 'comment',
        contextUrl: demo.url('/demo/posts/101'),
        text: fit(p.text, 4000),
        as: 'lead',
      });
      const id = r.badge.personId;
      const touch = fit(p.text, 2000);
      await sendFrom(popup, 'logTouch', { personId: id, direction: 'outbound', channel: 'demo', kind: 'message', text: touch, nextStep: { text: fit(p.text, 500) } });
      await sendFrom(popup, 'updatePerson', { personId: id, notes: fit(p.text, 10_000) });
      await sendFrom(popup, 'markHandRaisePost', { url: demo.url(`/demo/posts/p${i}`), title: fit(p.text, 1000) });
      if (cleanedName(p.text, 100)) await sendFrom(popup, 'reportSiteHealth', { site: 'demo', pageType: fit(p.text, 100), url: demo.url(`/demo/h${i}`) });
      const person = await sendFrom<{ person: { name: string } }>(popup, 'person', { personId: id });
      seeded.push({ id, payload: p, name: person.person.name, texts: [cleanedName(fit(p.text, 4000), 2000), touch, fit(p.text, 10_000)].filter((t) => visible(t)) });
    }
  }, 180_000);

  afterAll(async () => {
    await ext?.close();
    await demo?.close();
  });

  it('stores each name as the literal, cleaned text', () => {
    expect(seeded).toHaveLength(PAYLOADS.length);
    for (const s of seeded) expect(s.name).toBe(cleanedName(fit(s.payload.text, 1000)) || `x${PAYLOADS.indexOf(s.payload)}`);
  });

  it('the Pipeline shows every name literally and runs nothing', async () => {
    const page = await ext.openPopup('?view=pipeline');
    const rows = await sendFrom<{ rows: { person: { name: string } }[] }>(page, 'pipeline', { offset: 0, limit: 50 });
    expect(rows.rows.length).toBe(50);
    await expect.poll(async () => (await pageText(page)).includes(visible(rows.rows[0]!.person.name)), { timeout: 15_000 }).toBe(true);
    const text = await pageText(page);
    const missing = rows.rows.map((r) => visible(r.person.name)).filter((n) => !text.includes(n));
    expect(missing).toEqual([]);
    await screenshot(page, 'reliability-xss-pipeline');
    expect(await pwned(page)).toBeUndefined();
    await page.close();
  });

  it('every Person view shows name, comment, touch text, next step and notes literally and runs nothing', async () => {
    const page = await ext.context.newPage();
    const problems: string[] = [];
    for (const s of seeded) {
      problems.push(...(await personViewProblems(page, ext.extensionId, s.id, s.payload.id, s.name, s.texts, s.payload.probe)));
      if (s.payload.id === 'script tag') await screenshot(page, 'reliability-xss-person');
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it('the options page shows hostile post titles and site-health page types literally and runs nothing', async () => {
    const page = await ext.openOptions();
    const posts = await sendFrom<{ posts: { title?: string; url: string }[] }>(page, 'listHandRaisePosts', {});
    const health = await sendFrom<{ warnings: { pageType: string }[] }>(page, 'listSiteHealth', {});
    expect(posts.posts.length).toBe(PAYLOADS.length);
    const first = visible(posts.posts[0]!.title ?? posts.posts[0]!.url);
    await expect.poll(async () => (await pageText(page)).includes(first), { timeout: 15_000 }).toBe(true);
    const text = await pageText(page);
    const missingPosts = posts.posts.map((p) => visible(p.title ?? p.url)).filter((t) => !text.includes(t));
    expect(missingPosts).toEqual([]);
    const missingHealth = health.warnings.map((w) => visible(w.pageType)).filter((t) => !text.includes(t));
    expect(missingHealth).toEqual([]);
    await screenshot(page, 'reliability-xss-options');
    expect(await pwned(page)).toBeUndefined();
    await page.close();
  });

  it('no page of the extension threw while rendering them', async () => {
    expect(await pwned(popup)).toBeUndefined();
    expect(errors).toEqual([]);
  });
});

describe('a hostile social page (Chromium)', () => {
  let demo: Demo;
  let ext: ChromiumExtension;
  const commenters = hostileCommenters(PAYLOADS);

  beforeAll(async () => {
    demo = await startDemoServer();
    ext = await launchChromium();
    const html = hostileDemoPage(commenters);
    const target = new URL(demo.url('/demo/hostile.html'));
    await ext.context.route(
      (u) => u.origin === target.origin && u.pathname === target.pathname,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
  });
  afterAll(async () => {
    await ext?.close();
    await demo?.close();
  });

  it('clicking the chips of hostile-named commenters stores their names as literal text and runs nothing', async () => {
    const page = await ext.context.newPage();
    await page.goto(demo.url('/demo/hostile.html'));
    expect(await page.evaluate(() => (window as unknown as { __siteScriptRan?: boolean }).__siteScriptRan)).toBe(true);
    // A commenter whose name is blank on the page has no name to capture: the adapter skips them.
    const named = commenters.filter((c) => cleanedName(c.name.replace(/\p{Surrogate}/gu, '\uFFFD')) !== '');
    expect(commenters.length - named.length).toBe(1);
    const chips = page.locator('handraiser-chip');
    await expect.poll(() => chips.count(), { timeout: 20_000 }).toBe(named.length);

    const problems: string[] = [];
    for (const c of named) {
      const host = page.locator(`handraiser-chip[data-profile-key="demo:${c.slug}"]`);
      await host.locator('button').click();
      try {
        await expect.poll(() => host.getAttribute('data-state'), { timeout: 10_000 }).toBe('lead');
      } catch {
        problems.push(`${c.slug}: not captured`);
      }
    }
    expect(problems).toEqual([]);
    expect(await pwned(page)).toBeUndefined();
    // (No full-page screenshot here: the 100 KB name makes the page too large to capture.)

    // What the page showed (its DOM text, read in the page itself) is what was stored.
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="comment"]')].filter((el) => el.querySelector('handraiser-chip')).map((el) => ({
        slug: el.getAttribute('data-comment-id')!,
        name: el.querySelector('[data-testid="author"]')!.textContent ?? '',
        comment: el.querySelector('[data-testid="comment-text"]')!.textContent ?? '',
      })),
    );
    const popup = await ext.openPopup();
    const { badges } = await sendFrom<{ badges: Record<string, { personId: string; name: string }> }>(popup, 'lookup', { profileKeys: shown.map((s) => `demo:${s.slug}`) });
    for (const s of shown) {
      const badge = badges[`demo:${s.slug}`];
      expect(badge, s.slug).toBeDefined();
      expect(visible(badge!.name), s.slug).toBe(visible(cleanedName(s.name) || s.slug));
      const detail = await sendFrom<{ touches: { text?: string }[] }>(popup, 'person', { personId: badge!.personId });
      expect(detail.touches.map((t) => visible(t.text ?? '')), s.slug).toContain(visible(cleanedName(s.comment, 2000)));
    }

    // And the popup shows a few of them without running anything.
    for (const slug of ['h0', 'h5', 'h24', 'h27', 'h46']) {
      const personId = badges[`demo:${slug}`]!.personId;
      await popup.goto(`chrome-extension://${ext.extensionId}/src/popup/index.html?view=person&id=${personId}`);
      const name = visible(badges[`demo:${slug}`]!.name);
      await expect.poll(async () => (await pageText(popup)).includes(name), { timeout: 10_000 }).toBe(true);
      expect(await pwned(popup)).toBeUndefined();
    }
    expect(await pwned(page)).toBeUndefined();
  }, 240_000);
});

interface Backup {
  format: string;
  people: Person[];
  touches: Touch[];
  [k: string]: unknown;
}

describe('hostile import files (Chromium)', () => {
  let demo: Demo;
  let ext: ChromiumExtension;
  let options: Page;
  /** A backup of one ordinary person and their touch: the template the hostile files are made from. */
  let template: Backup;
  const TMP = mkdtempSync(join(tmpdir(), 'handraiser-xss-import-'));
  const errors: string[] = [];

  const total = async () => (await sendFrom<{ total: number }>(options, 'pipeline', {})).total;
  const personIdOf = async (profileKey: string) =>
    (await sendFrom<{ badges: Record<string, { personId: string }> }>(options, 'lookup', { profileKeys: [profileKey] })).badges[profileKey]?.personId;

  /** Chooses `file` on the options page, as a user does; the page shows what it found. */
  async function choose(name: string, text: string): Promise<void> {
    const path = join(TMP, name);
    writeFileSync(path, text);
    await options.getByLabel('Choose a file').setInputFiles(path);
  }

  /** The import the page just started ends in success, adding one person per payload, and nothing ran. */
  async function expectImported(before: number): Promise<void> {
    await options.locator('#import .success').waitFor();
    expect(await total()).toBe(before + PAYLOADS.length);
    expect(await pwned(options)).toBeUndefined();
  }

  /** What is wrong with the Person view of each payload's imported person (slug `${prefix}-${i}`), as `check` says. */
  async function viewProblems(prefix: string, check: (page: Page, i: number, id: string) => Promise<string[]>): Promise<string[]> {
    const page = await ext.context.newPage();
    const problems: string[] = [];
    for (const [i, payload] of PAYLOADS.entries()) {
      const id = await personIdOf(`demo:${prefix}-${i}`);
      if (id) problems.push(...(await check(page, i, id)));
      else problems.push(`${payload.id}: not imported`);
    }
    await page.close();
    return problems;
  }

  /** A backup holding one person per payload (and their touch), made from the template; `edit` changes each. */
  function hostileBackup(prefix: string, edit: (p: Person, t: Touch, text: string) => void): Backup {
    const [tp] = template.people;
    const [tt] = template.touches;
    const people: Person[] = [];
    const touches: Touch[] = [];
    PAYLOADS.forEach((payload, i) => {
      const slug = `${prefix}-${i}`;
      const p: Person = structuredClone(tp!);
      p.id = slug;
      p.identities = [{ ...p.identities[0]!, profileKey: `demo:${slug}`, profileUrl: demo.url(`/demo/profile/${slug}`), handle: slug }];
      const t: Touch = { ...structuredClone(tt!), id: `${slug}-touch`, personId: slug };
      edit(p, t, payload.text);
      people.push(p);
      touches.push(t);
    });
    return { ...template, people, touches };
  }

  beforeAll(async () => {
    demo = await startDemoServer();
    ext = await launchChromium();
    ext.context.on('page', (p) => p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`)));
    options = await ext.openOptions();
    options.on('pageerror', (e) => errors.push(`${options.url()}: ${e.message}`));
    const r = await sendFrom<{ badge: { personId: string } }>(options, 'capture', {
      person: { profileUrl: demo.url('/demo/profile/plain-person'), name: 'Plain Person', pageUrl: demo.url('/demo/index.html') },
      surface: 'comment',
      contextUrl: demo.url('/demo/posts/101'),
      as: 'lead',
    });
    await sendFrom(options, 'logTouch', { personId: r.badge.personId, direction: 'outbound', channel: 'demo', kind: 'message', text: 'hello' });
    template = (await sendFrom<{ backup: Backup }>(options, 'exportJson', {})).backup;
    expect(template.people).toHaveLength(1);
    // Capture recorded the comment; the message logged after it is the touch the files copy.
    template.touches = template.touches.filter((t) => t.text === 'hello');
    expect(template.touches).toHaveLength(1);
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await demo?.close();
    rmSync(TMP, { recursive: true, force: true });
  });

  it('a backup whose names, notes and touch texts are the corpus imports, and every Person view shows them literally', async () => {
    const backup = hostileBackup('json', (p, t, text) => {
      p.name = fit(text, LIMITS.name);
      p.identities[0]!.displayName = p.name;
      p.notes = fit(text, LIMITS.note);
      t.text = fit(text, LIMITS.text);
    });
    const before = await total();
    await choose('hostile-backup.json', JSON.stringify(backup));
    await options.getByText(`a backup with ${PAYLOADS.length} people`).waitFor();
    await options.getByRole('button', { name: 'Import', exact: true }).click();
    await expectImported(before);
    const problems = await viewProblems('json', (page, i, id) => {
      const p = backup.people[i]!;
      // A name with nothing visible in it is shown as the profile's handle.
      const name = visible(p.name) ? p.name : p.id;
      const texts = [p.notes, backup.touches[i]!.text ?? ''].filter((x) => visible(x));
      return personViewProblems(page, ext.extensionId, id, PAYLOADS[i]!.id, name, texts, PAYLOADS[i]!.probe);
    });
    expect(problems).toEqual([]);
  }, 300_000);

  it('a CSV whose names and notes are the corpus imports after mapping, and every Person view shows them literally', async () => {
    const rows = PAYLOADS.map((payload, i) => ({ Name: fit(payload.text, LIMITS.name), Profile: demo.url(`/demo/profile/csv-${i}`), Notes: fit(payload.text, LIMITS.note) }));
    const before = await total();
    await choose('hostile.csv', Papa.unparse(rows));
    await options.getByRole('button', { name: `Import ${PAYLOADS.length} rows` }).click();
    await expectImported(before);
    const problems = await viewProblems('csv', async (page, i, id) => {
      const { person } = await sendFrom<{ person: Person }>(options, 'person', { personId: id });
      // What the CSV reader keeps of a cell: trimmed, the name cut to 200 (a lone surrogate is U+FFFD once in a UTF-8 file).
      const name = rows[i]!.Name.trim().slice(0, 200);
      expect(visible(person.name), PAYLOADS[i]!.id).toBe(visible(name) ? visible(name) : `csv-${i}`);
      const notes = rows[i]!.Notes.trim();
      return personViewProblems(page, ext.extensionId, id, PAYLOADS[i]!.id, person.name, visible(notes) ? [notes] : [], PAYLOADS[i]!.probe);
    });
    expect(problems).toEqual([]);
  }, 300_000);

  it('files whose profile addresses are the corpus are refused row by row, shown literally, and change nothing', async () => {
    const before = await total();
    // Payloads that are not a profile address of a supported site (all but none, checked below).
    const bad = PAYLOADS.filter((p) => !/^https?:\/\/127\.0\.0\.1[:/]/.test(p.text.trim()));
    expect(bad.length).toBeGreaterThanOrEqual(50);

    // A backup: every person's profile address is a payload.
    const backup = hostileBackup('url', (p, _t, text) => {
      p.identities[0]!.profileUrl = fit(text, LIMITS.url);
    });
    backup.people = backup.people.filter((_, i) => bad.includes(PAYLOADS[i]!));
    backup.touches = backup.touches.filter((t) => backup.people.some((p) => p.id === t.personId));
    await choose('hostile-urls.json', JSON.stringify(backup));
    await options.getByRole('button', { name: 'Import', exact: true }).click();
    const problems = options.locator('.import-problems');
    await problems.waitFor();
    await expect.poll(async () => (await problems.textContent()) ?? '').toContain('Nothing was changed.');
    expect((await problems.textContent()) ?? '').toContain(`person 1 (${backup.people[0]!.name})`);
    expect(await total()).toBe(before);
    expect(await pwned(options)).toBeUndefined();

    // A CSV: every row's profile address is a payload (one word of it: the reader splits a cell on spaces).
    const urls = bad.map((p) => fit(p.text, 300).trim().split(/\s+/)[0]!).filter((u) => u !== '');
    await choose('hostile-urls.csv', Papa.unparse(urls.map((u, i) => ({ Name: `Row ${i}`, Profile: u }))));
    await options.getByRole('button', { name: `Import ${urls.length} rows` }).click();
    const csvProblems = options.locator('.import-problems', { hasText: 'is not a profile address' });
    await csvProblems.waitFor();
    expect((await csvProblems.textContent()) ?? '').toContain('Nothing was changed.');
    // The page lists the first 50 problems, each quoting the address as text.
    const listed = await csvProblems.locator('li').allTextContents();
    expect(listed.length).toBe(Math.min(urls.length, 50) + (urls.length > 50 ? 1 : 0));
    const shown = visible(listed.join(' ').replace(/\p{Surrogate}/gu, '\uFFFD'));
    const missing = urls.slice(0, 50).filter((u) => !shown.includes(visible(u.slice(0, 200))));
    expect(missing).toEqual([]);
    expect(await total()).toBe(before);
    expect(await pwned(options)).toBeUndefined();
    await screenshot(options, 'reliability-xss-import-refused');
  }, 120_000);

  it('no page of the extension threw while importing or showing them', () => {
    expect(errors).toEqual([]);
  });
});
