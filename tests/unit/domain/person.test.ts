import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTouch, backToReachOut, captureAsLead, newPerson, recompute, replayTouches, setDrip, setStage, undoTouch } from '../../../src/domain/person';
import { Person, type Settings, type Touch } from '../../../src/domain/types';
import { S, T0, days, hours, inb, lead, out } from './helpers';

const applyAll = (p: Person, ts: Touch[], s: Settings = S) => ts.reduce((acc, t) => applyTouch(acc, t, s), p);

describe('how a person enters', () => {
  it('everyone in the target market is entered as a lead first, with the source recorded', () => {
    const source = { kind: 'comment' as const, at: T0, site: 'facebook' as const, contextUrl: 'https://www.facebook.com/groups/1/posts/2' };
    const p = newPerson({ id: 'a', name: '  Ann Lee ', source, now: T0 }, S);
    expect(p.stage).toBe('lead');
    expect(p.name).toBe('Ann Lee');
    expect(p.sources).toEqual([source]);
    expect(p.stageHistory).toEqual([{ stage: 'lead', at: T0 }]);
    expect(p.followUpsSinceInbound).toBe(0);
    expect(p.outboundStreak).toBe(0);
    expect(p.exposures).toBe(0);
    expect(Person.safeParse(p).success).toBe(true);
  });

  it('the first lead follow-up is due cadence[0] days after capture', () => {
    expect(lead().nextFollowUpAt).toBe(days(2));
    const custom = { ...S, cadence: { ...S.cadence, lead: [3, 4, 5] } };
    expect(lead({}, custom).nextFollowUpAt).toBe(days(3));
  });

  it('a like on an ordinary post is not a lead: a reach-out suggestion with no follow-up', () => {
    const p = lead({ reachOut: true, source: { kind: 'like', at: T0 } });
    expect(p.reachOut).toBe(true);
    expect(p.nextFollowUpAt).toBeUndefined();
  });

  it('a like on a hand-raise post is a lead', () => {
    const p = lead({ source: { kind: 'hand_raise_like', at: T0 } });
    expect(p.reachOut).toBe(false);
    expect(p.stage).toBe('lead');
    expect(p.nextFollowUpAt).toBe(days(2));
  });

  it('a referral keeps who referred them', () => {
    const p = lead({ source: { kind: 'referral', at: T0, referrer: 'Bob' } });
    expect(p.sources[0]?.referrer).toBe('Bob');
  });

  it('non-market contacts are entered directly as contacts, never as leads, and get no cadence', () => {
    const p = lead({ market: 'non_market' });
    expect(p.stage).not.toBe('lead');
    expect(p.nextFollowUpAt).toBeUndefined();
    expect(lead({ market: 'non_market', stage: 'lead' }).stage).toBe('prospect');
    expect(lead({ market: 'non_market', stage: 'customer' }).stage).toBe('customer');
  });

  it('captureAsLead turns a suggestion into a lead whose cadence starts at capture', () => {
    const s = lead({ reachOut: true });
    const p = captureAsLead(s, days(10), S);
    expect(p.reachOut).toBe(false);
    expect(p.stage).toBe('lead');
    expect(p.nextFollowUpAt).toBe(days(12));
    expect(s.reachOut).toBe(true);
    expect(captureAsLead(p, days(11), S)).toBe(p);
  });
});

