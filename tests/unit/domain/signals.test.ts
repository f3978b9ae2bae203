import { describe, expect, it } from 'vitest';
import { applyTouch, setStage } from '../../../src/domain/person';
import { qualificationProgress, signalsOf } from '../../../src/domain/signals';
import type { Appointment, Person, Touch } from '../../../src/domain/types';
import { S, T0, days, inb, lead, out } from './helpers';

const applyAll = (p: Person, ts: Touch[]) => ts.reduce((acc, t) => applyTouch(acc, t, S), p);
const prospect = () => setStage(lead(), 'prospect', T0, S);
const appt = (p: Person, over: Partial<Appointment>): Appointment => ({
  id: `a-${Math.random()}`,
  personId: p.id,
  at: days(5),
  kind: 'call',
  status: 'scheduled',
  ...over,
});
const yes = { need: true, desire: true, decisionMaker: true, initiative: true };

describe('chasing', () => {
  it('3 outbound touches in a row with no reply is chasing', () => {
    const p = applyAll(prospect(), [out(days(1)), out(days(4)), out(days(11))]);
    expect(signalsOf(p, { now: days(12) }).chasing).toBe(true);
  });

  it('2 outbound touches in a row is not chasing yet', () => {
    const p = applyAll(prospect(), [out(days(1)), out(days(4))]);
    expect(signalsOf(p, { now: days(5) }).chasing).toBe(false);
  });

  it('a reply ends the chase', () => {
    const p = applyAll(prospect(), [out(days(1)), out(days(4)), out(days(11)), inb(days(12))]);
    expect(signalsOf(p, { now: days(12) }).chasing).toBe(false);
  });

  it('a missed appointment is chasing', () => {
    const p = applyAll(prospect(), [inb(days(1))]);
    const missed = appt(p, { at: days(3), status: 'missed' });
    expect(signalsOf(p, { now: days(4), appointments: [missed] }).chasing).toBe(true);
  });

  it('a missed appointment followed by a reply is not chasing', () => {
    const p = applyAll(prospect(), [inb(days(4))]);
    const missed = appt(p, { at: days(3), status: 'missed' });
    expect(signalsOf(p, { now: days(5), appointments: [missed] }).chasing).toBe(false);
  });

  it("another person's missed appointment does not count", () => {
    const p = prospect();
    const missed = { ...appt(p, { at: days(3), status: 'missed' as const }), personId: 'someone-else' };
    expect(signalsOf(p, { now: days(4), appointments: [missed] }).chasing).toBe(false);
  });
});

describe('no next step', () => {
  const talked = () => applyAll(prospect(), [out(days(1)), inb(days(1) + 60_000)]);

  it('a prospect after a conversation with no scheduled callback or appointment has no next step', () => {
    expect(signalsOf(talked(), { now: days(2) }).noNextStep).toBe(true);
  });

  it('a future next step clears it', () => {
    const p = { ...talked(), nextStep: { text: 'call back', at: days(4) } };
    expect(signalsOf(p, { now: days(2) }).noNextStep).toBe(false);
  });

  it('a next step without a time clears it', () => {
    const p = { ...talked(), nextStep: { text: 'send the video' } };
    expect(signalsOf(p, { now: days(2) }).noNextStep).toBe(false);
  });

  it('a next step whose time has passed is still the next step (overdue), never "no next step" beside it', () => {
    const before = { ...talked(), nextStep: { text: 'call back', at: days(1) } };
    expect(signalsOf(before, { now: days(2) }).noNextStep).toBe(false);
    const after = { ...talked(), nextStep: { text: 'call back Thursday', at: days(1) + 3_600_000 } };
    expect(signalsOf(after, { now: days(3) }).noNextStep).toBe(false);
  });

  it('a scheduled appointment in the future clears it; a past or cancelled one does not', () => {
    const p = talked();
    expect(signalsOf(p, { now: days(2), appointments: [appt(p, { at: days(3) })] }).noNextStep).toBe(false);
    expect(signalsOf(p, { now: days(2), appointments: [appt(p, { at: days(1) })] }).noNextStep).toBe(true);
    expect(signalsOf(p, { now: days(2), appointments: [appt(p, { at: days(3), status: 'cancelled' })] }).noNextStep).toBe(true);
  });

  it('only prospects who had a conversation', () => {
    expect(signalsOf(prospect(), { now: days(2) }).noNextStep).toBe(false);
    const l = applyAll(lead(), [out(days(1)), inb(days(1) + 60_000)]);
    expect(signalsOf(l, { now: days(2) }).noNextStep).toBe(false);
  });
});

describe('qualification', () => {
  it('all four qualification answers yes is ready to decide', () => {
    expect(signalsOf({ ...prospect(), qualification: yes }, { now: T0 }).readyToDecide).toBe(true);
  });

  it('three yes and one unanswered or no is not ready to decide', () => {
    expect(signalsOf({ ...prospect(), qualification: { ...yes, initiative: null } }, { now: T0 }).readyToDecide).toBe(false);
    expect(signalsOf({ ...prospect(), qualification: { ...yes, need: false } }, { now: T0 }).readyToDecide).toBe(false);
  });

  it('qualificationProgress counts yes and answered out of 4', () => {
    expect(qualificationProgress({ need: true, desire: false, decisionMaker: null, initiative: true })).toEqual({
      yes: 2,
      answered: 3,
      total: 4,
    });
    expect(qualificationProgress({ need: null, desire: null, decisionMaker: null, initiative: null })).toEqual({
      yes: 0,
      answered: 0,
      total: 4,
    });
  });
});

describe('other signals', () => {
  it('follow-up due and overdue follow the cadence', () => {
    const p = lead();
    expect(signalsOf(p, { now: days(1) })).toMatchObject({ followUpDue: false, overdue: false });
    expect(signalsOf(p, { now: days(2) })).toMatchObject({ followUpDue: true, overdue: false });
    expect(signalsOf(p, { now: days(3) })).toMatchObject({ followUpDue: true, overdue: true });
  });

  it('on drip and not interested are flagged, and never due', () => {
    const dripped = applyAll(lead(), [out(days(2)), out(days(7))]);
    expect(signalsOf(dripped, { now: days(30) })).toMatchObject({ onDrip: true, followUpDue: false });
    const no = setStage(lead(), 'not_interested', T0, S);
    expect(signalsOf(no, { now: days(30) })).toMatchObject({ notInterested: true, followUpDue: false, overdue: false });
  });
});
