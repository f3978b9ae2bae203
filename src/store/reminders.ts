/** What the scheduler reads and keeps. Every answer comes from indexed queries, never from memory. */
import type { Person } from '../domain/types';
import type { DueItem, ReminderState } from '../domain/reminders';
import { recompute } from '../domain/person';
import type { Settings } from '../domain/types';
import type { HandraiserDB } from './db';
import { fromRow, toRow } from './rows';

const STATE_KEY = 'reminderState';
/** A notification names a handful; the toolbar count covers the rest. */
const MAX_DUE_ITEMS = 500;

/** People whose follow-up time has come (nextFollowUpAt ≤ now), earliest first. */
export async function dueNow(db: HandraiserDB, now: number): Promise<DueItem[]> {
  const people = await db.people.where('nextFollowUpAt').belowOrEqual(now).limit(MAX_DUE_ITEMS).toArray();
  return people.map((p) => ({ personId: p.id, name: p.name, dueAt: p.nextFollowUpAt ?? now }));
}

/** The earliest follow-up still to come, if any. */
export async function nextDueAfter(db: HandraiserDB, now: number): Promise<number | undefined> {
  const next = await db.people.where('nextFollowUpAt').above(now).first();
  return next?.nextFollowUpAt;
}

export async function readReminderState(db: HandraiserDB): Promise<ReminderState> {
  const row = await db.meta.get(STATE_KEY);
  const value = row?.value as ReminderState | undefined;
  return value && typeof value === 'object' && value.notified ? value : { notified: {} };
}

export async function writeReminderState(db: HandraiserDB, state: ReminderState): Promise<void> {
  await db.meta.put({ key: STATE_KEY, value: state });
}

/** "Snooze one day": moves these people's follow-up to `until`, in one transaction. */
export async function snooze(db: HandraiserDB, personIds: string[], until: number, settings: Settings): Promise<Person[]> {
  return db.transaction('rw', db.people, async () => {
    const people = (await db.people.bulkGet(personIds)).filter((p): p is NonNullable<typeof p> => !!p);
    const moved = people.map((p): Person => {
      const fresh = recompute(fromRow(p), settings);
      if (fresh.nextFollowUpAt === undefined) return fresh;
      return { ...fresh, nextFollowUpAt: Math.max(until, fresh.nextFollowUpAt) };
    });
    await db.people.bulkPut(moved.map(toRow));
    return moved;
  });
}
