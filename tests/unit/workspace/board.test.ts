import { describe, expect, it } from 'vitest';
import { columnOf, planMove } from '../../../src/workspace/board';

const lead = { stage: 'lead', reachOut: false, onDrip: false } as const;

describe('the board: moving a card follows the domain', () => {
  it('a card sits in its group: said no wins, then suggestion, then drip, else the stage', () => {
    expect(columnOf(lead)).toBe('lead');
    expect(columnOf({ ...lead, onDrip: true })).toBe('drip');
    expect(columnOf({ ...lead, reachOut: true })).toBe('reach_out');
    expect(columnOf({ stage: 'not_interested', reachOut: false, onDrip: true })).toBe('not_interested');
  });

  it('a lead moved to prospect asks why; other stage moves do not', () => {
    expect(planMove(lead, 'prospect')).toEqual({ kind: 'stage', stage: 'prospect', asksWhy: true });
    expect(planMove({ ...lead, reachOut: true }, 'prospect')).toEqual({ kind: 'stage', stage: 'prospect', asksWhy: true });
    expect(planMove({ ...lead, stage: 'prospect' }, 'customer')).toEqual({ kind: 'stage', stage: 'customer', asksWhy: false });
    expect(planMove({ ...lead, stage: 'prospect' }, 'lead')).toEqual({ kind: 'stage', stage: 'lead', asksWhy: false });
  });

  it('not interested is a stage change (no reminder, ever); drip keeps the stage', () => {
    expect(planMove(lead, 'not_interested')).toEqual({ kind: 'stage', stage: 'not_interested', asksWhy: false });
    expect(planMove({ ...lead, stage: 'customer' }, 'drip')).toEqual({ kind: 'drip' });
    expect(planMove({ ...lead, onDrip: true }, 'lead')).toEqual({ kind: 'stage', stage: 'lead', asksWhy: false });
  });

  it('refuses what no user decision makes: drip for someone who said no, a suggestion by hand; the same column is nothing', () => {
    expect(planMove({ ...lead, stage: 'not_interested' }, 'drip')).toEqual({ kind: 'refuse', why: 'noDripForNotInterested' });
    expect(planMove(lead, 'reach_out')).toEqual({ kind: 'refuse', why: 'noMoveToSuggestions' });
    expect(planMove(lead, 'lead')).toEqual({ kind: 'none' });
  });
});
