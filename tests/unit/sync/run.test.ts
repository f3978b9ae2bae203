/**
 * Sync runs between two devices and a server, end to end without a browser: what one device
 * records reaches the other, the server holds ciphertext only, edits made apart merge by the
 * domain's rules on both devices alike, and a run stopped anywhere resumes without doubles.
 */
import { describe, expect, it } from 'vitest';
import * as store from '../../../src/store/index';
import { touchesOf } from '../../../src/store/people';
import { canonical } from '../../../src/domain/sync-merge';
import { fromRow } from '../../../src/store/rows';
import { readMeta, SYNC_META, countWaiting, type SyncNotice } from '../../../src/store/sync';
import type { HandraiserDB } from '../../../src/store/db';
import { KEY_DOC_ID } from '../../../src/sync/crypto';
import { DAY, HOUR, NOON, demoIdentity, settings } from '../store/helpers';
import { device, memoryPouch, type Device } from './devices';

async function capture(db: HandraiserDB, slug: string, name: string, at = NOON) {
  return (await store.capture(db, { identity: demoIdentity(slug, name), surface: 'comment', as: 'lead', at, text: `${name} says hi` }, settings)).person;
}

/** Everything a person sees of their data, device-independent. */
async function everything(db: HandraiserDB) {
  const people = (await db.people.orderBy('id').toArray()).map((r) => {
    const { nextFollowUpAt: _n, ...p } = fromRow(r);
    return p;
  });
  return {
    people,
    touches: await db.touches.orderBy('id').toArray(),
    appointments: await db.appointments.orderBy('id').toArray(),
    posts: await db.handRaisePosts.orderBy('postKey').toArray(),
  };
}

async function expectSame(a: Device, b: Device) {
  expect(canonical(await everything(b.db))).toBe(canonical(await everything(a.db)));
}

/** Runs both devices until neither has anything left to send. */
async function settle(a: Device, b: Device) {
  for (let i = 0; i < 4; i++) {
    await a.sync();
    await b.sync();
  }
  expect(await countWaiting(a.db)).toBe(0);
  expect(await countWaiting(b.db)).toBe(0);
}

