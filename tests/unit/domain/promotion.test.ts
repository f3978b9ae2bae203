import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTouch, setStage } from '../../../src/domain/person';
import { demotionTarget, promotionNeedsTouches, promotionSuggestion } from '../../../src/domain/promotion';
import type { Appointment, Person, Touch } from '../../../src/domain/types';
import { S, T0, days, inb, lead, out, touch } from './helpers';

const appt = (p: Person, over: Partial<Appointment> = {}): Appointment => ({
  id: 'a1',
  personId: p.id,
  at: days(5),
  kind: 'video_call',
  status: 'scheduled',
  createdAt: days(1),
  ...over,
});
const withTouches = (p: Person, ts: Touch[]) => ts.reduce((acc, t) => applyTouch(acc, t, S), p);

describe('when a lead becomes a prospect', () => {
  it('they replied to your outreach in a DM thread: suggest prospect', () => {
    const ts = [out(days(1)), inb(days(2))];
    expect(promotionSuggestion(withTouches(lead(), ts), ts, [])).toEqual({ to: 'prospect', reason: 'replied_after_outreach' });
  });

  it('a reply before any outreach is not a reply to your outreach', () => {
    const ts = [inb(days(1)), out(days(2))];
    expect(promotionSuggestion(withTouches(lead(), ts), ts, [])).toBeNull();
  });

  it('a returned phone call after a message counts', () => {
    const ts = [out(days(1)), inb(days(2), { kind: 'call', channel: 'phone' })];
    expect(promotionSuggestion(lead(), ts, [])?.reason).toBe('replied_after_outreach');
  });

  it('a comment back on a post is not yet a two-way exchange', () => {
    const ts = [out(days(1), { kind: 'comment' }), inb(days(2), { kind: 'comment' })];
    expect(promotionSuggestion(lead(), ts, [])).toBeNull();
  });

  it('they agreed to a meeting, call or video call with a time: suggest prospect', () => {
    const p = lead();
    expect(promotionSuggestion(p, [], [appt(p)])).toEqual({ to: 'prospect', reason: 'appointment_set' });
    expect(promotionSuggestion(p, [], [appt(p, { status: 'cancelled' })])).toBeNull();
  });

  it('they came back with questions after an exposure: suggest prospect', () => {
    const ts = [out(days(1), { kind: 'exposure', channel: 'video' }), inb(days(2))];
    expect(promotionSuggestion(withTouches(lead(), ts), ts, [])?.reason).toBe('questions_after_exposure');
  });

  it('they agreed to a second exposure: suggest prospect', () => {
    const ts = [out(days(1), { kind: 'exposure' }), out(days(4), { kind: 'exposure' })];
    const p = withTouches(lead(), ts);
    expect(p.exposures).toBe(2);
    expect(promotionSuggestion(p, ts, [])?.reason).toBe('second_exposure_agreed');
  });

  it('one exposure and no reply is not enough', () => {
    const ts = [out(days(1), { kind: 'exposure' })];
    expect(promotionSuggestion(withTouches(lead(), ts), ts, [])).toBeNull();
  });

  it('only leads are suggested, never suggestions, prospects or people who said no', () => {
    const ts = [out(days(1)), inb(days(2))];
    expect(promotionSuggestion(lead({ reachOut: true }), ts, [])).toBeNull();
    expect(promotionSuggestion(setStage(lead(), 'prospect', T0, S), ts, [])).toBeNull();
    expect(promotionSuggestion(setStage(lead(), 'not_interested', T0, S), ts, [])).toBeNull();
  });

  it('after a demotion, only what happened since counts', () => {
    const old = [out(days(1)), inb(days(2)), out(days(3), { kind: 'exposure' }), out(days(4), { kind: 'exposure' })];
    let p = withTouches(lead(), old);
    p = setStage(p, 'prospect', days(2), S);
    p = setStage(p, 'lead', days(10), S);
    expect(promotionSuggestion(p, old, [])).toBeNull();
    const fresh = [...old, out(days(12)), inb(days(13))];
    expect(promotionSuggestion(p, fresh, [])?.reason).toBe('replied_after_outreach');
  });
});

describe('demotion', () => {
  it('a prospect who cannot buy now goes back to being a lead', () => {
    expect(demotionTarget(setStage(lead(), 'prospect', T0, S))).toBe('lead');
    expect(demotionTarget(lead())).toBeNull();
    expect(demotionTarget(setStage(lead(), 'customer', T0, S))).toBeNull();
  });
});

describe('promotionNeedsTouches: when the badge may skip reading touches', () => {
  const KINDS = ['message', 'comment', 'like', 'exposure', 'call', 'meeting', 'hand_raise_like'] as const;
  const touchArb = fc.record({
    day: fc.integer({ min: 0, max: 30 }),
    direction: fc.constantFrom('inbound' as const, 'outbound' as const),
    kind: fc.constantFrom(...KINDS),
  });
  const stepArb = fc.oneof(
    { weight: 5, arbitrary: touchArb.map((t) => ({ touch: t })) },
    { weight: 1, arbitrary: fc.constantFrom('prospect' as const, 'lead' as const, 'customer' as const).map((stage) => ({ stage })) },
  );

  it('whenever it says no, the suggestion without touches is the suggestion with them', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 12 }), fc.boolean(), (steps, withAppt) => {
        let p = lead();
        const ts: Touch[] = [];
        steps.forEach((s, i) => {
          if ('touch' in s) {
            const t = touch({ at: days(s.touch.day) + i, personId: p.id, direction: s.touch.direction, kind: s.touch.kind });
            ts.push(t);
            p = applyTouch(p, t, S);
          } else p = setStage(p, s.stage, days(15) + i, S);
        });
        const appts = withAppt ? [appt(p)] : [];
        if (!promotionNeedsTouches(p)) expect(promotionSuggestion(p, [], appts)).toEqual(promotionSuggestion(p, ts, appts));
      }),
      { numRuns: 2000 },
    );
  });

  it('a lead captured from comments, never contacted, needs no touches; one you wrote to does', () => {
    const commented = withTouches(lead(), [inb(days(1), { kind: 'comment' }), inb(days(2), { kind: 'comment' })]);
    expect(promotionNeedsTouches(commented)).toBe(false);
    expect(promotionNeedsTouches(withTouches(commented, [out(days(3))]))).toBe(true);
    expect(promotionNeedsTouches(setStage(setStage(commented, 'prospect', days(4), S), 'lead', days(5), S))).toBe(true);
  });

  it('a lead you wrote to who has not answered needs no touches; once they reply, they do', () => {
    const waiting = withTouches(lead(), [out(days(1)), out(days(4), { kind: 'exposure' })]);
    expect(promotionNeedsTouches(waiting)).toBe(false);
    expect(promotionSuggestion(waiting, [], [])).toBeNull();
    const replied = withTouches(waiting, [inb(days(5))]);
    expect(promotionNeedsTouches(replied)).toBe(true);
    expect(promotionSuggestion(replied, [], [])).toBeNull();
    expect(promotionSuggestion(replied, [out(days(1)), out(days(4), { kind: 'exposure' }), inb(days(5))], [])?.reason).toBe('questions_after_exposure');
  });
});
