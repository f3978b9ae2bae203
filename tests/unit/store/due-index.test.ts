/**
 * countDue, dueUpTo and today count and list through the nextFollowUpAt index alone. That is
 * right only if "has a stored follow-up date before the end of today" is exactly isDue, for
 * people in every state. These tests hold that equivalence down.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { isDue, isOverdue } from '../../../src/domain/cadence';
import { applyTouch, backToReachOut, captureAsLead, newPerson, recompute, setDrip, setStage } from '../../../src/domain/person';
import { dayBounds } from '../../../src/domain/time';
import { STAGES, type Person, type Touch } from '../../../src/domain/types';
import { importJson, exportJson } from '../../../src/store/backup';
import type { HandraiserDB } from '../../../src/store/db';
import { countDue, dueUpTo } from '../../../src/store/due';
import { fromRow, toRow } from '../../../src/store/rows';
import { queuePage, today, QUEUE_FIRST_PAGE } from '../../../src/store/today';
import { queueOrder } from '../../../src/domain/focus';
import { DAY, demoIdentity, freshDb, HOUR, NOON, settings } from './helpers';

let db: HandraiserDB;
beforeEach(async () => {
  db = await freshDb();
});

const byIndex = (p: Person, now: number) => p.nextFollowUpAt !== undefined && p.nextFollowUpAt < dayBounds(now).end;

let seq = 0;
function base(stage: Person['stage'], market: Person['market'], reachOut: boolean, createdAt: number): Person {
  seq += 1;
  return newPerson(
    {
      id: `p${seq}`,
      name: `P ${seq}`,
      identity: demoIdentity(`p${seq}`),
      source: { kind: 'comment', at: createdAt },
      now: createdAt,
      reachOut,
      stage,
      market,
    },
    settings,
  );
}

function touch(p: Person, at: number, direction: Touch['direction']): Touch {
  return { id: `t${++seq}`, personId: p.id, at, direction, channel: 'demo', kind: 'message' };
}

/** People in every state the domain produces: each stage × market × suggestion, then drip, touches, stage changes. */
function everyState(): Person[] {
  const out: Person[] = [];
  for (const stage of STAGES) {
    for (const market of ['market', 'non_market'] as const) {
      for (const reachOut of [false, true]) {
        for (const age of [0, 3, 30]) {
          const p = base(stage, market, reachOut, NOON - age * DAY);
          out.push(p);
          out.push(setDrip(p, true, NOON - age * DAY + HOUR, settings));
          out.push(setDrip(setDrip(p, true, NOON - 40 * DAY, settings), false, NOON - age * DAY, settings));
          out.push(applyTouch(p, touch(p, NOON - age * DAY + HOUR, 'outbound'), settings));
          out.push(applyTouch(p, touch(p, NOON - age * DAY + HOUR, 'inbound'), settings));
          let worn = p;
          for (let i = 0; i < 12; i++) worn = applyTouch(worn, touch(worn, NOON - (age + 12 - i) * DAY, 'outbound'), settings);
          out.push(worn); // cadence used up: on drip
          for (const to of STAGES) out.push(setStage(p, to, NOON - age * DAY + 2 * HOUR, settings));
          if (p.stage === 'lead' && !p.reachOut) out.push(backToReachOut(p, NOON - age * DAY + HOUR, settings));
          if (p.reachOut) out.push(captureAsLead(p, NOON - age * DAY + HOUR, settings));
        }
      }
    }
  }
  return out;
}

const NOWS = [NOON - 40 * DAY, NOON - DAY, NOON, NOON + 11 * HOUR + 59 * 60_000, NOON + 2 * DAY, NOON + 30 * DAY, NOON + 400 * DAY];

