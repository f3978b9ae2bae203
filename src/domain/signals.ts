import { isDue, isOverdue } from './cadence';
// The list from constants, not types: the popup reads these rules and must not load zod (types.ts builds zod schemas).
import { QUALIFICATION_QUESTIONS } from './constants';
import type { Appointment, PersonState, Qualification } from './types';

/** What the product raises about one person (docs/domain.md, "Signals"). */
export interface Signals {
  followUpDue: boolean;
  overdue: boolean;
  /** 3+ outbound touches in a row with no reply, or a missed appointment since their last reply: suggest drip. */
  chasing: boolean;
  /**
   * "You forgot to close": a prospect after a conversation with nothing scheduled: no next
   * step (one whose time has passed is still the next step, overdue), no appointment to come.
   */
  noNextStep: boolean;
  readyToDecide: boolean;
  onDrip: boolean;
  notInterested: boolean;
}

export const CHASING_STREAK = 3;

export function qualificationProgress(q: Qualification): { yes: number; answered: number; total: 4 } {
  let yes = 0;
  let answered = 0;
  for (const k of QUALIFICATION_QUESTIONS) {
    if (q[k] !== null) answered += 1;
    if (q[k] === true) yes += 1;
  }
  return { yes, answered, total: 4 };
}

export function isReadyToDecide(q: Qualification): boolean {
  return QUALIFICATION_QUESTIONS.every((k) => q[k] === true);
}

/** `appointments` are this person's (others' are ignored). */
export function signalsOf(person: PersonState, ctx: { now: number; appointments?: Appointment[] }): Signals {
  const { now } = ctx;
  const mine = (ctx.appointments ?? []).filter((a) => a.personId === person.id);
  const lastIn = person.lastInboundAt ?? -Infinity;
  const missedSinceReply = mine.some((a) => a.status === 'missed' && a.at > lastIn);
  // A step whose time has passed is overdue (today's queue says so), not missing: the user
  // marks it done, or sets the next one, when they take it.
  const hasNextStep = person.nextStep !== undefined;
  const hasAppointment = mine.some((a) => a.status === 'scheduled' && a.at >= now);
  return {
    followUpDue: isDue(person, now),
    overdue: isOverdue(person, now),
    chasing: person.outboundStreak >= CHASING_STREAK || missedSinceReply,
    noNextStep:
      person.stage === 'prospect' && person.lastInboundAt !== undefined && !hasNextStep && !hasAppointment,
    readyToDecide: isReadyToDecide(person.qualification),
    onDrip: person.onDrip,
    notInterested: person.stage === 'not_interested',
  };
}
