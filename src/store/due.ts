import { dayBounds } from '../domain/time';
import type { Person } from '../domain/types';
import type { HandraiserDB } from './db';
import { countDueBefore } from './counters';
import { fromRow } from './rows';

/** People whose next follow-up falls in [from, to), soonest first, through the nextFollowUpAt index. */
export async function dueBetween(db: HandraiserDB, from: number, to: number): Promise<Person[]> {
  if (to <= from) return [];
  const rows = await db.people.where('nextFollowUpAt').between(from, to, true, false).toArray();
  return rows.map(fromRow);
}

/**
 * Everyone due today or earlier (the toolbar badge), soonest first. A row holds a follow-up
 * date only when the cadence rules give one (rows.ts toRow), so isDue is exactly
 * "nextFollowUpAt before the end of today": one index range.
 */
export async function dueUpTo(db: HandraiserDB, now: number): Promise<Person[]> {
  const { end } = dayBounds(now);
  const rows = await db.people.where('nextFollowUpAt').below(end).toArray();
  return rows.map(fromRow);
}

/** How many are due today or earlier: the due counters plus at most an hour of the index (counters.ts). */
export async function countDue(db: HandraiserDB, now: number): Promise<number> {
  const { end } = dayBounds(now);
  return db.transaction('r', db.people, db.counters, () => countDueBefore(db, end));
}
