/** What a chip says about a person: the words of DOMAIN.md, shortest first. */
import type { Badge } from './wire';

export interface StatusView {
  /** data-state of the chip host: "unknown", "reach-out", "lead", "prospect", "customer", "team-member", "not-interested". */
  state: string;
  text: string;
  muted: boolean;
  /** Follow-up due or overdue: drawn with an accent. */
  due: boolean;
}

const STAGE_TEXT: Record<Badge['stage'], string> = {
  lead: 'Lead',
  prospect: 'Prospect',
  customer: 'Customer',
  team_member: 'Team member',
  not_interested: 'Said no',
};

export function statusOf(badge: Badge | null): StatusView {
  if (!badge) return { state: 'unknown', text: '+ Lead', muted: false, due: false };
  const s = badge.signals;
  if (badge.stage === 'not_interested' || s.notInterested) {
    return { state: 'not-interested', text: STAGE_TEXT.not_interested, muted: true, due: false };
  }
  if (badge.reachOut) return { state: 'reach-out', text: 'Reach out', muted: false, due: false };
  const state = badge.stage.replace('_', '-');
  if (badge.onDrip || s.onDrip) return { state, text: 'On drip', muted: true, due: false };
  let text = STAGE_TEXT[badge.stage];
  if (s.readyToDecide) text = 'Ready to decide';
  else if (s.chasing) text = 'Chasing';
  const suffix = s.overdue ? ' · overdue' : s.followUpDue ? ' · due' : '';
  return { state, text: text + suffix, muted: false, due: suffix !== '' };
}

/** Why the extension suggests promoting a lead (DOMAIN.md, "When a lead becomes a prospect"). */
export const PROMOTION_TEXT: Record<NonNullable<Badge['promotion']>['reason'], string> = {
  replied_after_outreach: 'They replied to your outreach',
  appointment_set: 'They agreed to a meeting or call',
  questions_after_exposure: 'They came back with questions',
  second_exposure_agreed: 'They agreed to another exposure',
  positive_response: 'They responded positively',
};
