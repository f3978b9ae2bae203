import { describe, expect, it } from 'vitest';
import { focusList, focusRank } from '../../../src/domain/focus';
import { applyTouch, setDrip, setStage } from '../../../src/domain/person';
import { signalsOf } from '../../../src/domain/signals';
import type { Person } from '../../../src/domain/types';
import { S, T0, days, lead, out } from './helpers';

const yes = { need: true, desire: true, decisionMaker: true, initiative: true };
const named = (p: Person, name: string): Person => ({ ...p, name });
const rank = (p: Person, now: number) => focusRank(p, signalsOf(p, { now }));

describe('focus list', () => {
  it('ready to decide first, then other prospects, then leads due for follow-up', () => {
    const now = days(3);
    const dueLead = named(lead(), 'Lead due');
    const prospect = named(setStage(lead(), 'prospect', days(2), S), 'Prospect');
    const ready = named({ ...setStage(lead(), 'prospect', days(2), S), qualification: yes }, 'Ready');
    expect(focusList([dueLead, prospect, ready], now).map((p) => p.name)).toEqual(['Ready', 'Prospect', 'Lead due']);
    expect([rank(ready, now), rank(prospect, now), rank(dueLead, now)]).toEqual([0, 1, 2]);
  });

  it('the focus list never shows people who said no', () => {
    const no = setStage({ ...setStage(lead(), 'prospect', T0, S), qualification: yes }, 'not_interested', T0, S);
    expect(rank(no, days(30))).toBeNull();
    expect(focusList([no], days(30))).toEqual([]);
  });

  it('leads that are not due, suggestions, people on drip and non-market contacts are not in it', () => {
    const now = days(1);
    expect(rank(lead(), now)).toBeNull();
    expect(rank(lead({ reachOut: true }), days(30))).toBeNull();
    expect(rank(setDrip(setStage(lead(), 'prospect', T0, S), true, T0, S), days(30))).toBeNull();
    expect(rank(lead({ market: 'non_market' }), days(30))).toBeNull();
  });

  it('customers and team members appear only with a follow-up due', () => {
    const c = setStage(lead(), 'customer', T0, S); // due days(1)
    expect(rank(c, T0)).toBeNull();
    expect(rank(c, days(1))).toBe(1);
    expect(rank(setStage(lead(), 'team_member', T0, S), days(1))).toBe(1);
  });

  it('within a rank, the earliest follow-up first, then by name', () => {
    const now = days(20);
    const a = named(lead(), 'Zed'); // due days(2)
    const b = named(applyTouch(lead(), out(days(3)), S), 'Amy'); // due days(8)
    const c = named(lead(), 'Bea'); // due days(2)
    expect(focusList([b, a, c], now).map((p) => p.name)).toEqual(['Bea', 'Zed', 'Amy']);
  });

  it('uses the appointments map for signals without dropping anyone', () => {
    const p = setStage(lead(), 'prospect', T0, S);
    const list = focusList([p], days(1), new Map([[p.id, [{ id: 'a', personId: p.id, at: days(2), kind: 'call', status: 'scheduled' }]]]));
    expect(list).toEqual([p]);
  });
});
