import { beforeEach, describe, expect, it } from 'vitest';
import { capture } from '../../../src/store/capture';
import type { HandraiserDB } from '../../../src/store/db';
import { countDue, dueBetween, dueUpTo } from '../../../src/store/due';
import { listSiteHealth, recordSiteHealth } from '../../../src/store/health';
import { deleteTouch, getPerson, logTouch, mergePeople, personDetail, scheduleAppointment, setQualification, setStage, updateAppointment, updatePerson } from '../../../src/store/people';
import { insight } from '../../../src/store/insight';
import { groupTotals, pipeline, queryGroup } from '../../../src/store/pipeline';
import { snooze } from '../../../src/store/reminders';
import { exportJson, importJson } from '../../../src/store/backup';
import { fromRow, groupOf, PERSON_GROUPS } from '../../../src/store/rows';
import { isHandRaisePost, listHandRaisePosts, markHandRaisePost, unmarkHandRaisePost } from '../../../src/store/posts';
import { getSettings, RECOMPUTE_BATCH, setSettings } from '../../../src/store/settings';
import { today } from '../../../src/store/today';
import { StoreError } from '../../../src/store/errors';
import { DAY, demoIdentity, freshDb, HOUR, NOON, settings } from './helpers';

let db: HandraiserDB;
beforeEach(async () => {
  db = await freshDb();
});

async function lead(slug: string, name: string, at = NOON, extra: { handle?: string } = {}) {
  const r = await capture(db, { identity: demoIdentity(slug, name, extra), surface: 'comment', as: 'lead', at }, settings);
  return r.person;
}

describe('pipeline', () => {
  it('counts stages by index and pages newest first', async () => {
    for (let i = 0; i < 7; i++) await lead(`p${i}`, `Person ${i}`, NOON + i);
    const ada = await lead('ada', 'Ada Lovelace', NOON + 100);
    await setStage(db, ada.id, 'prospect', NOON + 200, settings);
    const page1 = await pipeline(db, { stage: 'lead', limit: 3 }, NOON + 300);
    expect(page1.counts).toMatchObject({ lead: 7, prospect: 1, customer: 0, team_member: 0, not_interested: 0 });
    expect(page1.total).toBe(7);
    expect(page1.rows.map((r) => r.person.name)).toEqual(['Person 6', 'Person 5', 'Person 4']);
    const page3 = await pipeline(db, { stage: 'lead', limit: 3, offset: 6 }, NOON + 300);
    expect(page3.rows.map((r) => r.person.name)).toEqual(['Person 0']);
    const all = await pipeline(db, {}, NOON + 300);
    expect(all.total).toBe(8);
    expect(all.rows[0]?.person.name).toBe('Ada Lovelace');
  });

  it('searches by name prefix, by any word of the name, and by handle', async () => {
    await lead('ada-l', 'Ada Lovelace');
    await lead('grace', 'Grace Hopper');
    await lead('alan', 'Alan Turing');
    const q = async (query: string) => (await pipeline(db, { query }, NOON)).rows.map((r) => r.person.name);
    expect(await q('ad')).toEqual(['Ada Lovelace']);
    expect(await q('HOP')).toEqual(['Grace Hopper']);
    expect(await q('a')).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(await q('ada-')).toEqual(['Ada Lovelace']); // the handle
    expect(await q('zz')).toEqual([]);
    const paged = await pipeline(db, { query: 'a', limit: 1, offset: 1 }, NOON);
    expect(paged.total).toBe(2);
    expect(paged.rows.map((r) => r.person.name)).toEqual(['Alan Turing']);
  });

  it('filters by reach-out, source kind, site and signal', async () => {
    await lead('ada', 'Ada');
    await capture(db, { identity: demoIdentity('bob', 'Bob'), surface: 'reaction', as: 'reach_out', at: NOON }, settings);
    expect((await pipeline(db, { reachOut: true }, NOON)).rows.map((r) => r.person.name)).toEqual(['Bob']);
    expect((await pipeline(db, { sourceKind: 'comment' }, NOON)).rows.map((r) => r.person.name)).toEqual(['Ada']);
    expect((await pipeline(db, { site: 'facebook' }, NOON)).total).toBe(0);
    expect((await pipeline(db, { site: 'demo' }, NOON)).total).toBe(2);
    expect((await pipeline(db, { signal: 'followUpDue' }, NOON + 10 * DAY)).rows.map((r) => r.person.name)).toEqual(['Ada']);
  });
});

