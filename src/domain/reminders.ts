/**
 * When to remind, and about whom. Pure: the background feeds it what the store says is due
 * and what was already notified, and does what it answers. The service worker can be stopped
 * at any moment, so nothing here relies on memory between calls.
 */
import type { Settings } from './types';

export interface DueItem {
  personId: string;
  name: string;
  /** The follow-up time that is due (person.nextFollowUpAt). */
  dueAt: number;
}

export interface ReminderState {
  /** personId → the dueAt we already notified about. A new dueAt for the same person is a new item. */
  notified: Record<string, number>;
  /** When the last grouped notification went out. */
  lastNotifiedAt?: number;
  /** Local date (YYYY-MM-DD) of the last daily summary. */
  lastSummaryDay?: string;
}

export interface ReminderPlan {
  /** Present when a notification should go out now: the due people it names. */
  notify?: { kind: 'due' | 'summary'; personIds: string[]; names: string[]; total: number };
  /** The state to save after acting on the plan. */
  state: ReminderState;
  /** When to look again (ms epoch); undefined = not before the next change. */
  nextCheckAt?: number;
}

/** At most one grouped notification per this many ms. */
export const NOTIFY_GAP_MS = 5 * 60_000;
const MINUTE = 60_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Local calendar day as YYYY-MM-DD. */
export function localDay(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The moment on t's local day at which the clock reads hhmm. Built from local fields, so DST cannot shift it. */
function atLocalTime(t: number, hhmm: string, addDays = 0): number {
  const mins = minutesOf(hhmm);
  const d = new Date(t);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + addDays, Math.floor(mins / 60), mins % 60).getTime();
}

/** The next moment after t at which the local clock reads hhmm. */
export function nextLocalTime(t: number, hhmm: string): number {
  const today = atLocalTime(t, hhmm);
  return today > t ? today : atLocalTime(t, hhmm, 1);
}

export function isQuietTime(t: number, quiet: Settings['quietHours']): boolean {
  if (!quiet.enabled) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const d = new Date(t);
  const now = d.getHours() * 60 + d.getMinutes();
  // A window like 21:00–08:00 crosses midnight.
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * Decides what to notify now. Never the same (person, dueAt) twice; at most one grouped
 * notification per NOTIFY_GAP_MS; nothing during quiet hours (it waits for their end);
 * once a day, at the summary time, one summary of everyone due.
 */
export function planReminders(input: {
  due: DueItem[];
  state: ReminderState;
  now: number;
  settings: Pick<Settings, 'quietHours' | 'summaryTime' | 'notifications'>;
  /** The earliest follow-up still in the future, if any (to schedule the next check). */
  nextDueAt?: number;
}): ReminderPlan {
  const { due, now, settings } = input;
  // Forget people who are no longer due (done, snoozed, moved on): keeps the state small.
  const stillDue = new Set(due.map((d) => d.personId));
  const notified: Record<string, number> = {};
  for (const [id, at] of Object.entries(input.state.notified)) if (stillDue.has(id)) notified[id] = at;
  const state: ReminderState = { ...input.state, notified };
  const plan: ReminderPlan = { state };

  const checks: number[] = [];
  if (input.nextDueAt !== undefined) checks.push(input.nextDueAt);
  const sorted = [...due].sort((a, b) => a.dueAt - b.dueAt);
  const fresh = sorted.filter((d) => notified[d.personId] !== d.dueAt);
  const send = (kind: 'due' | 'summary', items: DueItem[]) => {
    plan.notify = {
      kind,
      personIds: items.map((d) => d.personId),
      names: items.slice(0, 3).map((d) => d.name),
      total: items.length,
    };
    for (const d of items) notified[d.personId] = d.dueAt;
    state.lastNotifiedAt = now;
  };

  if (settings.notifications) {
    if (settings.summaryTime !== null) checks.push(nextLocalTime(now, settings.summaryTime));
    if (isQuietTime(now, settings.quietHours)) {
      if (fresh.length > 0) checks.push(nextLocalTime(now, settings.quietHours.end));
    } else {
      const summaryDue =
        settings.summaryTime !== null &&
        state.lastSummaryDay !== localDay(now) &&
        now >= atLocalTime(now, settings.summaryTime) &&
        sorted.length > 0;
      if (summaryDue) {
        state.lastSummaryDay = localDay(now);
        send('summary', sorted);
      } else if (fresh.length > 0) {
        const last = state.lastNotifiedAt;
        if (last !== undefined && now - last < NOTIFY_GAP_MS && now >= last) checks.push(last + NOTIFY_GAP_MS);
        else send('due', fresh);
      }
    }
  }

  const future = checks.filter((c) => c > now);
  if (future.length > 0) plan.nextCheckAt = Math.max(now + MINUTE, Math.min(...future));
  return plan;
}
