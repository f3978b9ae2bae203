import { describe, expect, it } from 'vitest';
import { inQueue, queueKey, queueOrder, queueReason, replyWaitingSince } from '../../../src/domain/focus';
import { applyTouch, setDrip, setStage } from '../../../src/domain/person';
import type { Person } from '../../../src/domain/types';
import { S, T0, days, hours, inb, lead, out } from './helpers';

const yes = { need: true, desire: true, decisionMaker: true, initiative: true };
const named = (p: Person, name: string): Person => ({ ...p, name });
const names = (people: Person[], now: number) => queueOrder(people, now).map((p) => p.name);

describe("today's queue", () => {
  it('ready to decide first, then prospects with something due, then replies waiting, then leads by due date', () => {
    const now = days(3);
    const dueLead = named(lead(), 'Lead due'); // due days(2)
    const prospect = named(setStage(lead(), 'prospect', days(1), S), 'Prospect'); // due days(2)
    const ready = named({ ...setStage(lead(), 'prospect', days(2), S), qualification: yes }, 'Ready'); // due days(3)
    const replied = named(applyTouch(applyTouch(lead(), out(days(1)), S), inb(days(2)), S), 'Replied');
    expect(names([dueLead, replied, prospect, ready], now)).toEqual(['Ready', 'Prospect', 'Replied', 'Lead due']);
  });

  it('a lead 52 days late stays below a prospect about to decide', () => {
    const late = named(lead(), 'Late lead');
    const ready = named({ ...setStage(lead(), 'prospect', days(55), S), qualification: yes }, 'Ready');
    expect(names([late, ready], days(56))).toEqual(['Ready', 'Late lead']);
  });

  it('within a tier, whoever has waited longest comes first', () => {
    const now = days(20);
    const a = named(lead(), 'Zed'); // due days(2)
    const b = named(applyTouch(lead(), out(days(3)), S), 'Amy'); // due days(8)
    const c = named(lead(), 'Bea'); // due days(2)
    const order = names([b, a, c], now);
    expect(order[2]).toBe('Amy');
    expect(order.slice(0, 2).sort()).toEqual(['Bea', 'Zed']);
  });

  it('a next step that comes due brings a prospect in before the follow-up does', () => {
    const p = { ...setStage(lead(), 'prospect', T0, S), nextStep: { text: 'Call back', at: hours(3) } };
    const withLaterFollowUp = { ...p, nextFollowUpAt: days(5) };
    expect(inQueue(withLaterFollowUp, T0)).toBe(true);
    expect(queueReason(withLaterFollowUp, T0)).toEqual({ kind: 'next_step', at: hours(3), overdue: false });
    expect(queueReason(withLaterFollowUp, days(1))).toMatchObject({ kind: 'next_step', overdue: true });
  });

  it('a reply waiting puts the person in the queue at once, and your next message takes it out', () => {
    const wrote = applyTouch(lead(), out(days(1)), S);
    expect(replyWaitingSince(wrote)).toBeUndefined();
    const replied = applyTouch(wrote, inb(days(1) + 60_000), S);
    expect(replyWaitingSince(replied)).toBe(days(1) + 60_000);
    expect(queueKey(replied)).toEqual([2, days(1) + 60_000]);
    expect(queueReason(replied, days(1) + 120_000)).toEqual({ kind: 'replied', at: days(1) + 60_000 });
    const answered = applyTouch(replied, out(days(1) + 180_000), S);
    expect(replyWaitingSince(answered)).toBeUndefined();
    expect(inQueue(answered, days(1) + 200_000)).toBe(false);
  });

  it('a new commenter nobody has written to yet waits for the first follow-up date, not as a reply', () => {
    const fresh = applyTouch(lead(), inb(T0, { kind: 'comment' }), S);
    expect(replyWaitingSince(fresh)).toBeUndefined();
    expect(queueKey(fresh)?.[0]).toBe(3);
  });

  it('never shows people who said no, people on drip, suggestions or non-market contacts', () => {
    const no = setStage({ ...setStage(lead(), 'prospect', T0, S), qualification: yes }, 'not_interested', T0, S);
    expect(queueKey(no)).toBeUndefined();
    expect(queueKey(lead({ reachOut: true }))).toBeUndefined();
    expect(queueKey(setDrip(setStage(lead(), 'prospect', T0, S), true, T0, S))).toBeUndefined();
    expect(queueKey(lead({ market: 'non_market' }))).toBeUndefined();
    expect(queueOrder([no], days(30))).toEqual([]);
  });

  it('leads and customers that are not due yet are not in it', () => {
    expect(inQueue(lead(), days(1))).toBe(false);
    const c = setStage(lead(), 'customer', T0, S); // due days(1)
    expect(inQueue(c, T0)).toBe(false);
    expect(inQueue(c, days(1))).toBe(true);
    expect(queueKey(c)?.[0]).toBe(1);
  });

  it('only prospects can be ready to decide: a customer who once answered yes four times is warm, not first', () => {
    const c = { ...setStage(lead(), 'customer', T0, S), qualification: yes };
    expect(queueKey(c)?.[0]).toBe(1);
  });
});