describe('follow-up cadence', () => {
  it('leads get 2 follow-ups, then drip', () => {
    let p = lead();
    p = applyTouch(p, out(days(2)), S);
    expect(p.followUpsSinceInbound).toBe(1);
    expect(p.onDrip).toBe(false);
    expect(p.nextFollowUpAt).toBe(days(7));
    p = applyTouch(p, out(days(7)), S);
    expect(p.followUpsSinceInbound).toBe(2);
    expect(p.onDrip).toBe(true);
    expect(p.stage).toBe('lead');
    expect(p.nextFollowUpAt).toBeUndefined();
  });

  it('prospects, customers and team members get 8 follow-ups at 1, 3, 7, 14, 21, 30, 45, 60 days, then drip', () => {
    for (const stage of ['prospect', 'customer', 'team_member'] as const) {
      let p = setStage(lead(), stage, T0, S);
      let at = T0;
      const gaps: number[] = [];
      for (let i = 0; i < 8; i++) {
        expect(p.onDrip).toBe(false);
        const due = p.nextFollowUpAt!;
        gaps.push(Math.round((due - at) / 86_400_000));
        at = due;
        p = applyTouch(p, out(due), S);
      }
      expect(gaps).toEqual([1, 3, 7, 14, 21, 30, 45, 60]);
      expect(p.onDrip).toBe(true);
      expect(p.stage).toBe(stage);
      expect(p.nextFollowUpAt).toBeUndefined();
    }
  });

  it('the spacing counts from the previous touch, not from the due date', () => {
    let p = lead();
    p = applyTouch(p, out(days(4)), S); // late by two days
    expect(p.nextFollowUpAt).toBe(days(9));
  });

  it('any inbound reply resets the count', () => {
    let p = applyAll(lead(), [out(days(2)), inb(days(3))]);
    expect(p.followUpsSinceInbound).toBe(0);
    expect(p.outboundStreak).toBe(0);
    expect(p.lastInboundAt).toBe(days(3));
    expect(p.nextFollowUpAt).toBe(days(5));
    p = applyTouch(p, out(days(5)), S);
    expect(p.followUpsSinceInbound).toBe(1);
  });

  it('an inbound reply takes a person off drip', () => {
    const dripped = applyAll(lead(), [out(days(2)), out(days(7))]);
    expect(dripped.onDrip).toBe(true);
    const p = applyTouch(dripped, inb(days(30)), S);
    expect(p.onDrip).toBe(false);
    expect(p.nextFollowUpAt).toBe(days(32));
  });

  it('notes do not count as follow-ups, but their next step is kept', () => {
    const p = applyTouch(lead(), out(days(1), { kind: 'note', nextStep: { text: 'call Tuesday' } }), S);
    expect(p.followUpsSinceInbound).toBe(0);
    expect(p.lastTouchAt).toBeUndefined();
    expect(p.nextStep).toEqual({ text: 'call Tuesday' });
    expect(p.nextFollowUpAt).toBe(days(2));
  });

  it('likes are not conversations: they neither count as follow-ups nor reset the count', () => {
    let p = applyTouch(lead(), out(days(2)), S);
    p = applyTouch(p, inb(days(3), { kind: 'like' }), S);
    expect(p.followUpsSinceInbound).toBe(1);
    expect(p.lastInboundAt).toBeUndefined();
    p = applyTouch(p, out(days(4), { kind: 'like' }), S);
    expect(p.followUpsSinceInbound).toBe(1);
  });

  it('several messages sent the same day count as one follow-up', () => {
    const p = applyAll(lead(), [out(days(2)), out(hours(1, days(2))), out(hours(2, days(2)), { kind: 'call', channel: 'phone' })]);
    expect(p.followUpsSinceInbound).toBe(1);
    expect(p.outboundStreak).toBe(1);
    expect(p.onDrip).toBe(false);
  });

  it('a reply between two messages on the same day makes the second one count', () => {
    const p = applyAll(lead(), [out(days(2)), inb(hours(1, days(2))), out(hours(2, days(2)))]);
    expect(p.followUpsSinceInbound).toBe(1);
  });

  it('outbound exposures, calls, meetings and comments are follow-ups; exposures are counted', () => {
    const p = applyAll(setStage(lead(), 'prospect', T0, S), [
      out(days(1), { kind: 'exposure', channel: 'video' }),
      out(days(2), { kind: 'call', channel: 'phone' }),
      out(days(3), { kind: 'meeting', channel: 'in_person' }),
      out(days(4), { kind: 'comment' }),
    ]);
    expect(p.followUpsSinceInbound).toBe(4);
    expect(p.exposures).toBe(1);
  });

  it('touch.nextStep sets the next step', () => {
    const p = applyTouch(lead(), out(days(1), { nextStep: { text: 'send video', at: days(3) } }), S);
    expect(p.nextStep).toEqual({ text: 'send video', at: days(3) });
  });

  it('lastTouchAt only moves forward; an old message read back from history changes no counter', () => {
    let p = applyAll(lead(), [out(days(2)), inb(days(3))]);
    const before = p;
    p = applyTouch(p, out(days(1)), S); // older than the last reply
    expect(p.lastTouchAt).toBe(days(3));
    expect(p.followUpsSinceInbound).toBe(0);
    p = applyTouch(before, inb(days(1)), S);
    expect(p.lastInboundAt).toBe(days(3));
    expect(p.lastTouchAt).toBe(days(3));
  });

  it('applyTouch never mutates its input', () => {
    const p = lead();
    const frozen = JSON.stringify(p);
    applyTouch(p, out(days(2), { kind: 'exposure', nextStep: { text: 'x' } }), S);
    applyTouch(p, inb(days(2)), S);
    expect(JSON.stringify(p)).toBe(frozen);
  });

  it('every result is a valid Person (property)', () => {
    const arbTouch = fc.record({
      dayOffset: fc.integer({ min: 0, max: 200 }),
      direction: fc.constantFrom('inbound' as const, 'outbound' as const),
      kind: fc.constantFrom('comment' as const, 'like' as const, 'message' as const, 'call' as const, 'exposure' as const, 'note' as const),
    });
    fc.assert(
      fc.property(fc.array(arbTouch, { maxLength: 30 }), (ts) => {
        const p = applyAll(
          setStage(lead(), 'prospect', T0, S),
          ts.map((t) => out(days(t.dayOffset), { direction: t.direction, kind: t.kind })),
        );
        expect(Person.safeParse(p).success).toBe(true);
        if (p.onDrip) expect(p.nextFollowUpAt).toBeUndefined();
        expect(p.followUpsSinceInbound).toBeLessThanOrEqual(8);
      }),
    );
  });
});

