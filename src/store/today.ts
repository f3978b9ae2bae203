import Dexie from 'dexie';
import { openLinkOf, type OpenLink } from '../domain/conversation';
import { dailyCounts, dayBounds, type DailyCounts } from '../domain/daily';
import { QUEUE_TIERS } from '../domain/focus';
import { signalsOf } from '../domain/signals';
import type { Appointment, Settings } from '../domain/types';
import type { HandraiserDB } from './db';
import { countDueBefore, countQueueBefore } from './counters';
import { fromRow, type PersonRow } from './rows';
import { groupBy, type PersonWithSignals } from './views';

/** One person in today's queue, with where to pick the conversation up. */
export interface QueueRow extends PersonWithSignals {
  link?: OpenLink;
}

/** One tier of the queue (domain/focus QUEUE_TIERS): its total today, and one page of it. */
export interface QueueTierPage {
  tier: number;
  total: number;
  rows: QueueRow[];
}

export interface TodayView {
  /** Every tier, hottest first, each with its first `limit` people; empty tiers included (total 0). */
  queue: QueueTierPage[];
  appointments: { appointment: Appointment; name: string }[];
  daily: DailyCounts;
  /** Everyone due today or earlier (overdue included). */
  dueCount: number;
  /** Everyone overdue. */
  overdueCount: number;
}

/** People shown per tier when Today opens: the first screen is what to do now. */
export const QUEUE_FIRST_PAGE = 10;
/** Touches read per listed person to find the latest thread or post to open. */
const LINK_TOUCHES = 20;

/** Rows [offset, offset + limit) of one tier, in queue order: one bounded range of the queue index. */
async function tierRows(db: HandraiserDB, tier: number, end: number, offset: number, limit: number): Promise<PersonRow[]> {
  return db.people.where('queue').between([tier, Dexie.minKey], [tier, end], true, false).offset(offset).limit(limit).toArray();
}

/** Signals (open and missed appointments read for the listed people only) and the link to open. */
async function queueRows(db: HandraiserDB, rows: PersonRow[], now: number): Promise<QueueRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [appts, recent] = await Promise.all([
    db.appointments.where('personId').anyOf(ids).toArray(),
    Promise.all(
      ids.map((id) =>
        db.touches.where('[personId+at]').between([id, Dexie.minKey], [id, Dexie.maxKey]).reverse().limit(LINK_TOUCHES).toArray(),
      ),
    ),
  ]);
  const byPerson = groupBy(
    appts.filter((a) => a.status === 'scheduled' || a.status === 'missed').sort((a, b) => a.at - b.at),
    (a) => a.personId,
  );
  return rows.map((r, i) => {
    const person = fromRow(r);
    const row: QueueRow = { person, signals: signalsOf(person, { now, appointments: byPerson.get(r.id) ?? [] }) };
    const link = openLinkOf(person, recent[i] ?? []);
    if (link) row.link = link;
    return row;
  });
}

/** One page of one tier of today's queue ("Show more"). */
export async function queuePage(db: HandraiserDB, now: number, tier: number, offset: number, limit: number): Promise<QueueTierPage> {
  const { end } = dayBounds(now);
  return db.transaction('r', db.people, db.touches, db.appointments, db.counters, async () => {
    const [rows, total] = await Promise.all([tierRows(db, tier, end, offset, limit), countQueueBefore(db, tier, end)]);
    return { tier, total, rows: await queueRows(db, rows, now) };
  });
}

/**
 * The popup's Today screen. The queue is one bounded range of the queue index per tier, each
 * person once; every total comes from the counters (counters.ts), never a walk over everyone.
 */
export async function today(db: HandraiserDB, now: number, settings: Settings, limit = QUEUE_FIRST_PAGE): Promise<TodayView> {
  const { start, end } = dayBounds(now);
  return db.transaction('r', db.people, db.touches, db.appointments, db.counters, async () => {
    const tiers = QUEUE_TIERS.map((_, tier) => tier);
    const [pages, totals, dueBeforeToday, dueCount, createdToday, touchesToday, apptsToday, apptsSetToday] = await Promise.all([
      Promise.all(tiers.map((tier) => tierRows(db, tier, end, 0, limit))),
      Promise.all(tiers.map((tier) => countQueueBefore(db, tier, end))),
      countDueBefore(db, start),
      countDueBefore(db, end),
      db.people.where('createdAt').between(start, end, true, false).toArray(),
      db.touches.where('at').between(start, end, true, false).toArray(),
      db.appointments.where('at').between(start, end, true, false).toArray(),
      db.appointments.where('createdAt').between(start, end, true, false).toArray(),
    ]);
    const listed = await queueRows(db, pages.flat(), now);
    let i = 0;
    const queue = pages.map((rows, tier) => {
      const page = { tier, total: totals[tier] ?? 0, rows: listed.slice(i, i + rows.length) };
      i += rows.length;
      return page;
    });

    const apptPeople = new Map<string, string>();
    const apptIds = [...new Set(apptsToday.map((a) => a.personId))];
    for (const row of await db.people.bulkGet(apptIds)) if (row) apptPeople.set(row.id, row.name);

    return {
      queue,
      appointments: apptsToday
        .filter((a) => apptPeople.has(a.personId) && a.status !== 'cancelled')
        .sort((a, b) => a.at - b.at)
        .map((appointment) => ({ appointment, name: apptPeople.get(appointment.personId)! })),
      daily: dailyCounts({
        people: createdToday.map(fromRow),
        touches: touchesToday,
        appointments: apptsSetToday,
        now,
        goal: settings.dailyGoal,
      }),
      dueCount,
      overdueCount: dueBeforeToday,
    };
  });
}
