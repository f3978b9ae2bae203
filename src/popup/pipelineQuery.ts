/** Turns the pipeline screen's choices into a `pipeline` request. Pure, so it is tested alone. */
import { STAGES } from '../domain/constants';
import type { Site, SourceKind, Stage } from '../domain/types';
import type { GroupTotalsView, Req, SignalName } from '../messages/contract';

/** The groups the pipeline shows: the stages, with drip and suggestions kept apart. */
export const GROUPS = ['all', 'lead', 'prospect', 'customer', 'team_member', 'drip', 'not_interested', 'reach_out'] as const;
export type Group = (typeof GROUPS)[number];

export const FILTER_SIGNALS: readonly SignalName[] = ['chasing', 'noNextStep', 'readyToDecide', 'followUpDue', 'overdue'];

export interface PipelineChoice {
  group: Group;
  query: string;
  site?: Site;
  sourceKind?: SourceKind;
  signal?: SignalName;
}

export const PAGE_SIZE = 50;

export function pipelineRequest(c: PipelineChoice, offset = 0, limit = PAGE_SIZE): Req<'pipeline'> {
  const req: Req<'pipeline'> = { offset, limit };
  const g = c.group;
  if (g === 'drip') req.onDrip = true;
  else if (g === 'reach_out') req.reachOut = true;
  else if (g !== 'all') {
    req.stage = g;
    // Each request names one indexed group (store/pipeline queryGroup): a stage shows its
    // active people; drip people and suggestions have their own groups.
    if (g !== 'not_interested') {
      req.onDrip = false;
      req.reachOut = false;
    }
  }
  const q = c.query.trim().replace(/^@/, '');
  if (q) req.query = q.slice(0, 200);
  if (c.site) req.site = c.site;
  if (c.sourceKind) req.sourceKind = c.sourceKind;
  if (c.signal) req.signal = c.signal;
  return req;
}

/**
 * Chip totals: everyone is the sum of the stages; each other chip is its group's count. With a
 * search or filter (`filtered`: what matches in each group), every chip counts the matches.
 */
export function groupTotalsOf(
  counts: Partial<Record<Stage, number>>,
  groups: GroupTotalsView | undefined,
  filtered?: GroupTotalsView,
): Partial<Record<Group, number>> {
  if (filtered) {
    // The groups do not overlap: everyone who matches is in exactly one.
    const all = STAGES.reduce((sum, s) => sum + filtered.stages[s], 0) + filtered.onDrip + filtered.reachOut;
    return { ...groupTotalsOf(filtered.stages, filtered), all };
  }
  const totals: Partial<Record<Group, number>> = { all: STAGES.reduce((sum, s) => sum + (counts[s] ?? 0), 0) };
  if (!groups) return totals;
  for (const s of STAGES) totals[s] = groups.stages[s];
  totals.drip = groups.onDrip;
  totals.reach_out = groups.reachOut;
  return totals;
}
