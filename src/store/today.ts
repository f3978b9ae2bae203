import Dexie from 'dexie';
import { dailyCounts, dayBounds, type DailyCounts } from '../domain/daily';
import { focusList } from '../domain/focus';
import { signalsOf } from '../domain/signals';
import type { Appointment, Person, Settings } from '../domain/types';
import type { HandraiserDB } from './db';
import { countDueBefore } from './counters';
import { fromRow, type PersonRow } from './rows';
import { groupBy, type PersonWithSignals } from './views';

export interface TodayView {
  /** The first TODAY_LIST_LIMIT overdue people, soonest first; overdueCount is the total. */
  overdue: PersonWithSignals[];
  /** Due today, not yet overdue: the first TODAY_LIST_LIMIT; dueCount − overdueCount is the total. */
  due: PersonWithSignals[];
  focus: PersonWithSignals[];
  appointments: { appointment: Appointment; name: string }[];
  daily: DailyCounts;
  /** Everyone due today or earlier (overdue included). */
  dueCount: number;
  /** Everyone overdue. */
  overdueCount: number;
}

/** Most people shown in the focus list. */
export const FOCUS_LIMIT = 50;
/** Most people shown in the overdue and in the due-today list; the pipeline lists the rest. */
export const TODAY_LIST_LIMIT = 50;
/** Focus candidates read per index: the soonest due and the most recently changed prospects. */
export const FOCUS_CANDIDATES = 500;

/**
 * The popup's Today screen. Every list is a bounded index range (due by nextFollowUpAt,
 * prospects by group, today's rows by time, open appointments by status) and every total
 * comes from the counters (counters.ts), never a walk over everyone.
 */
export async function today(db: HandraiserDB, now: number, settings: Settings): Promise<TodayView> {
  const { start, end } = dayBounds(now);
  return db.transaction('r', db.people, db.touches, db.appointments, db.counters, async () => {
    const byFollowUp = () => db.people.where('nextFollowUpAt');
    const [
      overdueRows,
      dueRows,
      soonestRows,
      prospectRows,
      dueBeforeToday,
      dueCount,
      openAppts,
      createdToday,
      touchesToday,
      apptsToday,
      apptsSetToday,
    ] = await Promise.all([
      byFollowUp().below(start).limit(TODAY_LIST_LIMIT).toArray(),
      byFollowUp().between(start, end, true, false).limit(TODAY_LIST_LIMIT).toArray(),
      byFollowUp().below(end).limit(FOCUS_CANDIDATES).toArray(),
      db.people
        .where('[group+updatedAt]')
        .between(['prospect', Dexie.minKey], ['prospect', Dexie.maxKey])
        .reverse()
        .limit(FOCUS_CANDIDATES)
        .toArray(),
      // The due counters (counters.ts): a few rows each, not a walk over everyone due.
      countDueBefore(db, start),
      countDueBefore(db, end),
      // Signals read only open and missed appointments: one read for every candidate below.
      db.appointments.where('status').anyOf(['scheduled', 'missed']).toArray(),
      db.people.where('createdAt').between(start, end, true, false).toArray(),
      db.touches.where('at').between(start, end, true, false).toArray(),
      db.appointments.where('at').between(start, end, true, false).toArray(),
      db.appointments.where('createdAt').between(start, end, true, false).toArray(),
    ]);
    const overdueCount = dueBeforeToday;
    const candidates = new Map<string, Person>();
    for (const r of [...overdueRows, ...dueRows, ...soonestRows, ...prospectRows] as PersonRow[]) {
      if (!candidates.has(r.id)) candidates.set(r.id, fromRow(r));
    }
    const people = [...candidates.values()];
    const apptsByPerson = groupBy(
      openAppts.filter((a) => candidates.has(a.personId)).sort((a, b) => a.at - b.at),
      (a) => a.personId,
    );
    const withSignals = (p: Person): PersonWithSignals => ({
      person: p,
      signals: signalsOf(p, { now, appointments: apptsByPerson.get(p.id) ?? [] }),
    });
    const listed = (rows: PersonRow[]) => rows.map((r) => withSignals(candidates.get(r.id)!));
    const focus = focusList(people, now, apptsByPerson).slice(0, FOCUS_LIMIT);

    const apptPeople = new Map<string, string>();
    const apptIds = [...new Set(apptsToday.map((a) => a.personId))];
    for (const row of await db.people.bulkGet(apptIds)) if (row) apptPeople.set(row.id, row.name);

    return {
      overdue: listed(overdueRows),
      due: listed(dueRows),
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
      dueCount,
      overdueCount,
    };
  });
}