describe('due queries', () => {
  it('use the nextFollowUpAt index: between, up to today, count', async () => {
    const ada = await lead('ada', 'Ada', NOON);
    await lead('bob', 'Bob', NOON + 3 * DAY);
    await capture(db, { identity: demoIdentity('cy', 'Cy'), surface: 'reaction', as: 'reach_out', at: NOON }, settings);
    const adaDue = ada.nextFollowUpAt!;
    expect((await dueBetween(db, adaDue, adaDue + 1)).map((p) => p.name)).toEqual(['Ada']);
    expect(await dueBetween(db, 0, NOON)).toEqual([]);
    expect(await countDue(db, NOON)).toBe(0);
    expect(await countDue(db, adaDue)).toBe(1);
    expect((await dueUpTo(db, NOON + 30 * DAY)).map((p) => p.name).sort()).toEqual(['Ada', 'Bob']);
  });

  it('today: one queue (ready to decide first), appointments and daily counts', async () => {
    const ada = await lead('ada', 'Ada', NOON - 10 * DAY);
    const bob = await lead('bob', 'Bob', NOON - 2 * DAY);
    const pro = await lead('pro', 'Pro', NOON - 20 * DAY);
    await setStage(db, pro.id, 'prospect', NOON - HOUR, settings);
    await setQualification(db, pro.id, { need: true, desire: true, decisionMaker: true, initiative: true }, NOON - HOUR, settings);
    await lead('new', 'Newbie', NOON - HOUR);
    await logTouch(db, { personId: ada.id, direction: 'outbound', channel: 'demo', kind: 'message', at: NOON - 2 * HOUR }, settings);
    await scheduleAppointment(db, { personId: bob.id, at: NOON + 2 * HOUR, kind: 'call' }, NOON - HOUR, settings);
    const view = await today(db, NOON + 2 * DAY, settings);
    const queue = view.queue.flatMap((t) => t.rows);
    expect(queue[0]?.person.name).toBe('Pro');
    expect(queue[0]?.signals.readyToDecide).toBe(true);
    // Each person once, hottest first; Ada was written to today, her next follow-up is days away.
    expect(queue.map((r) => r.person.name)).toEqual(['Pro', 'Bob', 'Newbie']);
    expect(new Set(queue.map((r) => r.person.id)).size).toBe(queue.length);
    // The comment each came in by is where to pick the conversation up.
    expect(queue[1]?.link).toMatchObject({ kind: 'profile' });
    const now = await today(db, NOON, settings);
    expect(now.appointments.map((a) => a.name)).toEqual(['Bob']);
    expect(now.daily).toMatchObject({ newLeads: 1, followUps: 1, appointmentsSet: 1, conversations: 1, goal: 8 });
    expect(now.queue.flatMap((t) => t.rows).map((r) => r.person.name)).not.toContain('Newbie');
  });
});

