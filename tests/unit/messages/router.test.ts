import { beforeEach, describe, expect, it, vi } from 'vitest';

// The polyfill refuses to load outside an extension; the router tests use an injected transport.
vi.mock('webextension-polyfill', () => ({ default: { runtime: { sendMessage: vi.fn() } } }));
import { createClient, HandraiserError, type Send } from '../../../src/messages/client';
import { MESSAGE_TYPES, Messages, type MessageType, type Reply } from '../../../src/messages/contract';
import { createRouter, type Change, type SyncControl } from '../../../src/messages/router';
import { fetchBackupFile, importBackup } from '../../../src/options/transfer';
import type { HandraiserDB } from '../../../src/store/db';
import { DAY, freshDb, HOUR, NOON } from '../store/helpers';

const EXT = 'handraiser@test';
const EXT_URL = 'chrome-extension://handraisertest/';
/** Handraiser's own popup page, as the browser names it to the background. */
const FROM_PAGE = { id: EXT, url: `${EXT_URL}src/popup/index.html` };
const PAGE = 'http://localhost:5173/demo/feed';
const POST = 'http://localhost:5173/demo/post/42';
const person = (slug: string, name = `Name ${slug}`) => ({ profileUrl: `http://localhost:5173/demo/profile/${slug}`, name, pageUrl: PAGE });

let db: HandraiserDB;
let clock: number;
let changes: Change[];
let route: ReturnType<typeof createRouter>;
let send: Send;

beforeEach(async () => {
  db = await freshDb();
  clock = NOON;
  changes = [];
  route = createRouter({ db, now: () => clock, extensionId: EXT, extensionUrl: EXT_URL, onChange: (c) => changes.push(c) });
  // The client validates every reply against the contract: this also checks the response schemas.
  send = createClient((msg) => route(msg, FROM_PAGE));
});

async function expectInvalid(type: MessageType, payload: unknown, pattern: RegExp = /./): Promise<Reply> {
  const before = await snapshot();
  const reply = await route({ type, payload }, FROM_PAGE);
  expect(reply.ok).toBe(false);
  if (!reply.ok) {
    expect(reply.error.code).toBe('invalid');
    expect(reply.error.message).toMatch(pattern);
    expect(reply.error.message).toMatch(/[.!]$/);
  }
  expect(await snapshot()).toEqual(before);
  return reply;
}

async function snapshot() {
  return {
    people: await db.people.toArray(),
    touches: await db.touches.toArray(),
    appointments: await db.appointments.toArray(),
    posts: await db.handRaisePosts.toArray(),
    health: await db.siteHealth.toArray(),
    settings: await db.settings.toArray(),
  };
}

async function captureAda() {
  return send('capture', { person: person('ada', '  Ada \n  Lovelace '), surface: 'comment', as: 'auto', contextUrl: POST, text: 'Tell me more' });
}

describe('router: senders and envelopes', () => {
  it('refuses a sender that is not our extension, and writes nothing', async () => {
    const reply = await route({ type: 'capture', payload: { person: person('ada'), surface: 'comment', as: 'lead' } }, { id: 'evil' });
    expect(reply).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/did not come from Handraiser/) } });
    expect(await route({ type: 'countDue', payload: {} }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await db.people.count()).toBe(0);
    expect(changes).toEqual([]);
  });

  it('refuses unknown types and malformed envelopes without throwing', async () => {
    expect(await route({ type: 'dropTables', payload: {} }, FROM_PAGE)).toMatchObject({ ok: false, error: { code: 'invalid', message: 'Handraiser does not know this kind of request.' } });
    expect(await route('capture', FROM_PAGE)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await route(null, FROM_PAGE)).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('the contract covers every message the router answers', () => {
    expect(MESSAGE_TYPES.sort()).toEqual(
      [
        'capture', 'lookup', 'logTouch', 'setStage', 'setQualification', 'updatePerson', 'scheduleAppointment',
        'updateAppointment', 'markHandRaisePost', 'unmarkHandRaisePost', 'listHandRaisePosts', 'merge', 'today',
        'pipeline', 'person', 'settingsGet', 'settingsSet', 'exportJson', 'exportFile', 'exportPart', 'uploadPart', 'importJson', 'recordDm',
        'reportSiteHealth', 'listSiteHealth', 'deleteAll', 'countDue', 'openHandraiser', 'insight', 'deleteTouch',
        'addPerson', 'deletePerson', 'restorePerson', 'queuePage',
        'syncStatus', 'syncSetup', 'syncNow', 'syncChoose', 'syncOff',
      ].sort(),
    );
    for (const t of MESSAGE_TYPES) expect(Messages[t].req).toBeDefined();
  });
});