describe('sync between two devices', () => {
  it('what one device records appears on the other: people, touches, appointments, hand-raise posts', async () => {
    const server = memoryPouch('server');
    const a = await device(server);
    const ada = await capture(a.db, 'ada', 'Ada Lovelace');
    await store.logTouch(a.db, { personId: ada.id, direction: 'outbound', channel: 'demo', kind: 'message', at: NOON + HOUR, text: 'Hello Ada' }, settings);
    await store.scheduleAppointment(a.db, { personId: ada.id, at: NOON + DAY, kind: 'call' }, NOON, settings);
    await store.markHandRaisePost(a.db, { postKey: 'demo:post:1', site: 'demo', url: 'http://localhost:5173/demo/post/1', markedAt: NOON });
    const report = await a.sync();
    expect(report.sent).toBeGreaterThanOrEqual(5);

    const b = await device(server);
    await b.sync();
    await expectSame(a, b);
    const [row] = await b.db.people.toArray();
    expect(row).toMatchObject({ name: 'Ada Lovelace', profileKeys: ['demo:ada'] });
    // Each device computes the follow-up date itself, and the counters see it.
    expect(row!.nextFollowUpAt).toBe((await a.db.people.get(ada.id))!.nextFollowUpAt);
    expect(await store.countDue(b.db, NOON + 30 * DAY)).toBe(1);
  });

  it('the server holds document ids, revisions and ciphertext, nothing readable', async () => {
    const server = memoryPouch('server');
    const a = await device(server);
    const ada = await capture(a.db, 'ada-secret', 'Ada Secretname');
    await store.updatePerson(a.db, ada.id, { notes: 'Prefers calls after six' }, NOON, settings);
    await a.sync();
    const all = await server.allDocs({ include_docs: true });
    expect(all.rows.length).toBeGreaterThan(2);
    const dump = JSON.stringify(all);
    for (const secret of ['Secretname', 'ada-secret', 'Prefers calls', 'people', 'touches', ada.id, 'demo:']) expect(dump).not.toContain(secret);
    for (const row of all.rows) {
      const doc = (row as unknown as { doc: Record<string, unknown> }).doc;
      if (doc._id === KEY_DOC_ID) {
        expect(Object.keys(doc).sort()).toEqual(['_id', '_rev', 'check', 'format', 'iterations', 'kdf', 'salt', 'v']);
        continue;
      }
      expect(Object.keys(doc).sort()).toEqual(['_id', '_rev', 'd']);
      expect(doc._id).toMatch(/^h[\w-]{22}$/);
    }
  });

  it('edits on both devices while apart merge by the domain rules, the same on both', async () => {
    const server = memoryPouch('server');
    const a = await device(server);
    const ada = await capture(a.db, 'ada', 'Ada');
    await store.updatePerson(a.db, ada.id, { notes: 'Met at the webinar.' }, NOON, settings);
    await a.sync();
    const b = await device(server);
    await b.sync();

    // Apart: A makes her a prospect, B a customer an hour later; both edit the notes and log a touch.
    await store.setStage(a.db, ada.id, 'prospect', NOON + HOUR, settings);
    await store.updatePerson(a.db, ada.id, { notes: 'Met at the webinar. Two kids.' }, NOON + HOUR, settings);
    await store.logTouch(a.db, { personId: ada.id, direction: 'inbound', channel: 'demo', kind: 'message', at: NOON + HOUR, text: 'from A' }, settings);
    await store.setStage(b.db, ada.id, 'customer', NOON + 2 * HOUR, settings);
    await store.updatePerson(b.db, ada.id, { notes: 'Met at the webinar. Wants the kit.' }, NOON + 2 * HOUR, settings);
    await store.logTouch(b.db, { personId: ada.id, direction: 'outbound', channel: 'demo', kind: 'exposure', at: NOON + 2 * HOUR, text: 'from B' }, settings);

    await settle(a, b);
    await expectSame(a, b);
    const merged = fromRow((await a.db.people.get(ada.id))!);
    expect(merged.stage).toBe('customer');
    expect(merged.stageHistory.map((h) => h.stage)).toEqual(['lead', 'prospect', 'customer']);
    expect(merged.notes).toBe('Met at the webinar. Two kids.\n\nMet at the webinar. Wants the kit.');
    const touches = await touchesOf(a.db, ada.id);
    expect(touches.map((t) => t.text)).toEqual(['Ada says hi', 'from A', 'from B']);
    // The counters the touches drive come from all of them.
    expect(merged.exposures).toBe(1);
    expect(merged.lastTouchAt).toBe(NOON + 2 * HOUR);
    expect(merged.lastInboundAt).toBe(NOON + HOUR);
    // The pipeline's counters agree with the rows on both devices.
    expect((await store.stageCounts(b.db)).customer).toBe(1);
  });

  it('a person deleted on one device but edited on the other is kept, and the user is told', async () => {
    const server = memoryPouch('server');
    const a = await device(server);
    const ben = await capture(a.db, 'ben', 'Ben Okafor');
    await a.sync();
    const b = await device(server);
    await b.sync();

    await a.db.transaction('rw', a.db.people, a.db.touches, async () => {
      await a.db.people.delete(ben.id);
      await a.db.touches.where('personId').equals(ben.id).delete();
    });
    await store.updatePerson(b.db, ben.id, { notes: 'Call him on Friday' }, NOON + HOUR, settings);
    await settle(a, b);

    for (const d of [a, b]) {
      const kept = await d.db.people.get(ben.id);
      expect(kept?.notes).toBe('Call him on Friday');
      const notices = (await readMeta<SyncNotice[]>(d.db, SYNC_META.notices)) ?? [];
      expect(notices.filter((x) => x.kind === 'kept').flatMap((x) => x.names)).toEqual(['Ben Okafor']);
    }
  });

  it('the same profile captured on both devices becomes one person, the same one on both', async () => {
    const server = memoryPouch('server');
    const a = await device(server);
    const b = await device(server);
    await capture(a.db, 'mei', 'Mei Chen', NOON);
    await capture(b.db, 'mei', 'Mei C.', NOON + HOUR);
    await settle(a, b);
    await expectSame(a, b);
    const people = await a.db.people.toArray();
    expect(people).toHaveLength(1);
    expect(await a.db.touches.where('personId').equals(people[0]!.id).count()).toBe(2);
    // The device that found the two tells its user they became one.
    const notices = [...((await readMeta<SyncNotice[]>(a.db, SYNC_META.notices)) ?? []), ...((await readMeta<SyncNotice[]>(b.db, SYNC_META.notices)) ?? [])];
    expect(notices.filter((x) => x.kind === 'merged').flatMap((x) => x.names)).toEqual(['Mei Chen']);
  });

  it('a person merged into another on one device, while the other device logged a touch to them, loses nothing', async () => {
    const server = memoryPouch('server');
    const a = await device(server);
    const x = await capture(a.db, 'ana', 'Ana');
    const y = await capture(a.db, 'ana-souza', 'Ana Souza', NOON + HOUR);
    await a.sync();
    const b = await device(server);
    await b.sync();
    await store.mergePeople(a.db, y.id, x.id, NOON + 2 * HOUR, settings);
    await store.logTouch(b.db, { personId: x.id, direction: 'inbound', channel: 'demo', kind: 'message', at: NOON + 2 * HOUR, text: 'written on B' }, settings);
    await settle(a, b);
    await expectSame(a, b);
    const people = await a.db.people.toArray();
    expect(people).toHaveLength(1);
    expect(people[0]!.profileKeys.sort()).toEqual(['demo:ana', 'demo:ana-souza']);
    expect((await touchesOf(a.db, people[0]!.id)).map((t) => t.text).sort()).toEqual(['Ana Souza says hi', 'Ana says hi', 'written on B']);
  });

  it('a DM message recorded on both devices is one touch on both', async () => {
    const server = memoryPouch('server');
    const a = await device(server);
    const mei = await capture(a.db, 'mei', 'Mei');
    await a.sync();
    const b = await device(server);
    await b.sync();
    const dm = [{ dedupeKey: 'msg-1', direction: 'inbound' as const, at: NOON + HOUR }];
    await store.recordDmMessages(a.db, { personId: mei.id }, dm, NOON + HOUR, settings);
    await store.recordDmMessages(b.db, { personId: mei.id }, dm, NOON + HOUR, settings);
    await settle(a, b);
    await expectSame(a, b);
    expect(await a.db.touches.where('personId').equals(mei.id).count()).toBe(2);
  });

  it('only the settings the user chose sync, the later change winning', async () => {
    const server = memoryPouch('server');
    const a = await device(server, { settings: ['cadence'] });
    const b = await device(server, { settings: ['cadence'] });
    await store.setSettings(a.db, { cadence: { lead: [3, 6], contact: [1, 2] }, dailyGoal: 20 });
    await settle(a, b);
    const got = await store.getSettings(b.db);
    expect(got.cadence).toEqual({ lead: [3, 6], contact: [1, 2] });
    expect(got.dailyGoal).toBe(8);
  });

  it('a run stopped anywhere resumes from where it stopped, without sending or writing anything twice', async () => {
    const server = memoryPouch('server');
    const a = await device(server);
    for (let i = 0; i < 250; i++) await capture(a.db, `p${i}`, `Person ${i}`);
    // Stopped after the first batch was sent, then again after the first batch was received.
    let calls = 0;
    const stopAfter = (n: number) => () => {
      if (++calls === n) throw new Error('the service worker stopped');
    };
    await expect(a.sync({ progress: stopAfter(1) })).rejects.toThrow('stopped');
    expect(await countWaiting(a.db)).toBeGreaterThan(0);
    calls = 0;
    await a.sync();
    expect(await countWaiting(a.db)).toBe(0);
    const docs = await server.allDocs();
    expect(docs.rows).toHaveLength(500 + 1);
    expect(docs.rows.every((r) => r.id === KEY_DOC_ID || r.value.rev.startsWith('1-'))).toBe(true);

    const b = await device(server);
    calls = 0;
    await expect(b.sync({ progress: stopAfter(3) })).rejects.toThrow('stopped');
    const partway = await b.db.people.count();
    expect(partway).toBeLessThan(250);
    await b.sync();
    expect(await b.db.people.count()).toBe(250);
    expect(await b.db.touches.count()).toBe(250);
    expect((await store.pipeline(b.db, {}, NOON)).total).toBe(250);
    await expectSame(a, b);
  }, 60_000);
});
