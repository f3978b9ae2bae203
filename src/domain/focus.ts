import { silenced } from './cadence';
import { isReadyToDecide } from './signals';
import { dayBounds } from './time';
import type { PersonState } from './types';

/**
 * Today's queue: who to message now, hottest first, each person once (DOMAIN.md "focus list").
 *  0 ready to decide: prospects who answered yes to all four questions;
 *  1 other prospects, customers and team members: a next step, a reply or a follow-up is due;
 *  2 leads whose reply is waiting for you (they answered your outreach);
 *  3 leads by follow-up date.
 * Within a tier, whoever has waited longest comes first. Nobody who said no, nobody on drip,
 * no suggestion and no non-market contact is ever in it.
 */
export const QUEUE_TIERS = ['ready', 'warm', 'replied', 'cold'] as const;
export type QueueTier = (typeof QUEUE_TIERS)[number];

/**
 * A queue position that does not depend on the clock: the tier, and the moment the person
 * becomes something to do (the earliest of the follow-up, the next step's time and the reply
 * waiting). Stored with the person and indexed (store/rows.ts), the queue of any day is the
 * range `[tier, before the end of today)` of each tier. Undefined: never in the queue.
 */
export type QueueKey = [tier: number, at: number];

/** They wrote after your last message: the reply is waiting for you, since then. */
export function replyWaitingSince(p: Pick<PersonState, 'lastInboundAt' | 'lastOutboundAt'>): number | undefined {
  if (p.lastInboundAt === undefined || p.lastOutboundAt === undefined) return undefined;
  return p.lastInboundAt > p.lastOutboundAt ? p.lastInboundAt : undefined;
}

export function queueKey(p: PersonState): QueueKey | undefined {
  if (silenced(p)) return undefined;
  const reply = replyWaitingSince(p);
  let at = Infinity;
  for (const t of [p.nextFollowUpAt, p.nextStep?.at, reply]) if (t !== undefined && t < at) at = t;
  if (at === Infinity) return undefined;
  if (p.stage === 'lead') return [reply !== undefined ? 2 : 3, at];
  return [p.stage === 'prospect' && isReadyToDecide(p.qualification) ? 0 : 1, at];
}

/** In the queue on the local day of `now`. */
export function inQueue(p: PersonState, now: number): boolean {
  const key = queueKey(p);
  return key !== undefined && key[1] < dayBounds(now).end;
}

/** Why the person is in the queue, for the row's one line: the reply first, then the step, then the follow-up. */
export type QueueReason =
  | { kind: 'replied'; at: number }
  | { kind: 'next_step'; at: number; overdue: boolean }
  | { kind: 'follow_up'; at: number; overdue: boolean };

export function queueReason(p: PersonState, now: number): QueueReason | undefined {
  if (!inQueue(p, now)) return undefined;
  const { start, end } = dayBounds(now);
  const reply = replyWaitingSince(p);
  if (reply !== undefined) return { kind: 'replied', at: reply };
  const step = p.nextStep?.at;
  if (step !== undefined && step < end) return { kind: 'next_step', at: step, overdue: step < start };
  const due = p.nextFollowUpAt;
  if (due !== undefined && due < end) return { kind: 'follow_up', at: due, overdue: due < start };
  return undefined;
}

/** The queue of `people` on the day of `now`, in order (the store reads the same order from its index). */
export function queueOrder<T extends PersonState>(people: readonly T[], now: number): T[] {
  const end = dayBounds(now).end;
  const keyed: { p: T; k: QueueKey }[] = [];
  for (const p of people) {
    const k = queueKey(p);
    if (k && k[1] < end) keyed.push({ p, k });
  }
  keyed.sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0));
  return keyed.map((x) => x.p);
}
