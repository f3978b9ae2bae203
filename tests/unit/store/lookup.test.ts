import { beforeEach, describe, expect, it } from 'vitest';
import { capture } from '../../../src/store/capture';
import type { HandraiserDB } from '../../../src/store/db';
import { badgeFor, logTouch, lookup, mergePeople, scheduleAppointment, setStage } from '../../../src/store/people';
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
