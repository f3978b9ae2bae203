/**
 * Check 3: export → import into an EMPTY database → export gives the same backup (ignoring
 * exportedAt), for random pipelines built through the real router and store: captures on
 * every site, touches, stage changes, qualification, unicode notes (lone surrogates too),
 * appointments, merges (several identities), DMs, hand-raise posts and cadence settings.
 * The backup travels as JSON text in between, as a file would.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/domain/types';
import type { Backup } from '../../../src/messages/contract';
import { NOON, DAY } from '../store/helpers';
import { harness } from './helpers';
import { opArb, pipeline } from './pipelines';

/** The backup without its time and settings (an import never applies a file's settings). */
function withoutTime(b: Backup): Omit<Backup, 'exportedAt' | 'settings'> {
  const { exportedAt: _t, settings: _s, ...rest } = b;
  return JSON.parse(JSON.stringify(rest)) as Omit<Backup, 'exportedAt' | 'settings'>;
}

describe('backup round trip', () => {
  it('export → import into an empty database → export is the same backup', async () => {
    // The property is only worth something if the pipelines were rich: counted across runs.
    const seen = { people: 0, touches: 0, appointments: 0, multiIdentity: 0, notes: 0, posts: 0, qualified: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), async (ops) => {
        const source = await pipeline(ops);

        const first = (await source.ok<{ backup: Backup }>('exportJson', {})).backup;
        const file = JSON.stringify(first);
        seen.people += first.people.length;
        seen.touches += first.touches.length;
        seen.appointments += first.appointments.length;
        seen.posts += first.handRaisePosts.length;
        seen.multiIdentity += first.people.filter((p) => p.identities.length > 1).length;
        seen.notes += first.people.filter((p) => p.notes.length > 0).length;
        seen.qualified += first.people.filter((p) => Object.values(p.qualification).some((v) => v !== null)).length;

        const target = await harness(NOON + 400 * DAY);
        const imported = await target.send('importJson', { data: JSON.parse(file) });
        expect(imported.ok, JSON.stringify(imported).slice(0, 500)).toBe(true);
        const second = (await target.ok<{ backup: Backup }>('exportJson', {})).backup;
        expect(withoutTime(second)).toEqual(withoutTime(first));
        expect(second.settings).toEqual(DEFAULT_SETTINGS);
        expect(imported.ok && imported.data).toMatchObject({ summary: { people: first.people.length, merged: 0, touches: first.touches.length, appointments: first.appointments.length } });
        source.db.close();
        target.db.close();
      }),
      { numRuns: 30 },
    );
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  }, 300_000);
});
