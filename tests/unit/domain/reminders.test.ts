import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isQuietTime, nextLocalTime, NOTIFY_GAP_MS, planReminders, type ReminderState } from '../../../src/domain/reminders';
import { DEFAULT_SETTINGS } from '../../../src/domain/types';

// A zone with daylight saving, so the DST tests mean something on any machine.
const machineZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Madrid';
});
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

const local = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();
const settings = { quietHours: DEFAULT_SETTINGS.quietHours, summaryTime: null, notifications: true };
const empty: ReminderState = { notified: {} };
const ana = { personId: 'p1', name: 'Ana', dueAt: local(2026, 11, 23, 9) };
const ben = { personId: 'p2', name: 'Ben', dueAt: local(2026, 11, 23, 10) };
const chris = { personId: 'p3', name: 'Chris', dueAt: local(2026, 11, 23, 11) };
const dora = { personId: 'p4', name: 'Dora', dueAt: local(2026, 11, 23, 11, 30) };

describe('reminders', () => {
  it('groups everyone due into one notification, naming the first three', () => {
    const plan = planReminders({ due: [chris, ana, dora, ben], state: empty, now: local(2026, 11, 23, 12), settings });
    expect(plan.notify).toEqual({ kind: 'due', personIds: ['p1', 'p2', 'p3', 'p4'], names: ['Ana', 'Ben', 'Chris'], total: 4 });
  });

  it('never notifies the same due follow-up twice', () => {
    const now = local(2026, 11, 23, 12);
    const first = planReminders({ due: [ana, ben], state: empty, now, settings });
    const again = planReminders({ due: [ana, ben], state: first.state, now: now + 60 * 60_000, settings });
    expect(first.notify?.total).toBe(2);
    expect(again.notify).toBeUndefined();
  });

  it('a new follow-up time for the same person is a new reminder', () => {
    const now = local(2026, 11, 23, 12);
    const first = planReminders({ due: [ana], state: empty, now, settings });
    const later = { ...ana, dueAt: local(2026, 11, 25, 9) };
    const plan = planReminders({ due: [later], state: first.state, now: local(2026, 11, 25, 12), settings });
    expect(plan.notify?.personIds).toEqual(['p1']);
  });

  it('waits a few minutes between notifications, then sends the new ones only', () => {
    const now = local(2026, 11, 23, 12);
    const first = planReminders({ due: [ana], state: empty, now, settings });
    const soon = planReminders({ due: [ana, ben], state: first.state, now: now + 60_000, settings });
    expect(soon.notify).toBeUndefined();
    expect(soon.nextCheckAt).toBe(now + NOTIFY_GAP_MS);
    const after = planReminders({ due: [ana, ben], state: soon.state, now: now + NOTIFY_GAP_MS, settings });
    expect(after.notify?.personIds).toEqual(['p2']);
  });

  it('stays silent in quiet hours and looks again when they end', () => {
    const night = local(2026, 11, 23, 23);
    const plan = planReminders({ due: [ana], state: empty, now: night, settings });
    expect(plan.notify).toBeUndefined();
    expect(plan.nextCheckAt).toBe(local(2026, 11, 24, 8));
    const morning = planReminders({ due: [ana], state: plan.state, now: local(2026, 11, 24, 8), settings });
    expect(morning.notify?.personIds).toEqual(['p1']);
  });

  it('quiet hours may cross midnight or not', () => {
    const q = { enabled: true, start: '21:00', end: '08:00' };
    expect(isQuietTime(local(2026, 1, 1, 22), q)).toBe(true);
    expect(isQuietTime(local(2026, 1, 1, 3), q)).toBe(true);
    expect(isQuietTime(local(2026, 1, 1, 8), q)).toBe(false);
    expect(isQuietTime(local(2026, 1, 1, 13), { enabled: true, start: '12:00', end: '14:00' })).toBe(true);
    expect(isQuietTime(local(2026, 1, 1, 22), { ...q, enabled: false })).toBe(false);
  });

  it('sends the daily summary once a day at the summary time, covering everyone due', () => {
    const withSummary = { ...settings, summaryTime: '09:00' };
    const early = planReminders({ due: [ana], state: { notified: { p1: ana.dueAt }, lastNotifiedAt: 0 }, now: local(2026, 11, 23, 8, 30), settings: withSummary });
    expect(early.notify).toBeUndefined();
    expect(early.nextCheckAt).toBe(local(2026, 11, 23, 9));
    const nine = planReminders({ due: [ana], state: early.state, now: local(2026, 11, 23, 9), settings: withSummary });
    expect(nine.notify).toMatchObject({ kind: 'summary', personIds: ['p1'] });
    const noon = planReminders({ due: [ana], state: nine.state, now: local(2026, 11, 23, 12), settings: withSummary });
    expect(noon.notify).toBeUndefined();
  });

  it('notifications turned off send nothing', () => {
    const plan = planReminders({ due: [ana], state: empty, now: local(2026, 11, 23, 12), settings: { ...settings, notifications: false } });
    expect(plan.notify).toBeUndefined();
  });

  it('schedules the next look at the next follow-up still to come', () => {
    const next = local(2026, 11, 24, 10);
    const plan = planReminders({ due: [], state: empty, now: local(2026, 11, 23, 12), settings, nextDueAt: next });
    expect(plan.nextCheckAt).toBe(next);
  });

  it('the summary time is the same wall-clock time across a daylight-saving change', () => {
    // Madrid moves clocks forward on 2026-03-29 at 02:00: the day has 23 hours.
    const before = local(2026, 3, 28, 10);
    const next = nextLocalTime(before, '09:00');
    expect(new Date(next).getHours()).toBe(9);
    expect(new Date(next).getDate()).toBe(29);
    expect(next - before).toBe(22 * 60 * 60_000);
  });

  it('quiet hours end at 08:00 local time on the morning clocks go back', () => {
    // Madrid moves clocks back on 2026-10-25 at 03:00: the night has an extra hour.
    const night = local(2026, 10, 24, 23);
    const plan = planReminders({ due: [ana], state: empty, now: night, settings });
    expect(new Date(plan.nextCheckAt!).getHours()).toBe(8);
    expect(plan.nextCheckAt! - night).toBe(10 * 60 * 60_000);
  });

  it('catches up once after the browser was closed: everything that came due while closed, in one notification', () => {
    // Closed on Friday evening, opened on Monday morning: three follow-ups came due meanwhile.
    const friday = local(2026, 11, 20, 18);
    const closedState = planReminders({ due: [], state: empty, now: friday, settings }).state;
    const whileClosed = [
      { personId: 'p1', name: 'Ana', dueAt: local(2026, 11, 21, 9) },
      { personId: 'p2', name: 'Ben', dueAt: local(2026, 11, 22, 9) },
      { personId: 'p3', name: 'Chris', dueAt: local(2026, 11, 23, 8, 30) },
    ];
    const monday = local(2026, 11, 23, 9);
    const startup = planReminders({ due: whileClosed, state: closedState, now: monday, settings });
    expect(startup.notify).toMatchObject({ kind: 'due', total: 3, names: ['Ana', 'Ben', 'Chris'] });
    // The install/startup catch-up and the first alarm right after it do not repeat it.
    const alarm = planReminders({ due: whileClosed, state: startup.state, now: monday + NOTIFY_GAP_MS + 1, settings });
    expect(alarm.notify).toBeUndefined();
  });
});