describe('stages', () => {
  it('a stage change starts a fresh cadence from now and records the history', () => {
    const dripped = applyAll(lead(), [out(days(2)), out(days(7))]);
    const p = setStage(dripped, 'prospect', days(20), S);
    expect(p.stage).toBe('prospect');
    expect(p.onDrip).toBe(false);
    expect(p.followUpsSinceInbound).toBe(0);
    expect(p.nextFollowUpAt).toBe(days(21));
    expect(p.stageHistory).toEqual([
      { stage: 'lead', at: T0 },
      { stage: 'prospect', at: days(20) },
    ]);
  });

  it('not interested people never get a follow-up', () => {
    let p = setStage(lead(), 'not_interested', days(1), S);
    expect(p.nextFollowUpAt).toBeUndefined();
    p = applyAll(p, [out(days(3)), inb(days(4)), out(days(5))]);
    expect(p.nextFollowUpAt).toBeUndefined();
    expect(recompute(p, S).nextFollowUpAt).toBeUndefined();
  });

  it('the user can reopen someone who said no', () => {
    const p = setStage(setStage(lead(), 'not_interested', days(1), S), 'lead', days(5), S);
    expect(p.stage).toBe('lead');
    expect(p.nextFollowUpAt).toBe(days(7));
  });

  it('a prospect who cannot buy now goes back to being a lead, on the lead cadence', () => {
    const p = setStage(setStage(lead(), 'prospect', days(1), S), 'lead', days(3), S);
    expect(p.nextFollowUpAt).toBe(days(5));
    expect(p.stageHistory.map((h) => h.stage)).toEqual(['lead', 'prospect', 'lead']);
  });

  it('setting the same stage changes nothing', () => {
    const p = lead();
    expect(setStage(p, 'lead', days(3), S)).toBe(p);
  });

  it('a stage change clears a reach-out suggestion', () => {
    const p = setStage(lead({ reachOut: true }), 'prospect', days(1), S);
    expect(p.reachOut).toBe(false);
    expect(p.nextFollowUpAt).toBe(days(2));
  });
});

describe('drip', () => {
  it('on drip: no more personal reminders, the stage stays', () => {
    const p = setDrip(setStage(lead(), 'prospect', T0, S), true, days(1), S);
    expect(p.onDrip).toBe(true);
    expect(p.stage).toBe('prospect');
    expect(p.nextFollowUpAt).toBeUndefined();
  });

  it('off drip: a fresh cadence from now', () => {
    const dripped = applyAll(lead(), [out(days(2)), out(days(7))]);
    const p = setDrip(dripped, false, days(40), S);
    expect(p.onDrip).toBe(false);
    expect(p.followUpsSinceInbound).toBe(0);
    expect(p.nextFollowUpAt).toBe(days(42));
  });
});

describe('recompute after a settings change', () => {
  it('a new spacing moves the next follow-up', () => {
    const p = lead();
    expect(recompute(p, { ...S, cadence: { ...S.cadence, lead: [4, 5] } }).nextFollowUpAt).toBe(days(4));
  });

  it('a shorter cadence already used up puts the person on drip', () => {
    const p = applyAll(setStage(lead(), 'prospect', T0, S), [out(days(1)), out(days(4)), out(days(11))]);
    expect(p.onDrip).toBe(false);
    const q = recompute(p, { ...S, cadence: { ...S.cadence, contact: [1, 3] } });
    expect(q.onDrip).toBe(true);
    expect(q.nextFollowUpAt).toBeUndefined();
  });
});

