import { isDue, isOverdue } from './cadence';
import { QUALIFICATION_QUESTIONS, type Appointment, type PersonState, type Qualification } from './types';

/** What the product raises about one person (DOMAIN.md "Signals"). */
export interface Signals {
  followUpDue: boolean;
  overdue: boolean;
  /** 3+ outbound touches in a row with no reply, or a missed appointment since their last reply: suggest drip. */
  chasing: boolean;
  /**
   * "You forgot to close": a prospect after a conversation with nothing scheduled: no next
   * step (a step whose time passed counts until a reply after it), no appointment to come.
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
  // A step whose time has passed is overdue, not missing; it is used up once they reply after it.
  const step = person.nextStep;
  const hasNextStep = step !== undefined && (step.at === undefined || step.at >= now || step.at >= lastIn);
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