describe('capture', () => {
  it('valid: computes the identity in the background, cleans the name, reports the change', async () => {
    const r = await captureAda();
    expect(r).toMatchObject({ profileKey: 'demo:ada', created: true, capturedAs: 'lead', badge: { name: 'Ada Lovelace', stage: 'lead' } });
    expect(changes).toEqual([{ personIds: [r.badge.personId], profileKeys: ['demo:ada'], reason: 'capture' }]);
    const again = await captureAda();
    expect(again.created).toBe(false);
    expect(await db.people.count()).toBe(1);
  });

  it("auto: a reaction on a hand-raise post is a lead, elsewhere it's a reach-out suggestion", async () => {
    await send('markHandRaisePost', { url: POST, title: 'Like this if you want to learn more' });
    const hr = await send('capture', { person: person('bob'), surface: 'reaction', as: 'auto', contextUrl: `${POST}?utm_source=x` });
    expect(hr.capturedAs).toBe('hand_raise');
    expect(hr.badge.reachOut).toBe(false);
    const ro = await send('capture', { person: person('cy'), surface: 'reaction', as: 'auto', contextUrl: 'http://localhost:5173/demo/post/7' });
    expect(ro.capturedAs).toBe('reach_out');
    expect(ro.badge.reachOut).toBe(true);
  });

  it('invalid: not a profile, another site, bad URL scheme, missing field', async () => {
    await expectInvalid('capture', { person: { ...person('ada'), profileUrl: 'http://localhost:5173/demo/post/1' }, surface: 'comment', as: 'lead' }, /not lead to a person's profile/);
    await expectInvalid('capture', { person: { ...person('ada'), profileUrl: 'https://www.facebook.com/zuck' }, surface: 'comment', as: 'lead' }, /different site/);
    await expectInvalid('capture', { person: { ...person('ada'), profileUrl: 'javascript:alert(1)' }, surface: 'comment', as: 'lead' }, /profile address must be a web address/);
    await expectInvalid('capture', { person: person('ada'), surface: 'comment' }, /^The kind of capture is missing\.$/);
    await expectInvalid('capture', { person: person('ada'), surface: 'shout', as: 'lead' }, /surface should be one of/);
    await expectInvalid('capture', { person: { ...person('ada'), pageUrl: 'https://example.com/' }, surface: 'comment', as: 'lead' }, /does not work on this site/);
    expect(changes).toEqual([]);
  });
});

describe('capture: a retry after a failure', () => {
  it('a capture saved although its reply was lost is stored once when the user retries it', async () => {
    const req = { person: person('ada'), surface: 'comment' as const, as: 'lead' as const, contextUrl: POST, requestId: 'a1b2c3d4-retry' };
    await route({ type: 'capture', payload: req }, FROM_PAGE); // reply lost: the page saw a failure
    clock = NOON + 30_000;
    const retried = await send('capture', req);
    expect(retried).toMatchObject({ profileKey: 'demo:ada', created: true, badge: { stage: 'lead' } });
    expect(await db.people.count()).toBe(1);
    expect(await db.touches.count()).toBe(1);
    await expectInvalid('capture', { ...req, requestId: 'short' }, /8 to 64 letters/);
    await expectInvalid('capture', { ...req, requestId: 'has spaces in it' }, /8 to 64 letters/);
  });

  it("a capture's link to another site than the person's is not kept; a profile link keeps the page it was found on", async () => {
    const r = await send('capture', { person: person('ada'), surface: 'comment', as: 'lead', contextUrl: 'https://evil.example/login' });
    const detail = await send('person', { personId: r.badge.personId });
    expect(detail.touches[0]!.contextUrl).toBeUndefined();
    expect(detail.person.sources[0]!.contextUrl).toBeUndefined();
    const link = await send('capture', { person: person('bob'), surface: 'link', as: 'lead', contextUrl: 'https://blog.example/post' });
    expect((await send('person', { personId: link.badge.personId })).person.sources[0]!.contextUrl).toBe('https://blog.example/post');
  });
});

describe('every other message: valid and invalid', () => {
  it('lookup', async () => {
    const c = await captureAda();
    const r = await send('lookup', { profileKeys: ['demo:ada', 'demo:nobody'] });
    expect(Object.keys(r.badges)).toEqual(['demo:ada']);
    expect(r.badges['demo:ada']?.personId).toBe(c.badge.personId);
    await expectInvalid('lookup', { profileKeys: Array.from({ length: 501 }, (_, i) => `k${i}`) }, /too many items \(at most 500\)/);
  });

  it('logTouch', async () => {
    const { badge } = await captureAda();
    const r = await send('logTouch', { personId: badge.personId, direction: 'outbound', channel: 'phone', kind: 'call', text: 'Left a voicemail' });
    expect(r.touch).toMatchObject({ kind: 'call', at: NOON });
    await expectInvalid('logTouch', { personId: badge.personId, direction: 'sideways', channel: 'phone', kind: 'call' }, /direction should be one of: inbound, outbound/);
    const missing = await route({ type: 'logTouch', payload: { personId: 'ghost', direction: 'outbound', channel: 'phone', kind: 'call' } }, FROM_PAGE);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/no longer in Handraiser/) } });
  });

  it('deleteTouch', async () => {
    const { badge } = await captureAda();
    const before = (await send('person', { personId: badge.personId })).person;
    const { touch } = await send('logTouch', { personId: badge.personId, direction: 'outbound', channel: 'phone', kind: 'exposure' });
    changes = [];
    const r = await send('deleteTouch', { touchId: touch.id });
    expect(r.person).toEqual({ ...before, updatedAt: NOON });
    expect((await send('person', { personId: badge.personId })).touches).toHaveLength(1);
    expect(changes).toEqual([{ personIds: [badge.personId], reason: 'touch' }]);
    await expectInvalid('deleteTouch', { touchId: '' }, /empty/);
    await expectInvalid('deleteTouch', { personId: badge.personId }, /missing/);
    const again = await route({ type: 'deleteTouch', payload: { touchId: touch.id } }, FROM_PAGE);
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/no longer in Handraiser/) } });
    expect(changes).toHaveLength(1);
  });

  it('insight', async () => {
    const { badge } = await captureAda();
    await send('capture', { person: person('bob'), surface: 'comment', as: 'lead' });
    clock = NOON + 2 * DAY;
    await send('setStage', { personId: badge.personId, stage: 'prospect' });
    clock = NOON + 4 * DAY;
    const r = await send('insight', {});
    expect(r.overall).toMatchObject({ leads: 2, prospects: 1, leadToProspect: 0.5 });
    expect(r.medianDaysInStage).toEqual({ lead: 3, prospect: 2 });
    expect(r.bySource).toEqual({ comment: r.overall });
    expect(r.bySite).toEqual({ demo: r.overall });
    expect(r.people).toBe(2);
    // A date range counts only who came in during it.
    clock = NOON + 5 * DAY;
    await send('capture', { person: person('cy'), surface: 'comment', as: 'lead' });
    expect((await send('insight', { from: NOON + 5 * DAY })).people).toBe(1);
    expect((await send('insight', { from: NOON, to: NOON + DAY })).people).toBe(2);
    await expectInvalid('insight', { from: NOON + DAY, to: NOON }, /end of the date range should be after its start/);
    await expectInvalid('insight', { since: 0 }, /fields Handraiser does not know: since/);
  });

  it('setStage and setQualification', async () => {
    const { badge } = await captureAda();
    expect((await send('setStage', { personId: badge.personId, stage: 'prospect' })).person.stage).toBe('prospect');
    await expectInvalid('setStage', { personId: badge.personId, stage: 'vip' }, /stage should be one of/);
    const q = await send('setQualification', { personId: badge.personId, qualification: { need: true, desire: false } });
    expect(q.person.qualification).toEqual({ need: true, desire: false, decisionMaker: null, initiative: null });
    await expectInvalid('setQualification', { personId: badge.personId, qualification: { need: 'yes' } }, /need should be yes or no/);
  });

  it('updatePerson', async () => {
    const { badge } = await captureAda();
    const r = await send('updatePerson', { personId: badge.personId, notes: 'Met at the webinar', market: 'non_market', nextStep: { text: 'Send the video' } });
    expect(r.person).toMatchObject({ notes: 'Met at the webinar', market: 'non_market', nextStep: { text: 'Send the video' } });
    await expectInvalid('updatePerson', { personId: badge.personId, notes: 'x'.repeat(10_001) }, /notes is too long \(at most 10000 characters\)/);
  });

  it('updatePerson: phone and e-mail are checked, and named in the refusal with what is expected', async () => {
    const { badge } = await captureAda();
    const r = await send('updatePerson', { personId: badge.personId, phone: ' +34 612 345 678 ', email: 'ada@example.com' });
    expect(r.person).toMatchObject({ phone: '+34 612 345 678', email: 'ada@example.com' });
    // Found by them.
    expect((await send('pipeline', { query: 'ada@example' })).total).toBe(1);
    expect((await send('pipeline', { query: '612 345' })).total).toBe(1);
    await expectInvalid('updatePerson', { personId: badge.personId, phone: 'call me' }, /^The phone number should have 6 to 15 digits.*\+34 612 345 678\.$/);
    await expectInvalid('updatePerson', { personId: badge.personId, email: 'ada(at)example' }, /^The e-mail should be an address like ana@example.com\.$/);
    const cleared = await send('updatePerson', { personId: badge.personId, phone: null, email: '' });
    expect(cleared.person.phone).toBeUndefined();
    expect(cleared.person.email).toBeUndefined();
  });

  it('addPerson: by hand, with or without a profile; a profile already here is not doubled', async () => {
    const a = await send('addPerson', { name: '  Lucía  Fernández ', phone: '+34 612 345 678', email: 'lucia@example.com', stage: 'prospect', sourceKind: 'referral', referrer: 'Ana', notes: 'Met at the gym' });
    expect(a.created).toBe(true);
    expect(a.person).toMatchObject({ name: 'Lucía Fernández', stage: 'prospect', phone: '+34 612 345 678', email: 'lucia@example.com', notes: 'Met at the gym', identities: [] });
    expect(a.person.sources).toEqual([{ kind: 'referral', at: NOON, referrer: 'Ana' }]);
    expect(changes.at(-1)).toEqual({ personIds: [a.person.id], profileKeys: [], reason: 'add' });
    expect((await send('pipeline', { query: 'lucia fernandez' })).rows.map((r) => r.person.id)).toEqual([a.person.id]);

    const b = await send('addPerson', { name: 'Bo', profileUrl: 'https://www.instagram.com/Bo.Lee/?hl=es', stage: 'lead', sourceKind: 'warm_market' });
    expect(b.person.identities).toEqual([{ site: 'instagram', profileKey: 'instagram:bo.lee', profileUrl: 'https://www.instagram.com/bo.lee/', displayName: 'Bo', handle: 'bo.lee' }]);
    expect(b.person.sources[0]).toMatchObject({ kind: 'warm_market', site: 'instagram' });
    changes = [];
    const again = await send('addPerson', { name: 'Someone else', profileUrl: 'https://instagram.com/bo.lee', stage: 'lead', sourceKind: 'manual' });
    expect(again).toMatchObject({ created: false, person: { id: b.person.id, name: 'Bo' } });
    expect(changes).toEqual([]);
    // Non-market contacts are never leads.
    expect((await send('addPerson', { name: 'Supplier', stage: 'lead', market: 'non_market', sourceKind: 'manual' })).person).toMatchObject({ stage: 'prospect', market: 'non_market' });

    await expectInvalid('addPerson', { name: '   ', stage: 'lead', sourceKind: 'manual' }, /name is empty/);
    await expectInvalid('addPerson', { name: 'X', profileUrl: 'https://example.com/ana', stage: 'lead', sourceKind: 'manual' }, /profile link should be the address of a person's profile/);
    await expectInvalid('addPerson', { name: 'X', profileUrl: 'https://www.instagram.com/p/C0dE/', stage: 'lead', sourceKind: 'manual' }, /profile link should be/);
    await expectInvalid('addPerson', { name: 'X', phone: '12', stage: 'lead', sourceKind: 'manual' }, /phone number should have 6 to 15 digits/);
    await expectInvalid('addPerson', { name: 'X', stage: 'boss', sourceKind: 'manual' }, /stage should be one of/);
  });

  it('deletePerson and restorePerson: gone with their touches and appointments, back exactly as they were', async () => {
    const { badge } = await captureAda();
    await send('logTouch', { personId: badge.personId, direction: 'outbound', channel: 'demo', kind: 'message', text: 'hi' });
    await send('scheduleAppointment', { personId: badge.personId, at: NOON + DAY, kind: 'call' });
    const before = await send('person', { personId: badge.personId });
    const { deleted } = await send('deletePerson', { personId: badge.personId });
    expect(changes.at(-1)).toEqual({ personIds: [badge.personId], profileKeys: ['demo:ada'], reason: 'delete' });
    expect(deleted.touches).toHaveLength(2);
    expect(deleted.appointments).toHaveLength(1);
    expect(await db.people.count()).toBe(0);
    expect(await db.touches.count()).toBe(0);
    expect(await db.appointments.count()).toBe(0);
    expect((await send('lookup', { profileKeys: ['demo:ada'] })).badges).toEqual({});

    const back = await send('restorePerson', deleted);
    expect(back.person).toEqual(before.person);
    const after = await send('person', { personId: badge.personId });
    expect(after.touches).toEqual(before.touches);
    expect(after.appointments).toEqual(before.appointments);
    await expectInvalid('restorePerson', deleted, /is in Handraiser already/);
    // Captured again after the delete: the restore is refused and changes nothing.
    const { deleted: again } = await send('deletePerson', { personId: badge.personId });
    await captureAda();
    await expectInvalid('restorePerson', again, /captured again since/);
    await expectInvalid('restorePerson', { ...again, touches: [{ ...again.touches[0]!, personId: 'someone' }] }, /belong to someone else/);
    expect(await route({ type: 'deletePerson', payload: { personId: 'ghost' } }, FROM_PAGE)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('updatePerson reachOut: capture a suggestion as a lead, and take it back', async () => {
    const { badge } = await send('capture', { person: person('cy'), surface: 'reaction', as: 'reach_out' });
    changes = [];
    expect((await send('updatePerson', { personId: badge.personId, reachOut: false })).person).toMatchObject({ reachOut: false, stage: 'lead' });
    expect((await send('updatePerson', { personId: badge.personId, reachOut: true })).person).toMatchObject({ reachOut: true, stage: 'lead' });
    expect(changes).toEqual([
      { personIds: [badge.personId], reason: 'person' },
      { personIds: [badge.personId], reason: 'person' },
    ]);
    await expectInvalid('updatePerson', { personId: badge.personId, reachOut: 'yes' }, /should be yes or no/);
    await send('setStage', { personId: badge.personId, stage: 'prospect' });
    await expectInvalid('updatePerson', { personId: badge.personId, reachOut: true }, /^Only a lead can go back/);
  });

  it('scheduleAppointment and updateAppointment', async () => {
    const { badge } = await captureAda();
    const s = await send('scheduleAppointment', { personId: badge.personId, at: NOON + DAY, kind: 'video_call', note: 'Zoom' });
    expect(s.appointment).toMatchObject({ status: 'scheduled', createdAt: NOON });
    const u = await send('updateAppointment', { appointmentId: s.appointment.id, status: 'kept' });
    expect(u.appointment.status).toBe('kept');
    await expectInvalid('scheduleAppointment', { personId: badge.personId, at: -5, kind: 'call' }, /time is too small/);
    await expectInvalid('updateAppointment', { appointmentId: s.appointment.id, status: 'maybe' }, /status should be one of/);
  });

  it('markHandRaisePost, listHandRaisePosts, unmarkHandRaisePost', async () => {
    const m = await send('markHandRaisePost', { url: `${POST}#comments`, title: '  Like   this ' });
    expect(m.post).toMatchObject({ site: 'demo', title: 'Like this', markedAt: NOON });
    expect((await send('listHandRaisePosts', {})).posts).toHaveLength(1);
    expect((await send('listHandRaisePosts', { site: 'x' })).posts).toHaveLength(0);
    expect(await send('unmarkHandRaisePost', { url: POST })).toEqual({ removed: true });
    await expectInvalid('markHandRaisePost', { url: 'https://example.com/post/1' }, /not a post on a site Handraiser supports/);
    await expectInvalid('markHandRaisePost', { url: 'ftp://localhost/x' }, /address must be a web address/);
    await expectInvalid('listHandRaisePosts', { site: 'myspace' }, /site should be one of/);
    await expectInvalid('unmarkHandRaisePost', {}, /address is missing/);
  });

  it('merge', async () => {
    const a = await captureAda();
    const b = await send('capture', { person: person('bob'), surface: 'dm', as: 'lead' });
    const r = await send('merge', { keepId: a.badge.personId, otherId: b.badge.personId });
    expect(r.person.identities).toHaveLength(2);
    expect(changes.at(-1)).toEqual({ personIds: [a.badge.personId, b.badge.personId], reason: 'merge' });
    await expectInvalid('merge', { keepId: a.badge.personId }, /person to merge is missing/);
    expect(await route({ type: 'merge', payload: { keepId: a.badge.personId, otherId: a.badge.personId } }, FROM_PAGE)).toMatchObject({ ok: false, error: { code: 'invalid', message: 'A person cannot be merged with themselves.' } });
  });

  it('today, pipeline, person, countDue', async () => {
    const { badge } = await captureAda();
    clock = NOON + 10 * DAY;
    const t = await send('today', {});
    expect(t.queue.flatMap((tier) => tier.rows.map((r) => r.person.id))).toEqual([badge.personId]);
    expect(t.queue[3]).toMatchObject({ tier: 3, total: 1 });
    // The comment she came in by is where to pick it up.
    expect(t.queue[3]!.rows[0]!.link).toEqual({ url: POST, kind: 'post' });
    expect((await send('queuePage', { tier: 3, offset: 1, limit: 10 })).rows).toEqual([]);
    await expectInvalid('queuePage', { tier: 4, offset: 0, limit: 10 }, /tier is too large \(at most 3\)/);
    expect(t.daily.goal).toBe(8);
    expect(await send('countDue', {})).toEqual({ count: 1 });
    const p = await send('pipeline', { query: 'love', limit: 10 });
    expect(p).toMatchObject({ total: 1, counts: { lead: 1 } });
    expect(p.groups).toEqual({ stages: { lead: 1, prospect: 0, customer: 0, team_member: 0, not_interested: 0 }, onDrip: 0, reachOut: 0 });
    const d = await send('person', { personId: badge.personId });
    expect(d.touches).toHaveLength(1);
    expect(d.signals.overdue).toBe(true);
    await expectInvalid('today', { extra: 1 }, /fields Handraiser does not know: extra/);
    await expectInvalid('pipeline', { limit: 1000 }, /limit is too large \(at most 200\)/);
    await expectInvalid('person', { personId: '' }, /person is empty/);
    await expectInvalid('countDue', { now: 5 }, /does not know/);
    expect(await route({ type: 'person', payload: { personId: 'ghost' } }, FROM_PAGE)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a refusal names the field, what it expects and what it got', async () => {
    await expectInvalid('settingsSet', { settings: { dailyGoal: 1.5 } }, /^The settings, daily goal should be a whole number, not 1\.5\.$/);
    await expectInvalid('settingsSet', { settings: { dailyGoal: 'eight' } }, /daily goal should be a number, not "eight"\.$/);
    await expectInvalid('settingsSet', { settings: { dailyGoal: 0 } }, /daily goal is too small \(at least 1\)\.$/);
  });

  it('settingsGet and settingsSet', async () => {
    expect((await send('settingsGet', {})).settings.dailyGoal).toBe(8);
    expect((await send('settingsSet', { settings: { dailyGoal: 10 } })).settings.dailyGoal).toBe(10);
    expect(changes.at(-1)?.reason).toBe('settings');
    await expectInvalid('settingsSet', { settings: { dailyGoal: 0 } }, /daily goal is too small/);
    await expectInvalid('settingsSet', { settings: { quietHours: { enabled: true, start: '25:00', end: '08:00' } } }, /use HH:MM/);
  });

  it('exportJson and importJson', async () => {
    await captureAda();
    const { backup } = await send('exportJson', {});
    expect(backup.people).toHaveLength(1);
    await send('deleteAll', { confirm: true });
    const { summary } = await send('importJson', { data: JSON.parse(JSON.stringify(backup)) as unknown });
    expect(summary.people).toBe(1);
    expect(await db.people.count()).toBe(1);
    await expectInvalid('exportJson', { all: true });
    const bad = await expectInvalid('importJson', { data: { ...backup, people: [{ ...backup.people[0], exposures: -1 }] } }, /could not be imported/);
    if (!bad.ok) expect(bad.error.details?.[0]).toMatchObject({ row: 'person 1 (Ada Lovelace)', path: 'exposures' });
    await expectInvalid('importJson', { data: 'hello' }, /not a Handraiser backup/);
  });

  it('backup files larger than one message travel in parts, both ways', async () => {
    // 400 characters a part here (PART_CHARS in the extension), so two people make several parts.
    route = createRouter({ db, now: () => clock, extensionId: EXT, extensionUrl: EXT_URL, onChange: (c) => changes.push(c), partChars: 400 });
    send = createClient((msg) => route(msg, FROM_PAGE));
    await captureAda();
    await send('capture', { person: person('ben', 'Ben Okafor'), surface: 'comment', as: 'lead' });
    const { backup } = await send('exportJson', {});
    // More than MAX_PARTS parts is refused in words (at 10 characters a part, two people are).
    const tiny = createClient((msg) => createRouter({ db, now: () => clock, extensionId: EXT, extensionUrl: EXT_URL, partChars: 10 })(msg, FROM_PAGE));
    await expect(tiny('exportFile', {})).rejects.toMatchObject({ code: 'failed', message: /too large for one backup file/ });
    const file = await fetchBackupFile(send);
    expect(file.people).toBe(2);
    expect(file.text).toBe(JSON.stringify(backup, null, 2));
    // The export is dropped once its last part is fetched: asking again is a clear error.
    const first = await send('exportFile', {});
    expect(first.parts).toBeGreaterThan(3);
    for (let index = 1; index < first.parts; index++) await send('exportPart', { id: first.id!, index });
    await expect(send('exportPart', { id: first.id!, index: 1 })).rejects.toMatchObject({ code: 'not_found', message: /export it again/ });

    await send('deleteAll', { confirm: true });
    const before = await snapshot();
    // Parts in any order; until the last one arrives, importing changes nothing.
    const text = JSON.stringify(backup);
    const parts = Array.from({ length: Math.ceil(text.length / 200) }, (_, i) => text.slice(i * 200, i * 200 + 200));
    expect(parts.length).toBeGreaterThan(3);
    const order = parts.map((_, i) => i).reverse();
    for (const index of order.slice(0, -1)) await send('uploadPart', { id: 'up-1', index, count: parts.length, text: parts[index]! });
    await expect(send('importJson', { upload: 'up-1' })).rejects.toMatchObject({ code: 'not_found', message: /nothing was imported/ });
    expect(await snapshot()).toEqual(before);
    for (const index of order) await send('uploadPart', { id: 'up-2', index, count: parts.length, text: parts[index]! });
    const { summary } = await send('importJson', { upload: 'up-2' });
    expect(summary.people).toBe(2);
    expect((await send('exportJson', {})).backup.people).toEqual(backup.people);
    // The upload is used up; text that is not JSON changes nothing.
    await expect(send('importJson', { upload: 'up-2' })).rejects.toMatchObject({ code: 'not_found' });
    await send('uploadPart', { id: 'up-3', index: 0, count: 2, text: '{"format": "handraiser-backup", ' });
    await send('uploadPart', { id: 'up-3', index: 1, count: 2, text: 'oops' });
    await expectInvalid('importJson', { upload: 'up-3' }, /not valid JSON/);
    // Parts that disagree on their count are refused.
    await send('uploadPart', { id: 'up-4', index: 0, count: 2, text: '{' });
    await expectInvalid('uploadPart', { id: 'up-4', index: 1, count: 3, text: '}' }, /do not fit together/);

    // The options page's helper: the same import, in parts when the text is longer than a part.
    await send('deleteAll', { confirm: true });
    expect((await importBackup(send, backup, undefined, 200)).summary.people).toBe(2);
    // With the file's own text (indented, as exported): the parts carry that text.
    await send('deleteAll', { confirm: true });
    const uploads: number[] = [];
    const counting: Send = (type, payload) => {
      if (type === 'uploadPart') uploads.push((payload as { text: string }).text.length);
      return send(type, payload);
    };
    const fileText = JSON.stringify(backup, null, 2);
    expect((await importBackup(counting, JSON.parse(fileText), fileText, 200)).summary.people).toBe(2);
    expect(uploads.reduce((a, b) => a + b, 0)).toBe(fileText.length);
    await send('deleteAll', { confirm: true });
    expect((await importBackup(send, backup)).summary.people).toBe(2);
    expect(await db.people.count()).toBe(2);
  });

  it('recordDm', async () => {
    await send('capture', { person: person('ada'), surface: 'dm', as: 'lead' });
    const msgs = [
      { dedupeKey: 'a1', direction: 'outbound' as const, at: NOON + HOUR },
      { dedupeKey: 'a2', direction: 'inbound' as const, at: NOON + 2 * HOUR },
    ];
    const r = await send('recordDm', { person: person('ada'), threadUrl: 'http://localhost:5173/demo/messages/ada', messages: msgs });
    expect(r).toMatchObject({ known: true, added: 2, profileKey: 'demo:ada' });
    // The thread is kept with each message, so the timeline can open it again; one on another site is not.
    const d = await send('person', { personId: r.badge!.personId });
    expect(d.touches.filter((t) => t.dedupeKey !== undefined).map((t) => t.contextUrl)).toEqual(['http://localhost:5173/demo/messages/ada', 'http://localhost:5173/demo/messages/ada']);
    // (Two days back: a visit of its own, so it is a touch of its own.)
    await send('recordDm', { person: person('ada'), threadUrl: 'https://evil.example/thread', messages: [{ dedupeKey: 'a3', direction: 'inbound', at: NOON - 2 * DAY }] });
    const foreign = (await send('person', { personId: r.badge!.personId })).touches.find((t) => t.dedupeKey?.endsWith('|a3'));
    expect(foreign).toBeDefined();
    expect(foreign!.contextUrl).toBeUndefined();
    expect((await send('recordDm', { person: person('ada'), messages: msgs })).added).toBe(0);
    expect(await send('recordDm', { person: person('zed'), messages: msgs })).toEqual({ profileKey: 'demo:zed', known: false, added: 0 });
    await expectInvalid('recordDm', { person: person('ada'), messages: [{ dedupeKey: '', direction: 'inbound' }] }, /message id is empty/);
  });

  it('reportSiteHealth and listSiteHealth', async () => {
    expect(await send('reportSiteHealth', { site: 'demo', pageType: 'comments', url: PAGE })).toEqual({ recorded: true });
    expect((await send('listSiteHealth', {})).warnings).toEqual([{ site: 'demo', pageType: 'comments', url: PAGE, at: NOON, found: 'nobody' }]);
    // Each finding is kept apart: found by the selectors, by the structure only, nobody.
    expect(await send('reportSiteHealth', { site: 'demo', pageType: 'comments', url: PAGE, found: 'fallback' })).toEqual({ recorded: true });
    expect((await send('listSiteHealth', {})).warnings.map((w: { found?: string }) => w.found).sort()).toEqual(['fallback', 'nobody']);
    await expectInvalid('reportSiteHealth', { site: 'demo', pageType: 'comments', url: PAGE, found: 'maybe' });
    await expectInvalid('reportSiteHealth', { site: 'x', pageType: 'comments', url: PAGE }, /does not belong to the site/);
    await expectInvalid('listSiteHealth', { x: 1 });
  });

  it('deleteAll needs an explicit confirmation', async () => {
    await captureAda();
    await expectInvalid('deleteAll', {}, /confirm/);
    expect(await send('deleteAll', { confirm: true })).toEqual({ deleted: true });
    expect(await db.people.count()).toBe(0);
  });
});

describe('errors from the store never leak internals', () => {
  it('a broken database answers failed with a sentence', async () => {
    db.close();
    const reply = await route({ type: 'countDue', payload: {} }, FROM_PAGE);
    expect(reply).toMatchObject({ ok: false, error: { code: 'failed' } });
    if (!reply.ok) expect(reply.error.message).toMatch(/Handraiser/);
  });

  it('the client throws HandraiserError carrying the code', async () => {
    await expect(send('person', { personId: 'ghost' })).rejects.toMatchObject({ name: 'HandraiserError', code: 'not_found' });
    await expect(send('person', { personId: 'ghost' })).rejects.toBeInstanceOf(HandraiserError);
  });
});

describe('openHandraiser', () => {
  it('opens the person view for a person, and today by default', async () => {
    const opened: string[] = [];
    const withOpener = createRouter({ db, now: () => clock, extensionId: EXT, extensionUrl: EXT_URL, openPage: async (q) => void opened.push(q) });
    const open = createClient((msg) => withOpener(msg, FROM_PAGE));
    expect(await open('openHandraiser', { personId: 'p-1' })).toEqual({ opened: true });
    expect(await open('openHandraiser', {})).toEqual({ opened: true });
    expect(opened).toEqual(['?view=person&id=p-1', '?view=today']);
  });

  it('opens the workspace page (its own tab, not the popup)', async () => {
    const opened: [string, string | undefined][] = [];
    const withOpener = createRouter({ db, now: () => clock, extensionId: EXT, extensionUrl: EXT_URL, openPage: async (q, page) => void opened.push([q, page]) });
    const open = createClient((msg) => withOpener(msg, FROM_PAGE));
    expect(await open('openHandraiser', { view: 'workspace' })).toEqual({ opened: true });
    expect(opened).toEqual([['', 'workspace']]);
  });

  it('invalid: an unknown view is refused, and without an opener it says so', async () => {
    await expectInvalid('openHandraiser', { view: 'settings' });
    const reply = await route({ type: 'openHandraiser', payload: {} }, FROM_PAGE);
    expect(reply).toMatchObject({ ok: false, error: { code: 'failed', message: 'Handraiser cannot open its window from here.' } });
  });
});

describe('sync messages', () => {
  const OPTIONS = `${EXT_URL}src/options/index.html`;
  const status = { configured: true, server: 'https://couch.example.com', database: 'handraiser', user: 'ana', settings: [], waiting: 0, running: false, notices: [] };
  function fakeSync(over: Partial<SyncControl> = {}) {
    const calls: string[] = [];
    const sync: SyncControl = {
      configured: async () => true,
      status: async () => (calls.push('status'), status),
      setUp: async (input) => (calls.push(`setUp:${input.database}`), { problem: null, status }),
      syncNow: async () => (calls.push('syncNow'), status),
      choose: async (settings) => (calls.push(`choose:${settings.join(',')}`), status),
      turnOff: async () => (calls.push('turnOff'), { ...status, configured: false }),
      deleteServerCopy: async () => void calls.push('deleteServerCopy'),
      ...over,
    };
    const withSync = createRouter({ db, now: () => clock, extensionId: EXT, extensionUrl: EXT_URL, sync, onChange: (c) => changes.push(c) });
    return { calls, route: withSync, fromOptions: createClient((msg) => withSync(msg, { id: EXT, url: OPTIONS })) };
  }
  const setup = { server: 'https://couch.example.com', database: 'handraiser', user: 'ana', password: 'pw', passphrase: 'ten chars at least', settings: ['cadence'] };

  it('valid: each reaches sync from our own pages', async () => {
    const { calls, fromOptions } = fakeSync();
    expect(await fromOptions('syncStatus', {})).toEqual(status);
    expect(await fromOptions('syncSetup', setup as never)).toEqual({ problem: null, status });
    expect((await fromOptions('syncNow', {})).status).toEqual(status);
    expect((await fromOptions('syncChoose', { settings: ['sites', 'dailyGoal'] })).status).toEqual(status);
    expect((await fromOptions('syncOff', {})).status.configured).toBe(false);
    expect(calls).toEqual(['status', 'setUp:handraiser', 'syncNow', 'choose:sites,dailyGoal', 'turnOff']);
  });

  it('a content script (a sender on a web page) may not send them: refused, sync never called', async () => {
    const { calls, route: withSync } = fakeSync();
    for (const [type, payload] of [['syncStatus', {}], ['syncSetup', setup], ['syncNow', {}], ['syncOff', {}]] as const) {
      const reply = await withSync({ type, payload }, { id: EXT, url: PAGE });
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect((await withSync({ type, payload }, { id: EXT })).ok).toBe(false);
    }
    expect(calls).toEqual([]);
  });

  it('invalid: a bad address, database name, short passphrase or unknown setting is refused in words', async () => {
    const { calls, route: withSync } = fakeSync();
    const refused = async (type: string, payload: unknown, pattern: RegExp) => {
      const reply = await withSync({ type, payload }, { id: EXT, url: OPTIONS });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
      if (!reply.ok) expect(reply.error.message).toMatch(pattern);
    };
    await refused('syncSetup', { ...setup, server: 'ftp://couch.example.com' }, /web address/);
    await refused('syncSetup', { ...setup, database: 'My Contacts' }, /small letter/);
    await refused('syncSetup', { ...setup, passphrase: 'short' }, /too short/);
    await refused('syncSetup', { ...setup, password: '' }, /empty/);
    await refused('syncChoose', { settings: ['passwords'] }, /should be one of/);
    expect(calls).toEqual([]);
  });

  it('delete all with sync set up: the server copy first when asked, then sync stops, then the data goes', async () => {
    await captureAda();
    const { calls, fromOptions } = fakeSync();
    await fromOptions('deleteAll', { confirm: true, server: true });
    expect(calls).toEqual(['deleteServerCopy', 'turnOff']);
    expect(await db.people.count()).toBe(0);
  });

  it('delete all when the server copy cannot be deleted: nothing is deleted, and sync stays on', async () => {
    await captureAda();
    const { calls, fromOptions } = fakeSync({
      deleteServerCopy: async () => {
        throw new Error('The server could not be reached.');
      },
    });
    const err = await fromOptions('deleteAll', { confirm: true, server: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HandraiserError);
    expect((err as HandraiserError).message).toBe('The copy on the sync server could not be deleted, so nothing was deleted. The server could not be reached.');
    expect(calls).toEqual([]);
    expect(await db.people.count()).toBe(1);
    // Keeping the server's copy: sync stops here, the data here goes.
    await fromOptions('deleteAll', { confirm: true, server: false });
    expect(calls).toEqual(['turnOff']);
    expect(await db.people.count()).toBe(0);
  });
});
