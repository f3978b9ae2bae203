/**
 * Sync in real Chromium with the built extension, against a CouchDB-compatible server
 * (pouchdb-server) on 127.0.0.1: two profiles on one server, set up from the options page;
 * the server's documents are ciphertext; a wrong password and a wrong passphrase are refused
 * in plain words before anything is written; edits on both profiles while the server is
 * stopped merge by the domain's rules; a service worker stopped mid-sync, both ways, resumes
 * from its checkpoint without doubles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { backupWith, generatePeople } from '../../bench/lib/people.mjs';
import { ADMIN, startCouch, type Couch } from './couch';
import { launchChromium, screenshot, sendFrom, type ChromiumExtension } from './harness';

const ORIGIN = 'http://127.0.0.1:8337';
const PAGE = `${ORIGIN}/demo/index.html`;
const PASSPHRASE = 'our shared sync passphrase';
const SECRET_NOTE = 'Prefers calls after six, MARKER-4711';

interface Status {
  configured: boolean;
  lastSyncAt?: number;
  waiting: number;
  running: boolean;
  problem?: { code: string };
}

async function capture(page: Page, slug: string, name: string): Promise<string> {
  const res = await sendFrom<{ badge: { personId: string } }>(page, 'capture', {
    person: { profileUrl: `${ORIGIN}/demo/profile/${slug}`, name, pageUrl: PAGE },
    surface: 'comment',
    as: 'lead',
    contextUrl: `${ORIGIN}/demo/posts/101`,
    text: `${name} wants to know more`,
  });
  return res.badge.personId;
}

/** Fills the options page's Sync form and turns sync on, as a person would. */
async function setUpSync(options: Page, couch: Couch, over: { database?: string; password?: string; passphrase?: string } = {}): Promise<void> {
  const section = options.locator('#sync');
  await section.getByLabel('Server address').fill(couch.url);
  await section.getByLabel('Database').fill(over.database ?? 'handraiser');
  await section.getByLabel('User name').fill(ADMIN.user);
  await section.getByLabel('Password', { exact: true }).fill(over.password ?? ADMIN.password);
  await section.getByLabel('Passphrase').fill(over.passphrase ?? PASSPHRASE);
  await section.getByRole('button', { name: 'Turn on sync' }).click();
}

const status = (page: Page) => sendFrom<Status>(page, 'syncStatus', {});

/** Waits until a run has finished since `after` with nothing left to send. */
async function synced(page: Page, after = 0, timeout = 60_000): Promise<Status> {
  let last: Status | undefined;
  await expect
    .poll(
      async () => {
        last = await status(page);
        return !last.running && last.waiting === 0 && (last.lastSyncAt ?? 0) > after && !last.problem;
      },
      { timeout, interval: 250 },
    )
    .toBe(true);
  return last!;
}

/** "Sync now" on the options page, and the run it starts. */
async function syncNow(options: Page): Promise<void> {
  const before = (await status(options)).lastSyncAt ?? 0;
  await options.locator('#sync').getByRole('button', { name: 'Sync now' }).click();
  await synced(options, before);
}

interface PersonView {
  person: { name: string; stage: string; notes: string; stageHistory: { stage: string }[] };
  touches: { text?: string }[];
}
const personOn = (page: Page, personId: string) => sendFrom<PersonView>(page, 'person', { personId });

async function localPouchExists(page: Page): Promise<boolean> {
  return page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name?.includes('handraiser-sync') ?? false));
}

