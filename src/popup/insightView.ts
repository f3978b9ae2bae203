/**
 * Insight numbers. The full figures (conversion from stage history, median days in stage,
 * by source: domain/insight) need every person, so the background computes them for the
 * `insight` message; when that fails the popup estimates overall conversion from the stage
 * counts that one `pipeline` page already carries.
 */
import type { z } from 'zod';
import { STAGES } from '../domain/constants';
import type { Stage } from '../domain/types';
import type { ConversionSchema, Res } from '../messages/contract';

export type Conversion = z.infer<typeof ConversionSchema>;

/** The reply of the `insight` message (req: {}). */
export type InsightReply = Res<'insight'>;

export interface Estimate {
  conversion: Conversion;
  /** How many people are in each stage right now. */
  counts: Record<Stage, number>;
}

const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

/**
 * From today's stage counts only: who is at prospect or beyond, out of everyone who is or was
 * a lead (not interested included); of those, who closed. History-blind, so an estimate.
 */
export function estimateFromCounts(counts: Partial<Record<Stage, number>>): Estimate {
  const n = (s: Stage) => counts[s] ?? 0;
  const closed = n('customer') + n('team_member');
  const reached = n('prospect') + closed;
  const everyone = STAGES.reduce((sum, s) => sum + n(s), 0);
  return {
    conversion: {
      leads: everyone,
      prospects: reached,
      customersOrTeam: closed,
      leadToProspect: share(reached, everyone),
      prospectToClose: share(closed, reached),
    },
    counts: Object.fromEntries(STAGES.map((s) => [s, n(s)])) as Record<Stage, number>,
  };
}
