import { isDue, isOverdue } from '../domain/cadence';
import { dailyCounts, dayBounds, type DailyCounts } from '../domain/daily';
import { focusList } from '../domain/focus';
import { signalsOf } from '../domain/signals';
import type { Appointment, Person, Settings } from '../domain/types';
import type { HandraiserDB } from './db';
import { fromRow, type PersonRow } from './rows';
import { groupBy, type PersonWithSignals } from './views';

export interface TodayView {
  overdue: PersonWithSignals[];
  /** Due today, not yet overdue. */
  due: PersonWithSignals[];
  focus: PersonWithSignals[];
  appointments: { appointment: Appointment; name: string }[];
  daily: DailyCounts;
  dueCount: number;
}

/** Most people shown in the focus list. */
export const FOCUS_LIMIT = 50;

/**
 * The popup's Today screen. Every list comes from an index range (due by nextFollowUpAt,
 * prospects by stage, today's rows by time), never from a walk over everyone.
 */
export async function today(db: HandraiserDB, now: number, settings: Settings): Promise<TodayView> {
  const { start, end } = dayBounds(now);
  return db.transaction('r', db.people, db.touches, db.appointments, async () => {
    const [dueRows, prospectRows, createdToday, touchesToday, apptsToday, apptsSetToday] = await Promise.all([
      db.people.where('nextFollowUpAt').below(end).toArray(),
      db.people.where('stage').equals('prospect').toArray(),
      db.people.where('createdAt').between(start, end, true, false).toArray(),
      db.touches.where('at').between(start, end, true, false).toArray(),
      db.appointments.where('at').between(start, end, true, false).toArray(),
      db.appointments.where('createdAt').between(start, end, true, false).toArray(),
    ]);
    const candidates = new Map<string, PersonRow>();
    for (const r of [...dueRows, ...prospectRows]) candidates.set(r.id, r);
    const people = [...candidates.values()].map(fromRow);
    const ids = people.map((p) => p.id);
    const apptsByPerson = groupBy(ids.length ? await db.appointments.where('personId').anyOf(ids).toArray() : [], (a) => a.personId);
    const withSignals = (p: Person): PersonWithSignals => ({
      person: p,
      signals: signalsOf(p, { now, appointments: apptsByPerson.get(p.id) ?? [] }),
    });

    const due = people.filter((p) => isDue(p, now)).sort((a, b) => (a.nextFollowUpAt ?? 0) - (b.nextFollowUpAt ?? 0));
    const focus = focusList(people, now, apptsByPerson).slice(0, FOCUS_LIMIT);

    const apptPeople = new Map<string, string>();
    const apptIds = [...new Set(apptsToday.map((a) => a.personId))];
    for (const row of await db.people.bulkGet(apptIds)) if (row) apptPeople.set(row.id, row.name);

    return {
      overdue: due.filter((p) => isOverdue(p, now)).map(withSignals),
      due: due.filter((p) => !isOverdue(p, now)).map(withSignals),
      focus: focus.map(withSignals),
      appointments: apptsToday
        .filter((a) => apptPeople.has(a.personId))
        .sort((a, b) => a.at - b.at)
        .map((appointment) => ({ appointment, name: apptPeople.get(appointment.personId)! })),
      daily: dailyCounts({
        people: createdToday.map(fromRow),
        touches: touchesToday,
        appointments: apptsSetToday,
        now,
        goal: settings.dailyGoal,
      }),
      dueCount: due.length,
    };
  });
}
