/**
 * The workspace board's rules, pure so they are tested alone: its columns, and what moving a
 * card to a column means in the domain (docs/domain.md, "Stages and moving between them").
 */
import type { Person, Stage } from '../domain/types';
import type { Group } from '../popup/pipelineQuery';
import type { MessageKey } from '../ui/i18n';

/** A column per stage of the pipeline, then the folded ones: on drip, said no, suggestions. */
export const OPEN_COLUMNS = ['lead', 'prospect', 'customer', 'team_member'] as const;
export const FOLDED_COLUMNS = ['drip', 'not_interested', 'reach_out'] as const;
export const COLUMNS = [...OPEN_COLUMNS, ...FOLDED_COLUMNS] as const;
export type Column = (typeof COLUMNS)[number] & Group;

/** Cards per column page: the first paint reads one page of each column, whatever the size. */
export const BOARD_PAGE = 30;

export type MovePlan =
  | { kind: 'none' }
  | { kind: 'refuse'; why: MessageKey }
  | { kind: 'drip' }
  /** asksWhy: a lead becoming a prospect, which the user confirms with a reason (unless a rule gives one). */
  | { kind: 'stage'; stage: Stage; asksWhy: boolean };

/** The column a person's card is in (store/rows groupOf: said no wins, then suggestion, then drip). */
export function columnOf(p: Pick<Person, 'stage' | 'reachOut' | 'onDrip'>): Column {
  if (p.stage === 'not_interested') return 'not_interested';
  if (p.reachOut) return 'reach_out';
  if (p.onDrip) return 'drip';
  return p.stage;
}

/**
 * What dropping a person on a column does. A stage column is a stage change (setStage: a fresh
 * cadence, drip and suggestion cleared; "not interested" schedules nothing, ever). The drip
 * column puts them on drip, their stage kept; someone who said no has no reminders to stop. A
 * suggestion is what a like on an ordinary post makes, so no move makes one.
 */
export function planMove(p: Pick<Person, 'stage' | 'reachOut' | 'onDrip'>, to: Column): MovePlan {
  if (columnOf(p) === to) return { kind: 'none' };
  if (to === 'reach_out') return { kind: 'refuse', why: 'noMoveToSuggestions' };
  if (to === 'drip') return p.stage === 'not_interested' ? { kind: 'refuse', why: 'noDripForNotInterested' } : { kind: 'drip' };
  return { kind: 'stage', stage: to, asksWhy: p.stage === 'lead' && to === 'prospect' };
}
