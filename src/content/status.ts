/** What a chip says about a person: the words of docs/domain.md ("The people"), in the extension's language. */
import { type TextKey, t } from './i18n';
import type { Badge } from './wire';

export interface StatusView {
  /** "unknown", "reach-out", "lead", "prospect", "customer", "team-member", "not-interested" (and the chip's own "pending", "saved"). */
  state: string;
  /** The whole status, for the label and tooltip: "Prospect · overdue". */
  text: string;
  /** What fits on the chip's face: "Prospect" (a due follow-up is drawn, not written). */
  face: string;
  muted: boolean;
  /** Follow-up due or overdue: drawn with an accent. */
  due: boolean;
}

const STAGE_TEXT: Record<Badge['stage'], TextKey> = {
  lead: 'lead',
  prospect: 'prospect',
  customer: 'customer',
  team_member: 'teamMember',
  not_interested: 'saidNo',
};

/**
 * `suggests`: for someone unknown, one click stores a "reach out" suggestion rather than a lead
 * (a like on an ordinary post, docs/domain.md "How a person enters"), and the button says so.
 */
export function statusOf(badge: Badge | null, suggests = false): StatusView {
  if (!badge) {
    const text = t(suggests ? 'unknownReachOut' : 'unknown');
    return { state: 'unknown', text, face: text, muted: false, due: false };
  }
  const s = badge.signals;
  if (badge.stage === 'not_interested' || s.notInterested) {
    return { state: 'not-interested', text: t('saidNo'), face: t('saidNo'), muted: true, due: false };
  }
  if (badge.reachOut) return { state: 'reach-out', text: t('reachOut'), face: t('reachOut'), muted: false, due: false };
  const state = badge.stage.replace('_', '-');
  if (badge.onDrip || s.onDrip) return { state, text: t('onDrip'), face: t('onDrip'), muted: true, due: false };
  const text = t(s.readyToDecide ? 'readyToDecide' : s.chasing ? 'chasing' : STAGE_TEXT[badge.stage]);
  const due = s.overdue || s.followUpDue;
  return { state, text: due ? t(s.overdue ? 'overdue' : 'due', text) : text, face: text, muted: false, due };
}

/** Why the extension suggests promoting a lead (docs/domain.md, "When a lead becomes a prospect"). */
export const PROMOTION_TEXT: Record<NonNullable<Badge['promotion']>['reason'], TextKey> = {
  replied_after_outreach: 'whyReplied',
  appointment_set: 'whyAppointment',
  questions_after_exposure: 'whyQuestions',
  second_exposure_agreed: 'whySecondExposure',
  positive_response: 'whyPositive',
};
