import { cadenceFor, nextFollowUpAt } from './cadence';
import { sameLocalDay } from './time';
import { isFollowUp, isReply } from './touch';
import {
  EMPTY_QUALIFICATION,
  LIMITS,
  type Identity,
  type Market,
  type NextStep,
  type Person,
  type Settings,
  type Source,
  type Stage,
  type StageChange,
  type Touch,
} from './types';

/** The state machine every screen shares. Every function is pure: it returns a new Person. */

export interface NewPersonInput {
  id: string;
  name: string;
  identity?: Identity;
  source: Source;
  now: number;
  /** A like on an ordinary post: kept as a "reach out" suggestion, not a lead, no cadence. */
  reachOut?: boolean;
  stage?: Stage;
  market?: Market;
}

const MAX_HISTORY = 500;

function withHistory(history: StageChange[], stage: Stage, at: number): StageChange[] {
  const next = [...history, { stage, at }];
  return next.length > MAX_HISTORY ? next.slice(next.length - MAX_HISTORY) : next;
}

/** Re-derives what follows from the rest: drip once the cadence is used up, and the next due date. */
export function recompute(person: Person, settings: Settings): Person {
  const cadence = cadenceFor(person, settings);
  const usedUp =
    cadence !== null && !person.reachOut && person.followUpsSinceInbound > 0 && person.followUpsSinceInbound >= cadence.length;
  const p: Person = usedUp && !person.onDrip ? { ...person, onDrip: true } : { ...person };
  const due = nextFollowUpAt(p, settings);
  if (due === undefined) delete p.nextFollowUpAt;
  else p.nextFollowUpAt = due;
  return p;
}

export function newPerson(input: NewPersonInput, settings: Settings): Person {
  const market = input.market ?? 'market';
  const reachOut = input.reachOut === true;
  // Non-market contacts are entered directly as contacts, never as leads; a suggestion is always a lead-to-be.
  let stage: Stage = reachOut ? 'lead' : (input.stage ?? (market === 'non_market' ? 'prospect' : 'lead'));
  if (market === 'non_market' && stage === 'lead') stage = 'prospect';
  const p: Person = {
    id: input.id,
    name: input.name.trim().slice(0, LIMITS.name),
    stage,
    market,
    reachOut,
    onDrip: false,
    identities: input.identity ? [input.identity] : [],
    sources: [input.source],
    qualification: { ...EMPTY_QUALIFICATION },
    exposures: 0,
    notes: '',
    stageHistory: [{ stage, at: input.now }],
    createdAt: input.now,
    updatedAt: input.now,
    followUpsSinceInbound: 0,
    outboundStreak: 0,
    cadenceFrom: input.now,
  };
  return recompute(p, settings);
}

/**
 * Logs one touch. Order-tolerant, because DM history is read back in whatever order the page
 * shows it: times only move forward (max), and a touch older than the last known reply
 * changes no counter.
 */
export function applyTouch(person: Person, touch: Touch, settings: Settings): Person {
  const p: Person = { ...person, updatedAt: Math.max(person.updatedAt, touch.at) };
  if (touch.nextStep) p.nextStep = { ...touch.nextStep };
  if (touch.kind === 'exposure') p.exposures = person.exposures + 1;

  const counts = isReply(touch) || isFollowUp(touch);
  if (counts) p.lastTouchAt = Math.max(person.lastTouchAt ?? touch.at, touch.at);

  const lastIn = person.lastInboundAt;
  if (isReply(touch)) {
    p.lastInboundAt = Math.max(lastIn ?? touch.at, touch.at);
    if (lastIn === undefined || touch.at >= lastIn) {
      // Any inbound reply resets the count and takes them off drip.
      p.followUpsSinceInbound = 0;
      p.outboundStreak = 0;
      p.onDrip = false;
    }
  } else if (isFollowUp(touch)) {
    const afterLastReply = lastIn === undefined || touch.at > lastIn;
    const lastOut = person.lastOutboundAt;
    // Several messages in one sitting are one follow-up, not a chase; a touch logged for a
    // day before the latest one (backdated) is not a new one either.
    const newFollowUp =
      afterLastReply &&
      (lastOut === undefined || (lastIn !== undefined && lastIn >= lastOut) || (touch.at > lastOut && !sameLocalDay(lastOut, touch.at)));
    p.lastOutboundAt = Math.max(lastOut ?? touch.at, touch.at);
    if (newFollowUp) {
      p.followUpsSinceInbound = person.followUpsSinceInbound + 1;
      p.outboundStreak = person.outboundStreak + 1;
    }
  }
  return recompute(p, settings);
}

/**
 * A stage change (always the user's decision, so reopening someone who said no is allowed):
 * a fresh cadence from `now`, off drip, no longer a suggestion.
 */