describe('person operations', () => {
  it('logs touches, stages, qualification, appointments and edits', async () => {
    const ada = await lead('ada', 'Ada');
    const { touch } = await logTouch(db, { personId: ada.id, direction: 'outbound', channel: 'phone', kind: 'exposure', at: NOON + HOUR, nextStep: { text: 'call back', at: NOON + DAY } }, settings);
    expect(touch.kind).toBe('exposure');
    const edited = await updatePerson(db, ada.id, { name: '  Ada   King ', notes: 'met at webinar', market: 'market', nextStep: null }, NOON + 2 * HOUR, settings);
    expect(edited.name).toBe('Ada King');
    expect(edited.nextStep).toBeUndefined();
    expect((await pipeline(db, { query: 'king' }, NOON)).total).toBe(1);
    const drip = await updatePerson(db, ada.id, { onDrip: true }, NOON + 3 * HOUR, settings);
    expect(drip.onDrip).toBe(true);
    expect(drip.nextFollowUpAt).toBeUndefined();
    const { appointment } = await scheduleAppointment(db, { personId: ada.id, at: NOON + DAY, kind: 'video_call', note: 'zoom' }, NOON, settings);
    await updateAppointment(db, appointment.id, 'missed', NOON + 2 * DAY, settings);
    const detail = await personDetail(db, ada.id, NOON + 2 * DAY);
    expect(detail.touches.map((t) => t.kind)).toEqual(['comment', 'exposure']);
    expect(detail.appointments[0]?.status).toBe('missed');
    expect(detail.signals.chasing).toBe(true);
    expect(detail.person.exposures).toBe(1);
  });

  it('refuses unknown ids with a readable not_found', async () => {
    await expect(setStage(db, 'nope', 'prospect', NOON, settings)).rejects.toMatchObject({ code: 'not_found' });
    await expect(updateAppointment(db, 'nope', 'kept', NOON, settings)).rejects.toBeInstanceOf(StoreError);
    await expect(updatePerson(db, (await lead('a', 'A')).id, { name: '   ' }, NOON, settings)).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('settings', () => {
  it('are validated, and a cadence change recomputes every follow-up date in batches', async () => {
    expect(await getSettings(db)).toEqual(settings);
    const people = [];
    for (let i = 0; i < RECOMPUTE_BATCH + 5; i++) people.push(await lead(`p${i}`, `P${i}`));
    const before = people[0]!.nextFollowUpAt!;
    await setSettings(db, { cadence: { lead: [10, 20], contact: settings.cadence.contact } });
    const rows = await db.people.toArray();
    expect(rows.every((r) => r.nextFollowUpAt === rows[0]!.nextFollowUpAt)).toBe(true);
    expect(rows[0]!.nextFollowUpAt! - before).toBeGreaterThan(7 * DAY);
    await expect(setSettings(db, { dailyGoal: 0 })).rejects.toThrow(/daily goal/);
    expect((await getSettings(db)).dailyGoal).toBe(8);
    // 205 captures and a recompute: about a second alone, past vitest's 5 s default when the
    // whole suite shares 2 loaded cores.
  }, 30_000);
});

describe('hand-raise posts and site health', () => {
  it('mark, list, check, unmark', async () => {
    await markHandRaisePost(db, { postKey: 'demo:/demo/post/1', site: 'demo', url: 'http://localhost:5173/demo/post/1', markedAt: NOON });
    expect(await isHandRaisePost(db, 'demo:/demo/post/1')).toBe(true);
    expect(await listHandRaisePosts(db, 'demo')).toHaveLength(1);
    expect(await listHandRaisePosts(db, 'x')).toHaveLength(0);
    expect(await unmarkHandRaisePost(db, 'demo:/demo/post/1')).toBe(true);
    expect(await unmarkHandRaisePost(db, 'demo:/demo/post/1')).toBe(false);
  });

  it('keeps only the latest warning per site and page type', async () => {
    await recordSiteHealth(db, { site: 'demo', pageType: 'comments', url: 'http://localhost/a', at: 1 });
    await recordSiteHealth(db, { site: 'demo', pageType: 'comments', url: 'http://localhost/b', at: 2 });
    await recordSiteHealth(db, { site: 'demo', pageType: 'reactions', url: 'http://localhost/c', at: 3 });
    const list = await listSiteHealth(db);
    expect(list.map((w) => w.url)).toEqual(['http://localhost/c', 'http://localhost/b']);
  });
});

describe('taking back, group totals, insight', () => {
  it('deleteTouch removes the touch and rebuilds the person in one go', async () => {
    const ada = await lead('ada', 'Ada');
    await logTouch(db, { personId: ada.id, direction: 'outbound', channel: 'demo', kind: 'message', at: NOON + DAY }, settings);
    const before = await getPerson(db, ada.id);
    const { touch } = await logTouch(db, { personId: ada.id, direction: 'outbound', channel: 'phone', kind: 'exposure', at: NOON + 3 * DAY, nextStep: { text: 'call back' } }, settings);
    expect((await getPerson(db, ada.id)).exposures).toBe(1);
    const after = await deleteTouch(db, touch.id, NOON + 4 * DAY, settings);
    const { updatedAt: _a, ...restAfter } = after;
    const { updatedAt: _b, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    expect(after.updatedAt).toBe(NOON + 4 * DAY);
    expect(await getPerson(db, ada.id)).toEqual(after);
    expect((await personDetail(db, ada.id, NOON)).touches.map((t) => t.id)).not.toContain(touch.id);
    await expect(deleteTouch(db, touch.id, NOON, settings)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('updatePerson reachOut: a lead back to a suggestion and captured again; never a prospect', async () => {
    const bob = (await capture(db, { identity: demoIdentity('bob', 'Bob'), surface: 'reaction', as: 'reach_out', at: NOON }, settings)).person;
    const l = await updatePerson(db, bob.id, { reachOut: false }, NOON + HOUR, settings);
    expect(l).toMatchObject({ reachOut: false, stage: 'lead' });
    expect(l.nextFollowUpAt).toBeDefined();
    const back = await updatePerson(db, bob.id, { reachOut: true }, NOON + 2 * HOUR, settings);
    expect(back).toMatchObject({ reachOut: true, stage: 'lead', onDrip: false });
    expect(back.nextFollowUpAt).toBeUndefined();
    const ada = await lead('ada', 'Ada');
    await setStage(db, ada.id, 'prospect', NOON, settings);
    await expect(updatePerson(db, ada.id, { reachOut: true }, NOON, settings)).rejects.toMatchObject({ code: 'invalid' });
    expect((await getPerson(db, ada.id)).reachOut).toBe(false);
  });

  it('pipeline group totals leave drip and suggestions out of the stages', async () => {
    const ada = await lead('ada', 'Ada');
    await lead('cy', 'Cy');
    await updatePerson(db, ada.id, { onDrip: true }, NOON, settings);
    await capture(db, { identity: demoIdentity('bob', 'Bob'), surface: 'reaction', as: 'reach_out', at: NOON }, settings);
    const dan = await lead('dan', 'Dan');
    await setStage(db, dan.id, 'prospect', NOON, settings);
    const page = await pipeline(db, { limit: 1 }, NOON);
    expect(page.counts).toMatchObject({ lead: 3, prospect: 1 });
    expect(page.groups).toEqual({
      stages: { lead: 1, prospect: 1, customer: 0, team_member: 0, not_interested: 0 },
      onDrip: 1,
      reachOut: 1,
    });
    expect(await groupTotals(db)).toEqual(page.groups);
  });

  it('insight streams everyone into conversion, median days and by source', async () => {
    const ada = await lead('ada', 'Ada');
    await lead('cy', 'Cy');
    await setStage(db, ada.id, 'prospect', NOON + 2 * DAY, settings);
    await capture(db, { identity: demoIdentity('bob', 'Bob'), surface: 'reaction', as: 'reach_out', at: NOON }, settings);
    const f = await insight(db, NOON + 4 * DAY);
    expect(f.overall).toEqual({ leads: 2, prospects: 1, customersOrTeam: 0, leadToProspect: 0.5, prospectToClose: 0 });
    expect(f.medianDaysInStage).toEqual({ lead: 3, prospect: 2 });
    expect(Object.keys(f.bySource)).toEqual(['comment']);
  });
});

describe('pipeline groups, through the group index', () => {
  /** Every row's stored group is the one its person has: each write path went through toRow. */
  async function expectGroupsDerived() {
    const rows = await db.people.toArray();
    for (const row of rows) expect(row.group, row.name).toBe(groupOf(fromRow(row)));
  }

  it('counts each group exactly with a mix of drip, suggestions and stages, and the groups cover everyone once', async () => {
    const leads = [];
    for (let i = 0; i < 6; i++) leads.push(await lead(`l${i}`, `Lead ${i}`));
    await updatePerson(db, leads[0]!.id, { onDrip: true }, NOON, settings);
    await updatePerson(db, leads[1]!.id, { onDrip: true }, NOON, settings);
    await setStage(db, leads[2]!.id, 'prospect', NOON, settings);
    await setStage(db, leads[3]!.id, 'prospect', NOON, settings);
    await updatePerson(db, leads[3]!.id, { onDrip: true }, NOON, settings);
    await setStage(db, leads[4]!.id, 'not_interested', NOON, settings);
    for (let i = 0; i < 3; i++) await capture(db, { identity: demoIdentity(`r${i}`, `Reach ${i}`), surface: 'reaction', as: 'reach_out', at: NOON }, settings);
    const c = await lead('c', 'Cust');
    await setStage(db, c.id, 'customer', NOON, settings);

    const page = await pipeline(db, { limit: 1 }, NOON);
    expect(page.counts).toEqual({ lead: 6, prospect: 2, customer: 1, team_member: 0, not_interested: 1 });
    expect(page.groups).toEqual({
      stages: { lead: 1, prospect: 1, customer: 1, team_member: 0, not_interested: 1 },
      onDrip: 3,
      reachOut: 3,
    });
    const sum = Object.values(page.groups.stages).reduce((a, b) => a + b, 0) + page.groups.onDrip + page.groups.reachOut;
    expect(sum).toBe(page.total);
    for (const g of PERSON_GROUPS) {
      const n = await db.people.where('group').equals(g).count();
      expect(n, g).toBe(g === 'drip' ? 3 : g === 'reach_out' ? 3 : page.groups.stages[g]);
    }
    // Each chip's first page reports the same total as its count.
    expect((await pipeline(db, { onDrip: true }, NOON)).total).toBe(3);
    expect((await pipeline(db, { reachOut: true }, NOON)).total).toBe(3);
    expect((await pipeline(db, { stage: 'lead', onDrip: false, reachOut: false }, NOON)).total).toBe(1);
    expect((await pipeline(db, { stage: 'prospect', onDrip: false, reachOut: false }, NOON)).rows.map((r) => r.person.name)).toEqual(['Lead 2']);
    expect((await pipeline(db, { stage: 'not_interested' }, NOON)).rows.map((r) => r.person.name)).toEqual(['Lead 4']);
    await expectGroupsDerived();
  });

  it('pages a group newest first through [group+updatedAt], with filters counted over the group only', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await lead(`d${i}`, `Drip ${i}`, NOON)).id);
    await lead('stay', 'Stays a lead', NOON);
    // Put them on drip one after the other: the last one is the newest.
    for (let i = 0; i < 7; i++) await updatePerson(db, ids[i]!, { onDrip: true }, NOON + (i + 1) * HOUR, settings);
    const names = async (offset: number) => (await pipeline(db, { onDrip: true, limit: 3, offset }, NOON + DAY)).rows.map((r) => r.person.name);
    expect(await names(0)).toEqual(['Drip 6', 'Drip 5', 'Drip 4']);
    expect(await names(3)).toEqual(['Drip 3', 'Drip 2', 'Drip 1']);
    expect(await names(6)).toEqual(['Drip 0']);
    expect(await names(9)).toEqual([]);
    const first = await pipeline(db, { onDrip: true, limit: 3 }, NOON + DAY);
    expect(first.total).toBe(7);
    expect((await pipeline(db, { stage: 'lead', onDrip: false, reachOut: false }, NOON + DAY)).rows.map((r) => r.person.name)).toEqual(['Stays a lead']);
    // A filter on top: counted over the group, paged the same way.
    const filtered = await pipeline(db, { onDrip: true, sourceKind: 'comment', limit: 2, offset: 1 }, NOON + DAY);
    expect(filtered.total).toBe(7);
    expect(filtered.rows.map((r) => r.person.name)).toEqual(['Drip 5', 'Drip 4']);
    expect((await pipeline(db, { onDrip: true, sourceKind: 'like' }, NOON + DAY)).total).toBe(0);
  });

  it('a person moves group whenever drip, suggestion or stage changes, on every write path', async () => {
    const ada = await lead('ada', 'Ada');
    const row = async () => (await db.people.get(ada.id))!.group;
    expect(await row()).toBe('lead');
    await updatePerson(db, ada.id, { onDrip: true }, NOON + 1, settings);
    expect(await row()).toBe('drip');
    expect((await pipeline(db, { limit: 1 }, NOON)).groups).toMatchObject({ onDrip: 1, stages: { lead: 0 } });
    await updatePerson(db, ada.id, { onDrip: false }, NOON + 2, settings);
    expect(await row()).toBe('lead');
    await updatePerson(db, ada.id, { reachOut: true }, NOON + 3, settings);
    expect(await row()).toBe('reach_out');
    await updatePerson(db, ada.id, { reachOut: false }, NOON + 4, settings);
    expect(await row()).toBe('lead');
    await setStage(db, ada.id, 'not_interested', NOON + 5, settings);
    expect(await row()).toBe('not_interested');
    await setStage(db, ada.id, 'prospect', NOON + 6, settings);
    expect(await row()).toBe('prospect');

    // The other write paths: touches, snooze, recompute after settings, merge, import.
    const bob = await lead('bob', 'Bob');
    await logTouch(db, { personId: bob.id, direction: 'outbound', channel: 'demo', kind: 'message', at: NOON + DAY }, settings);
    await snooze(db, [bob.id, ada.id], NOON + 2 * DAY, settings);
    await setSettings(db, { dailyGoal: 7 });
    const cy = await lead('cy', 'Cy');
    await updatePerson(db, cy.id, { onDrip: true }, NOON, settings);
    await mergePeople(db, bob.id, cy.id, NOON + DAY, settings);
    const backup = await exportJson(db, NOON);
    const other = await freshDb();
    await importJson(other, backup, NOON);
    await importJson(other, backup, NOON);
    const before = db;
    await expectGroupsDerived();
    db = other;
    await expectGroupsDerived();
    expect(await db.people.count()).toBe(await before.people.count());
    // Rows read back as people carry no index fields.
    expect(Object.keys(await getPerson(db, ada.id))).not.toContain('group');
  });

  it('maps a query to the one group it names', () => {
    expect(queryGroup({})).toBe('all');
    expect(queryGroup({ onDrip: true })).toBe('drip');
    expect(queryGroup({ reachOut: true })).toBe('reach_out');
    expect(queryGroup({ stage: 'lead', onDrip: false, reachOut: false })).toBe('lead');
    expect(queryGroup({ stage: 'not_interested' })).toBe('not_interested');
    expect(queryGroup({ stage: 'lead' })).toBeUndefined();
    expect(queryGroup({ onDrip: true, reachOut: true })).toBeUndefined();
  });
});