describe('taking a touch back (replayTouches, undoTouch)', () => {
  const withoutUpdatedAt = ({ updatedAt: _u, ...rest }: Person) => rest;

  it('logging then deleting a touch gives back the same person, except updatedAt', () => {
    const arbTouch = fc.record({
      hourOffset: fc.integer({ min: 0, max: 24 * 90 }),
      direction: fc.constantFrom('inbound' as const, 'outbound' as const),
      kind: fc.constantFrom('comment' as const, 'like' as const, 'message' as const, 'call' as const, 'exposure' as const, 'note' as const),
    });
    fc.assert(
      fc.property(fc.array(arbTouch, { maxLength: 25 }), arbTouch, fc.constantFrom('lead' as const, 'prospect' as const), (raw, extra, stage) => {
        const toTouch = (r: typeof extra, i: number) =>
          (r.direction === 'inbound' ? inb : out)(hours(r.hourOffset), { id: `t${i}`, kind: r.kind });
        const ts = raw.map(toTouch).sort((a, b) => a.at - b.at);
        const before = applyAll(lead({ stage }), ts);
        const logged = { ...toTouch(extra, 999), nextStep: { text: 'call back' } };
        const after = { ...applyTouch(before, logged, S), nextStep: logged.nextStep };
        const undone = undoTouch(after, logged, ts, days(100), S);
        expect(withoutUpdatedAt(undone)).toEqual(withoutUpdatedAt(before));
        expect(undone.updatedAt).toBe(days(100));
        expect(Person.safeParse(undone).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('rebuilds drip, streak and exposures from what is left', () => {
    const ts = [out(days(2)), out(days(7), { kind: 'exposure' })];
    const dripped = applyAll(lead(), ts);
    expect(dripped.onDrip).toBe(true);
    const p = replayTouches(dripped, ts.slice(0, 1), S);
    expect(p).toMatchObject({ onDrip: false, followUpsSinceInbound: 1, outboundStreak: 1, exposures: 0, lastOutboundAt: days(2), nextFollowUpAt: days(7) });
    // Taking back the reply puts them back on drip.
    const reply = inb(days(8));
    const replied = applyTouch(dripped, reply, S);
    expect(replied.onDrip).toBe(false);
    const undone = undoTouch(replied, reply, ts, days(9), S);
    expect(undone).toMatchObject({ onDrip: true, followUpsSinceInbound: 2 });
    expect('lastInboundAt' in undone).toBe(false);
  });

  it('keeps what the user set: drip by hand, a next step of their own, the cadence restart of a stage change', () => {
    const t1 = out(days(1));
    let p = applyAll(lead(), [t1]);
    p = setStage(p, 'prospect', days(3), S);
    p = { ...setDrip(p, true, days(4), S), nextStep: { text: 'own step' } };
    const t2 = out(days(5));
    const logged = applyTouch(p, t2, S);
    const undone = undoTouch(logged, t2, [t1], days(6), S);
    expect(undone).toMatchObject({ onDrip: true, followUpsSinceInbound: 0, outboundStreak: 1, nextStep: { text: 'own step' }, stage: 'prospect' });
    // Off drip: the restart at the stage change, then no follow-up since.
    const active = replayTouches({ ...p, onDrip: false }, [t1], S);
    expect(active.followUpsSinceInbound).toBe(0);
    expect(active.nextFollowUpAt).toBe(days(4));
  });

  it('a next step that came with the removed touch goes back to the previous one', () => {
    const t1 = out(days(1), { nextStep: { text: 'first' } });
    const t2 = out(days(2), { nextStep: { text: 'second' } });
    const p = applyAll(lead(), [t1, t2]);
    expect(p.nextStep?.text).toBe('second');
    expect(undoTouch(p, t2, [t1], days(3), S).nextStep?.text).toBe('first');
    expect(undoTouch(applyAll(lead(), [t2]), t2, [], days(3), S).nextStep).toBeUndefined();
  });
});

describe('back to a "reach out" suggestion', () => {
  it('undoes captureAsLead for a lead, and only for a lead', () => {
    const s = lead({ reachOut: true });
    const l = captureAsLead(s, days(1), S);
    const back = backToReachOut(l, days(2), S);
    expect(back).toMatchObject({ reachOut: true, stage: 'lead', onDrip: false });
    expect(back.nextFollowUpAt).toBeUndefined();
    const prospect = setStage(l, 'prospect', days(3), S);
    expect(backToReachOut(prospect, days(4), S)).toBe(prospect);
    expect(backToReachOut(s, days(4), S)).toBe(s);
  });
});
