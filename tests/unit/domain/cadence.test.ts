import { describe, expect, it } from 'vitest';
import { cadenceFor, DAY, isDue, isOverdue, nextFollowUpAt } from '../../../src/domain/cadence';
import { setDrip, setStage } from '../../../src/domain/person';
import { S, T0, days, hours, lead } from './helpers';

describe('cadenceFor', () => {
  it('leads follow the lead cadence, contacts the contact cadence', () => {
    expect(cadenceFor({ stage: 'lead', market: 'market' }, S)).toEqual([2, 5]);
    for (const stage of ['prospect', 'customer', 'team_member'] as const) {
      expect(cadenceFor({ stage, market: 'market' }, S)).toEqual([1, 3, 7, 14, 21, 30, 45, 60]);
    }
  });

  it('not interested and non-market people have no cadence', () => {
    expect(cadenceFor({ stage: 'not_interested', market: 'market' }, S)).toBeNull();
    expect(cadenceFor({ stage: 'prospect', market: 'non_market' }, S)).toBeNull();
  });
});

describe('nextFollowUpAt', () => {
  it('is the last touch plus the next spacing', () => {
    const p = { ...lead(), lastTouchAt: days(3), followUpsSinceInbound: 1 };
    expect(nextFollowUpAt(p, S)).toBe(days(8));
  });

  it('falls back to the creation time when there was no touch', () => {
    expect(nextFollowUpAt(lead(), S)).toBe(days(2));
  });

  it('is undefined once the cadence is used up, on drip, or for a suggestion', () => {
    expect(nextFollowUpAt({ ...lead(), followUpsSinceInbound: 2 }, S)).toBeUndefined();
    expect(nextFollowUpAt({ ...lead(), onDrip: true }, S)).toBeUndefined();
    expect(nextFollowUpAt({ ...lead(), reachOut: true }, S)).toBeUndefined();
  });

  it('uses calendar days: the local hour survives a daylight-saving change', () => {
    const check = () => {
      const base = new Date(2026, 2, 27, 10).getTime(); // EU clocks go forward on 29 March 2026
      const p = { ...lead(), createdAt: base, cadenceFrom: base };
      const due = new Date(nextFollowUpAt(p, S)!);
      expect(due.getHours()).toBe(10);
      expect(due.getDate()).toBe(29);
      const autumn = new Date(2026, 9, 24, 9, 30).getTime(); // back on 25 October 2026
      const q = { ...lead(), createdAt: autumn, cadenceFrom: autumn, followUpsSinceInbound: 1 };
      const due2 = new Date(nextFollowUpAt(q, S)!);
      expect([due2.getDate(), due2.getHours(), due2.getMinutes()]).toEqual([29, 9, 30]);
    };
    check(); // whatever zone the run uses
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Europe/Berlin';
      const shifted = new Date(2026, 2, 27, 10).getTimezoneOffset() !== new Date(2026, 2, 30, 10).getTimezoneOffset();
      check();
      // When the zone switch took effect, the spring gap is 47 hours, not 48.
      if (shifted) {
        const base = new Date(2026, 2, 27, 10).getTime();
        expect(nextFollowUpAt({ ...lead(), createdAt: base, cadenceFrom: base }, S)! - base).toBe(2 * DAY - 3_600_000);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('isDue / isOverdue', () => {
  it('a follow-up is due on its day, even before its hour', () => {
    const p = lead(); // due days(2) at 10:00
    expect(isDue(p, hours(-2, days(2)))).toBe(true);
    expect(isDue(p, days(1))).toBe(false);
    expect(isOverdue(p, days(2))).toBe(false);
  });

  it('a follow-up from an earlier day is overdue', () => {
    const p = lead();
    expect(isOverdue(p, days(3))).toBe(true);
    expect(isDue(p, days(3))).toBe(true);
  });

  it('a stale due date never reminds about someone on drip, not interested, or non-market', () => {
    const p = lead();
    expect(isDue({ ...p, onDrip: true }, days(5))).toBe(false);
    expect(isDue({ ...p, stage: 'not_interested' }, days(5))).toBe(false);
    expect(isDue({ ...p, market: 'non_market' }, days(5))).toBe(false);
    expect(isOverdue({ ...p, reachOut: true }, days(5))).toBe(false);
    expect(isDue(setDrip(setStage(p, 'prospect', T0, S), true, T0, S), days(9))).toBe(false);
  });
});
