import { dayBounds } from './time';
import { CONVERSATION_KINDS, isFollowUp } from './touch';
import type { Appointment, Person, Touch } from './types';

export { dayBounds };

export interface DailyCounts {
  newLeads: number;
  followUps: number;
  exposures: number;
  appointmentsSet: number;
  /** Distinct people the user talked to today (message, call, meeting): the daily goal's "new conversations". */
  conversations: number;
  goal: number;
}

/**
 * Today's numbers (local day). Follow-ups count people followed up, not messages:
 * three messages to one person in one sitting are one follow-up, as in the cadence.
 */
export function dailyCounts(input: {
  people: Person[];
  touches: Touch[];
  appointments: Appointment[];
  now: number;
  goal: number;
}): DailyCounts {
  const { start, end } = dayBounds(input.now);
  const today = (t: number | undefined) => t !== undefined && t >= start && t < end;
  const followedUp = new Set<string>();
  const talkedTo = new Set<string>();
  let exposures = 0;
  for (const t of input.touches) {
    if (!today(t.at)) continue;
    if (isFollowUp(t)) followedUp.add(t.personId);
    if (t.direction === 'outbound' && CONVERSATION_KINDS.has(t.kind)) talkedTo.add(t.personId);
    if (t.kind === 'exposure') exposures += 1;
  }
  return {
    newLeads: input.people.filter((p) => today(p.createdAt) && !p.reachOut && p.market === 'market').length,
    followUps: followedUp.size,
    exposures,
    appointmentsSet: input.appointments.filter((a) => today(a.createdAt) && a.status !== 'cancelled').length,
    conversations: talkedTo.size,
    goal: input.goal,
  };
}