export function setStage(person: Person, stage: Stage, now: number, settings: Settings): Person {
  if (stage === person.stage && !person.reachOut) return person;
  const p: Person = {
    ...person,
    stage,
    stageHistory: stage === person.stage ? person.stageHistory : withHistory(person.stageHistory, stage, now),
    followUpsSinceInbound: 0,
    onDrip: false,
    reachOut: false,
    cadenceFrom: now,
    updatedAt: Math.max(person.updatedAt, now),
  };
  return recompute(p, settings);
}

/** On drip: no more personal reminders. Off drip: a fresh cadence from `now`. */
export function setDrip(person: Person, onDrip: boolean, now: number, settings: Settings): Person {
  if (onDrip === person.onDrip) return person;
  const p: Person = onDrip
    ? { ...person, onDrip: true }
    : { ...person, onDrip: false, followUpsSinceInbound: 0, outboundStreak: 0, cadenceFrom: now };
  p.updatedAt = Math.max(person.updatedAt, now);
  return recompute(p, settings);
}

/** Turns a "reach out" suggestion into a lead; the lead cadence starts now. */
export function captureAsLead(person: Person, now: number, settings: Settings): Person {
  if (!person.reachOut) return person;
  const p: Person = {
    ...person,
    reachOut: false,
    stage: 'lead',
    stageHistory: person.stage === 'lead' ? person.stageHistory : withHistory(person.stageHistory, 'lead', now),
    followUpsSinceInbound: 0,
    onDrip: false,
    cadenceFrom: now,
    updatedAt: Math.max(person.updatedAt, now),
  };
  return recompute(p, settings);
}

/** True when the cadence alone explains drip: every follow-up used up without a reply. */
function cadenceUsedUp(person: Person, settings: Settings): boolean {
  const cadence = cadenceFor(person, settings);
  return cadence !== null && !person.reachOut && person.followUpsSinceInbound > 0 && person.followUpsSinceInbound >= cadence.length;
}

/**
 * Rebuilds every counter that touches drive (last touch, last inbound and outbound, follow-ups
 * since the last reply, outbound streak, exposures, drip, next follow-up) by replaying
 * `touches` oldest first from a clean base. What the user set stays: stage, notes, next step,
 * and drip switched on by hand. The cadence restart that a later stage change, capture or
 * "off drip" made (cadenceFrom) is replayed at its time, so touches are taken in time order.
 */
export function replayTouches(person: Person, touches: readonly Touch[], settings: Settings): Person {
  const ordered = touches.map((t, i) => ({ t, i })).sort((a, b) => a.t.at - b.t.at || a.i - b.i);
  const cadenceFrom = person.cadenceFrom ?? person.createdAt;
  const dripByHand = person.onDrip && !cadenceUsedUp(person, settings);
  const {
    lastTouchAt: _lt,
    lastInboundAt: _li,
    lastOutboundAt: _lo,
    nextFollowUpAt: _nf,
    nextStep: _ns,
    ...rest
  } = person;
  let p: Person = { ...rest, followUpsSinceInbound: 0, outboundStreak: 0, exposures: 0, onDrip: false };
  // A new person starts clean; only a later restart (stage change, capture, off drip) is replayed.
  let restarted = cadenceFrom <= person.createdAt;
  const restart = () => {
    p = { ...p, followUpsSinceInbound: 0, onDrip: false };
    restarted = true;
  };
  for (const { t } of ordered) {
    if (!restarted && t.at >= cadenceFrom) restart();
    p = applyTouch(p, t, settings);
  }
  if (!restarted) restart();
  p = { ...p, updatedAt: person.updatedAt, onDrip: p.onDrip || dripByHand };
  if (person.nextStep) p.nextStep = person.nextStep;
  else delete p.nextStep;
  return recompute(p, settings);
}

const sameStep = (a: NextStep | undefined, b: NextStep | undefined) =>
  a !== undefined && b !== undefined && a.text === b.text && a.at === b.at;

/**
 * The person after `removed` is taken back: counters replayed from `remaining`. A next step
 * that came with the removed touch goes with it (the latest earlier one from a touch, if any).
 */
export function undoTouch(person: Person, removed: Touch, remaining: readonly Touch[], now: number, settings: Settings): Person {
  const p = replayTouches(person, remaining, settings);
  p.updatedAt = Math.max(person.updatedAt, now);
  if (removed.nextStep && sameStep(person.nextStep, removed.nextStep)) {
    let previous: Touch | undefined;
    for (const t of remaining) if (t.nextStep && (previous === undefined || t.at >= previous.at)) previous = t;
    if (previous?.nextStep) p.nextStep = { ...previous.nextStep };
    else delete p.nextStep;
  }
  return p;
}

/**
 * Turns a lead back into a "reach out" suggestion (undo of captureAsLead): no cadence, no drip.
 * Only a lead: a prospect or customer is never a suggestion.
 */
export function backToReachOut(person: Person, now: number, settings: Settings): Person {
  if (person.reachOut || person.stage !== 'lead') return person;
  return recompute({ ...person, reachOut: true, onDrip: false, updatedAt: Math.max(person.updatedAt, now) }, settings);
}
