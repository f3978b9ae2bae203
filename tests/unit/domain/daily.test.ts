import { describe, expect, it } from 'vitest';
import { dailyCounts, dayBounds } from '../../../src/domain/daily';
import type { Appointment } from '../../../src/domain/types';
import { T0, days, hours, inb, lead, out } from './helpers';

describe('daily routine', () => {
  it('dayBounds is the local day, end exclusive', () => {
    const { start, end } = dayBounds(T0);
    expect(new Date(start).getHours()).toBe(0);
    expect(new Date(start).getDate()).toBe(new Date(T0).getDate());
    expect(end).toBe(days(1, start));
    expect(start <= T0 && T0 < end).toBe(true);
  });

  it("today's counts: new leads, follow-ups, exposures, appointments set, conversations", () => {
    const now = T0;
    const ann = lead();
    const bob = lead();
    const old = lead({ now: days(-3) });
    const suggestion = lead({ reachOut: true });
    const contact = lead({ market: 'non_market' });
    const touches = [
      out(hours(1), { personId: ann.id }),
      out(hours(2), { personId: ann.id }), // same person, same day: one follow-up
      out(hours(3), { personId: bob.id, kind: 'call', channel: 'phone' }),
      out(hours(4), { personId: old.id, kind: 'exposure', channel: 'video' }),
      out(hours(5), { personId: old.id, kind: 'note' }),
      inb(hours(6), { personId: bob.id }),
      out(days(-1), { personId: old.id }), // yesterday
    ];
    const appt = (over: Partial<Appointment>): Appointment => ({ id: 'a', personId: ann.id, at: days(2), kind: 'call', status: 'scheduled', ...over });
    const appointments = [
      appt({ createdAt: hours(1) }),
      appt({ createdAt: hours(2), status: 'cancelled' }),
      appt({ createdAt: days(-1) }),
      appt({}),
    ];
    expect(
      dailyCounts({ people: [ann, bob, old, suggestion, contact], touches, appointments, now, goal: 8 }),
    ).toEqual({ newLeads: 2, followUps: 3, exposures: 1, appointmentsSet: 1, conversations: 2, goal: 8 });
  });

  it('a like on an ordinary post does not count as a new lead', () => {
    const c = dailyCounts({ people: [lead({ reachOut: true })], touches: [], appointments: [], now: T0, goal: 8 });
    expect(c.newLeads).toBe(0);
  });
});
