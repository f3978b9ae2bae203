import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { capture } from '../../../src/store/capture';
import type { HandraiserDB } from '../../../src/store/db';
import { badgeFor, logTouch, lookup, mergePeople, scheduleAppointment, setStage, updateAppointment } from '../../../src/store/people';
import { DAY, demoIdentity, freshDb, HOUR, NOON, settings } from './helpers';

let db: HandraiserDB;
beforeEach(async () => {
  db = await freshDb();
});

const lead = async (slug: string, as: 'lead' | 'reach_out' = 'lead') =>
  (await capture(db, { identity: demoIdentity(slug, slug), surface: 'comment', as, at: NOON }, settings)).person;

describe('lookup', () => {
  it('gives each requested key the same badge badgeFor gives its person, once per person, unknown keys left out', async () => {
    const ada = await lead('ada');
    const bea = await lead('bea');
    const cy = await lead('cy', 'reach_out');
    const dan = await lead('dan');
    // Ada answers twice and has a call: a lead with history (promotion is computed for leads only).
    for (const [i, direction] of (['outbound', 'inbound', 'inbound'] as const).entries()) {
      await logTouch(db, { personId: ada.id, direction, channel: 'demo', kind: 'message', at: NOON + i * HOUR }, settings);
    }
    await scheduleAppointment(db, { personId: ada.id, at: NOON + DAY, kind: 'call' }, NOON, settings);
    await setStage(db, dan.id, 'prospect', NOON, settings);
    // Bea owns two profiles.
    const beb = await lead('beb');
    await mergePeople(db, bea.id, beb.id, NOON, settings);

    const now = NOON + 2 * HOUR;
    const keys = ['demo:ada', 'demo:bea', 'demo:beb', 'demo:cy', 'demo:dan', 'demo:nobody', 'demo:ada'];
    const badges = await lookup(db, keys, now);
    expect([...badges.keys()].sort()).toEqual(['demo:ada', 'demo:bea', 'demo:beb', 'demo:cy', 'demo:dan']);
    expect(badges.get('demo:bea')).toBe(badges.get('demo:beb'));
    for (const [key, id] of [['demo:ada', ada.id], ['demo:bea', bea.id], ['demo:cy', cy.id], ['demo:dan', dan.id]] as const) {
      expect(badges.get(key)).toEqual(await badgeFor(db, id, now));
    }
    expect((await lookup(db, [], now)).size).toBe(0);
    expect((await lookup(db, ['demo:nobody'], now)).size).toBe(0);
  });
});

describe('lookup skips touches only where they cannot change the badge', () => {
  const step = fc.oneof(
    fc.record({
      touch: fc.record({
        who: fc.nat(3),
        direction: fc.constantFrom('inbound' as const, 'outbound' as const),
        kind: fc.constantFrom('message' as const, 'exposure' as const, 'comment' as const, 'call' as const),
      }),
    }),
    fc.record({ stage: fc.record({ who: fc.nat(3), to: fc.constantFrom('lead' as const, 'prospect' as const, 'customer' as const) }) }),
    fc.record({ appt: fc.record({ who: fc.nat(3), status: fc.constantFrom('scheduled' as const, 'missed' as const, 'kept' as const) }) }),
  );

  it('gives the badge badgeFor gives, after any history of touches, stage changes and appointments', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 14 }), async (steps) => {
        db = await freshDb();
        const people = [await lead('p0'), await lead('p1'), await lead('p2', 'reach_out'), await lead('p3')];
        let at = NOON;
        for (const s of steps) {
          at += HOUR;
          if ('touch' in s) {
            const { who, direction, kind } = s.touch;
            await logTouch(db, { personId: people[who]!.id, direction, channel: 'demo', kind, at }, settings);
          } else if ('stage' in s) {
            await setStage(db, people[s.stage.who]!.id, s.stage.to, at, settings);
          } else {
            const { appointment } = await scheduleAppointment(db, { personId: people[s.appt.who]!.id, at: at + DAY, kind: 'call' }, at, settings);
            if (s.appt.status !== 'scheduled') await updateAppointment(db, appointment.id, s.appt.status, at, settings);
          }
        }
        const now = at + 2 * DAY;
        const badges = await lookup(db, ['demo:p0', 'demo:p1', 'demo:p2', 'demo:p3'], now);
        for (const [i, p] of people.entries()) expect(badges.get(`demo:p${i}`)).toEqual(await badgeFor(db, p.id, now));
        db.close();
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
