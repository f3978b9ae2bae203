/**
 * Follow-up reminders. The service worker may be stopped at any moment, so every run reads
 * who is due from the store (indexed on nextFollowUpAt) and what was already notified from
 * the store too; planReminders (domain) decides; this file only acts.
 */
import browser from 'webextension-polyfill';
import { DAY } from '../domain/cadence';
import { planReminders } from '../domain/reminders';
import type { HandraiserDB } from '../store/db';
import { getSettings } from '../store/settings';
import { dueNow, nextDueAfter, readReminderState, snooze, writeReminderState } from '../store/reminders';
import { updateBadge } from './badge';
import { msg, msgCount, syncLanguage } from './i18n';
import { namesLine } from './notify-text';
import { broadcast, openHandraiser } from './tabs';

export const CHECK_ALARM = 'handraiser:check';
/** A safety net for clock changes and missed alarms; created only when missing. */
export const SWEEP_ALARM = 'handraiser:sweep';
const SWEEP_MINUTES = 30;
const NOTIFICATION_PREFIX = 'handraiser:due:';

// Firefox has no notification buttons; it gets the click only.
const supportsButtons = !('getBrowserInfo' in browser.runtime);

let queue: Promise<unknown> = Promise.resolve();
/** Runs one check at a time: an alarm and a capture arriving together must not notify twice. */
export function checkReminders(db: HandraiserDB, now: () => number): Promise<void> {
  const run = queue.then(() => runOnce(db, now())).catch((e: unknown) => console.warn('Handraiser: reminder check failed', e));
  queue = run;
  return run;
}

async function runOnce(db: HandraiserDB, now: number): Promise<void> {
  const settings = await getSettings(db);
  await syncLanguage(settings.language);
  const [due, state, nextDueAt] = await Promise.all([dueNow(db, now), readReminderState(db), nextDueAfter(db, now)]);
  const plan = planReminders({ due, state, now, settings, ...(nextDueAt !== undefined ? { nextDueAt } : {}) });
  // Saved before showing: a worker stopped in between may miss one notification, never repeat it.
  await writeReminderState(db, plan.state);
  if (plan.notify) {
    await notify(db, plan.notify, now);
    // Chips on open pages turn "due" without a reload.
    await broadcast({ type: 'handraiser:changed', personIds: plan.notify.personIds, reason: 'due' });
  }
  if (plan.nextCheckAt !== undefined) await browser.alarms.create(CHECK_ALARM, { when: plan.nextCheckAt });
  else await browser.alarms.clear(CHECK_ALARM);
  await updateBadge(db, now);
}

export async function ensureSweepAlarm(): Promise<void> {
  const existing = await browser.alarms.get(SWEEP_ALARM);
  if (!existing) await browser.alarms.create(SWEEP_ALARM, { periodInMinutes: SWEEP_MINUTES });
}

async function notify(db: HandraiserDB, n: { kind: 'due' | 'summary'; personIds: string[]; names: string[]; total: number }, now: number): Promise<void> {
  const title =
    n.kind === 'summary'
      ? msgCount('notifySummary', n.total, `Today: ${n.total} follow-ups due`)
      : msgCount('notifyDue', n.total, `${n.total} follow-ups due`);
  const message = namesLine(n.names, n.total);
  const id = `${NOTIFICATION_PREFIX}${now}`;
  await db.meta.put({ key: `notification:${id}`, value: n.personIds });
  const options: browser.Notifications.CreateNotificationOptions = {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title,
    message,
  };
  if (supportsButtons) {
    (options as browser.Notifications.CreateNotificationOptions & { buttons: { title: string }[] }).buttons = [
      { title: msg('notifyOpen', 'Open') },
      { title: msg('notifySnooze', 'Snooze 1 day') },
    ];
  }
  await browser.notifications.create(id, options);
}

export function isOurNotification(id: string): boolean {
  return id.startsWith(NOTIFICATION_PREFIX);
}

export async function onNotificationClicked(db: HandraiserDB, id: string): Promise<void> {
  if (!isOurNotification(id)) return;
  await browser.notifications.clear(id);
  await db.meta.delete(`notification:${id}`);
  await openHandraiser('?view=today');
}

export async function onNotificationButton(db: HandraiserDB, id: string, button: number, now: () => number): Promise<void> {
  if (!isOurNotification(id)) return;
  if (button === 0) return onNotificationClicked(db, id);
  const row = await db.meta.get(`notification:${id}`);
  const ids = Array.isArray(row?.value) ? (row.value as unknown[]).filter((v): v is string => typeof v === 'string') : [];
  await snooze(db, ids, now() + DAY, await getSettings(db));
  await browser.notifications.clear(id);
  await db.meta.delete(`notification:${id}`);
  await checkReminders(db, now);
}