async function stopWorker(ext: ChromiumExtension, page: Page): Promise<void> {
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

describe('sync between two Chromium profiles on one server', () => {
  let couch: Couch;
  let a: ChromiumExtension;
  let b: ChromiumExtension;
  let optionsA: Page;
  let optionsB: Page;
  let ana: string;

  beforeAll(async () => {
    couch = await startCouch();
    await couch.createDb('handraiser');
    [a, b] = await Promise.all([launchChromium(), launchChromium()]);
    [optionsA, optionsB] = await Promise.all([a.openOptions(), b.openOptions()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await couch?.close();
  });

  it('the first profile turns sync on in the options page; the server holds ids, revisions and ciphertext only', async () => {
    ana = await capture(optionsA, 'ana-souza', 'Ana Souza');
    await capture(optionsA, 'ben-okafor', 'Ben Okafor');
    await sendFrom(optionsA, 'updatePerson', { personId: ana, notes: SECRET_NOTE });
    await sendFrom(optionsA, 'scheduleAppointment', { personId: ana, at: Date.now() + 86_400_000, kind: 'call', note: 'Zoom MARKER-call' });

    await setUpSync(optionsA, couch);
    await expect.poll(() => optionsA.locator('#sync').textContent(), { timeout: 30_000 }).toContain('Syncing with');
    await synced(optionsA);
    await expect.poll(() => optionsA.getByTestId('sync-last').textContent(), { timeout: 10_000 }).not.toBe('Not yet');
    expect(await optionsA.getByTestId('sync-waiting').textContent()).toBe('0');
    await screenshot(optionsA, 'sync-options-on');

    const docs = await couch.docs('handraiser');
    // Ana, Ben, their two touches, the appointment, the settings' key document.
    expect(docs).toHaveLength(6);
    for (const doc of docs) {
      if (doc._id === 'handraiser-key') {
        expect(Object.keys(doc).sort()).toEqual(['_id', '_rev', 'check', 'format', 'iterations', 'kdf', 'salt', 'v']);
        expect(doc.iterations).toBe(600_000);
        continue;
      }
      expect(Object.keys(doc).sort()).toEqual(['_id', '_rev', 'd']);
      expect(doc._id).toMatch(/^h[\w-]{22}$/);
      expect(Buffer.from(doc.d as string, 'base64').length).toBeGreaterThan(28);
    }
    const raw = await couch.raw('handraiser');
    for (const secret of ['Ana', 'Souza', 'Okafor', 'MARKER', 'ana-souza', 'demo:', '127.0.0.1:8337', ana, 'people', 'touches', 'lead', PASSPHRASE, ADMIN.password]) {
      expect(raw, secret).not.toContain(secret);
    }
  });

  it('a second profile: a wrong password, then a wrong passphrase, are refused in plain words, and nothing is written', async () => {
    await setUpSync(optionsB, couch, { password: 'not-the-password' });
    await expect.poll(() => optionsB.locator('#sync [role=alert]').textContent(), { timeout: 30_000 }).toMatch(/refused the user name or password/);
    await setUpSync(optionsB, couch, { passphrase: 'a different passphrase' });
    await expect.poll(() => optionsB.locator('#sync [role=alert]').textContent(), { timeout: 30_000 }).toMatch(/does not open the data on this server/);
    await screenshot(optionsB, 'sync-options-wrong-passphrase');
    expect((await status(optionsB)).configured).toBe(false);
    expect((await sendFrom<{ total: number }>(optionsB, 'pipeline', {})).total).toBe(0);
    expect(await localPouchExists(optionsB)).toBe(false);
    expect(await couch.docCount('handraiser')).toBe(6);

    await setUpSync(optionsB, couch);
    await synced(optionsB);
    const people = await sendFrom<{ total: number; rows: { person: { name: string } }[] }>(optionsB, 'pipeline', {});
    expect(people.rows.map((r) => r.person.name).sort()).toEqual(['Ana Souza', 'Ben Okafor']);
    expect((await personOn(optionsB, ana)).person.notes).toBe(SECRET_NOTE);
    // The popup of the second profile shows her, as the first profile does.
    const popup = await b.openPopup('?view=pipeline');
    await expect.poll(() => popup.locator('main').textContent(), { timeout: 15_000 }).toContain('Ana Souza');
    await popup.close();
  });

  it('edits on both profiles while the server is stopped merge by the domain rules, the same on both', async () => {
    await couch.stop();
    try {
      await editWhileApart();
    } finally {
      await couch.start();
    }
    // Each side sends, receives the other's, and sends what its merge made; then the other receives it.
    for (const page of [optionsA, optionsB, optionsA, optionsB]) await syncNow(page);
    for (const page of [optionsA, optionsB]) {
      const { person, touches } = await personOn(page, ana);
      expect(person.stage).toBe('customer');
      expect(person.stageHistory.map((h) => h.stage)).toEqual(['lead', 'prospect', 'customer']);
      expect(person.notes).toBe(`${SECRET_NOTE}\nTwo kids, works nights.\n\n${SECRET_NOTE}\nBought the starter kit.`);
      expect(touches.map((t) => t.text).sort()).toEqual(['Ana Souza wants to know more', 'Written on A', 'Written on B']);
    }
    expect(await personOn(optionsA, ana)).toEqual(await personOn(optionsB, ana));
    // Every record has one revision on the server: the merge left no conflict behind.
    for (const doc of await couch.docs('handraiser')) expect(doc._conflicts).toBeUndefined();
    await screenshot(optionsB, 'sync-options-merged');
  });

  async function editWhileApart(): Promise<void> {
    await sendFrom(optionsA, 'setStage', { personId: ana, stage: 'prospect' });
    await sendFrom(optionsA, 'updatePerson', { personId: ana, notes: `${SECRET_NOTE}\nTwo kids, works nights.` });
    await sendFrom(optionsA, 'logTouch', { personId: ana, direction: 'inbound', channel: 'demo', kind: 'message', text: 'Written on A' });
    await new Promise((r) => setTimeout(r, 50));
    await sendFrom(optionsB, 'setStage', { personId: ana, stage: 'customer' });
    await sendFrom(optionsB, 'updatePerson', { personId: ana, notes: `${SECRET_NOTE}\nBought the starter kit.` });
    await sendFrom(optionsB, 'logTouch', { personId: ana, direction: 'outbound', channel: 'demo', kind: 'exposure', text: 'Written on B' });

    // Sync now while the server is down: said in plain words, and the changes wait.
    await optionsA.locator('#sync').getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => optionsA.getByTestId('sync-problem').textContent(), { timeout: 30_000 }).toMatch(/could not be reached/);
    expect((await status(optionsA)).waiting).toBeGreaterThan(0);
    await screenshot(optionsA, 'sync-options-unreachable');
  }

  it('a service worker stopped mid-sync resumes from its checkpoint, both ways, without doubles', async () => {
    const N = 1_200;
    await couch.createDb('stopped');
    const c = await launchChromium();
    const d = await launchChromium();
    try {
      const [optionsC, optionsD] = await Promise.all([c.openOptions(), d.openOptions()]);
      const now = Date.now();
      await sendFrom(optionsC, 'importJson', { data: backupWith(generatePeople(0, N, now, false), now) });
      await setUpSync(optionsC, couch, { database: 'stopped' });
      // Up: stopped once part of it reached the server.
      await expect.poll(() => couch.docCount('stopped'), { timeout: 60_000, interval: 100 }).toBeGreaterThan(50);
      await stopWorker(c, optionsC);
      await new Promise((r) => setTimeout(r, 500));
      expect(await couch.docCount('stopped')).toBeLessThan(N + 1);
      await syncNow(optionsC);
      expect(await couch.docCount('stopped')).toBe(N + 1);
      const docs = await couch.docs('stopped');
      expect(docs.filter((x) => x._id !== 'handraiser-key').every((x) => String(x._rev).startsWith('1-') && x._conflicts === undefined)).toBe(true);

      // Down to a fresh profile: stopped once part of it was written here.
      await setUpSync(optionsD, couch, { database: 'stopped' });
      const count = async () => {
        try {
          return (await sendFrom<{ total: number }>(optionsD, 'pipeline', {})).total;
        } catch {
          return -1; // the worker is starting again
        }
      };
      await expect.poll(count, { timeout: 90_000, interval: 100 }).toBeGreaterThan(0);
      await stopWorker(d, optionsD);
      const partway = await count();
      expect(partway).toBeGreaterThan(0);
      expect(partway).toBeLessThan(N);
      await syncNow(optionsD);
      expect(await count()).toBe(N);
      expect(await d.worker().then((w) => w.evaluate(() => new Promise<number>((resolve) => {
        const open = indexedDB.open('handraiser');
        open.onsuccess = () => {
          const req = open.result.transaction('people').objectStore('people').count();
          req.onsuccess = () => resolve(req.result);
        };
      })))).toBe(N);
      expect(await couch.docCount('stopped')).toBe(N + 1);
    } finally {
      await Promise.all([c.close(), d.close()]);
    }
  });
});