describe('due ⟺ a stored follow-up date before the end of today', () => {
  it('holds for people in every state the domain produces (drip, not interested, non-market, suggestion, each stage)', () => {
    const people = everyState();
    expect(people.some((p) => isDue(p, NOON + 30 * DAY))).toBe(true);
    expect(people.some((p) => !isDue(p, NOON + 400 * DAY))).toBe(true);
    for (const p of people) {
      // The row keeps the domain's date untouched.
      expect(fromRow(toRow(p))).toEqual(p);
      for (const now of NOWS) {
        expect(byIndex(p, now), `${p.stage}/${p.market}/drip=${p.onDrip}/reachOut=${p.reachOut}`).toBe(isDue(p, now));
      }
    }
  });

  it('holds for stored rows even when a file carries a date for a silenced person', () => {
    const stale = (p: Person): Person => ({ ...p, nextFollowUpAt: NOON - DAY });
    const silencedOnes = [
      stale(setDrip(base('lead', 'market', false, NOON - 5 * DAY), true, NOON - 5 * DAY, settings)),
      stale(setStage(base('prospect', 'market', false, NOON - 5 * DAY), 'not_interested', NOON, settings)),
      stale(base('prospect', 'non_market', false, NOON - 5 * DAY)),
      stale(base('lead', 'market', true, NOON - 5 * DAY)),
    ];
    for (const p of silencedOnes) {
      expect(isDue(p, NOON)).toBe(false);
      const stored = fromRow(toRow(p));
      expect(stored.nextFollowUpAt).toBeUndefined();
      expect(byIndex(stored, NOON)).toBe(isDue(stored, NOON));
    }
  });

  it('countDue and dueUpTo match a full scan filtered by isDue, at every hour of interest', async () => {
    const people = everyState();
    await db.people.bulkPut(people.map(toRow));
    const all = (await db.people.toArray()).map(fromRow);
    for (const now of NOWS) {
      const want = all.filter((p) => isDue(p, now)).map((p) => p.id).sort();
      expect(await countDue(db, now)).toBe(want.length);
      expect((await dueUpTo(db, now)).map((p) => p.id).sort()).toEqual(want);
    }
  });

  it('an imported silenced person with a stale date is not counted as due', async () => {
    const drip = { ...setDrip(base('lead', 'market', false, NOON - 5 * DAY), true, NOON - 5 * DAY, settings), nextFollowUpAt: NOON - DAY };
    const backup = { ...(await exportJson(db, NOON)), people: [drip] };
    await importJson(db, backup, NOON);
    expect(await countDue(db, NOON)).toBe(0);
    expect(await dueUpTo(db, NOON)).toEqual([]);
  });
});

describe('today, bounded', () => {
  it('lists the first page of each tier of the queue in queue order, with exact totals and pages after it', async () => {
    const people: Person[] = [];
    // Leads created d days ago are due `lead[0]` days after creation.
    const gap = settings.cadence.lead[0]!;
    for (let i = 0; i < 130; i++) people.push(base('lead', 'market', false, NOON - (gap + 1 + (i % 20)) * DAY - i * 1000)); // overdue
    for (let i = 0; i < 70; i++) people.push(base('lead', 'market', false, NOON - gap * DAY - HOUR + i * 1000)); // due today
    for (let i = 0; i < 30; i++) people.push(base('lead', 'market', false, NOON)); // not yet due
    for (let i = 0; i < 15; i++) people.push(base('prospect', 'market', false, NOON - 3 * DAY - i * 1000)); // warm, due
    people.push(setDrip(base('lead', 'market', false, NOON - 40 * DAY), true, NOON - 40 * DAY, settings));
    await db.people.bulkPut(people.map(toRow));

    const view = await today(db, NOON, settings);
    const all = people.map((p) => recompute(p, settings));
    expect(view.overdueCount).toBe(all.filter((p) => isOverdue(p, NOON)).length);
    expect(view.dueCount).toBe(all.filter((p) => isDue(p, NOON)).length);
    const order = queueOrder(all, NOON);
    expect(view.queue.map((t) => t.total)).toEqual([0, 15, 0, 200]);
    expect(view.queue.map((t) => t.rows.length)).toEqual([0, 10, 0, QUEUE_FIRST_PAGE]);
    const listed = view.queue.flatMap((t) => t.rows.map((r) => r.person.id));
    expect(listed).toEqual([...order.slice(0, 10), ...order.slice(15, 15 + QUEUE_FIRST_PAGE)].map((p) => p.id));
    // Every person once, and the pages that follow carry on where the first stopped.
    const next = await queuePage(db, NOON, 3, QUEUE_FIRST_PAGE, 50);
    expect(next.total).toBe(200);
    expect(next.rows.map((r) => r.person.id)).toEqual(order.slice(15 + QUEUE_FIRST_PAGE, 15 + QUEUE_FIRST_PAGE + 50).map((p) => p.id));
    expect((await queuePage(db, NOON, 1, 10, 50)).rows.map((r) => r.person.id)).toEqual(order.slice(10, 15).map((p) => p.id));
  });
});
