import { CONVERSATION_KINDS, isFollowUp, isReply } from './touch';
import type { Appointment, PersonState, Touch } from './types';

export type PromotionReason =
  | 'replied_after_outreach'
  | 'appointment_set'
  | 'questions_after_exposure'
  | 'second_exposure_agreed'
  /** Set by the user ("they said yes to a talk"): no touch shows it, so it is never suggested automatically. */
  | 'positive_response';

export interface PromotionSuggestion {
  to: 'prospect';
  reason: PromotionReason;
}

/** When the person last became a lead: evidence from before a demotion has already been used. */
export function leadSince(person: PersonState): number {
  for (let i = person.stageHistory.length - 1; i >= 0; i--) {
    const h = person.stageHistory[i];
    if (h !== undefined && h.stage !== 'lead') return person.stageHistory[i + 1]?.at ?? -Infinity;
  }
  return -Infinity;
}

function wasProspectBefore(person: PersonState): boolean {
  return person.stageHistory.some((h) => h.stage !== 'lead');
}

/**
 * Suggests promoting a lead (docs/domain.md, "When a lead becomes a prospect"); the user confirms.
 * `touches` and `appointments` are this person's. The most specific reason wins.
 */
export function promotionSuggestion(
  person: PersonState,
  touches: Touch[],
  appointments: Appointment[],
): PromotionSuggestion | null {
  if (person.stage !== 'lead' || person.reachOut || person.market === 'non_market') return null;
  const since = leadSince(person);
  const recent = touches.filter((t) => t.at >= since).sort((a, b) => a.at - b.at);

  if (appointments.some((a) => a.status === 'scheduled' && (a.createdAt ?? a.at) >= since)) {
    return { to: 'prospect', reason: 'appointment_set' };
  }

  let sawExposure = false;
  let sawOutreach = false;
  let questionsAfterExposure = false;
  let repliedAfterOutreach = false;
  for (const t of recent) {
    if (t.kind === 'exposure' && t.direction === 'outbound') sawExposure = true;
    if (isFollowUp(t)) sawOutreach = true;
    if (isReply(t)) {
      if (sawExposure) questionsAfterExposure = true;
      if (sawOutreach && CONVERSATION_KINDS.has(t.kind)) repliedAfterOutreach = true;
    }
  }
  if (questionsAfterExposure) return { to: 'prospect', reason: 'questions_after_exposure' };

  const exposures = wasProspectBefore(person)
    ? recent.filter((t) => t.kind === 'exposure').length
    : person.exposures;
  if (exposures >= 2) return { to: 'prospect', reason: 'second_exposure_agreed' };
  if (repliedAfterOutreach) return { to: 'prospect', reason: 'replied_after_outreach' };
  return null;
}

/**
 * Whether promotionSuggestion can depend on the touches at all, so a caller can skip reading
 * them. Every reason drawn from touches but the exposure count needs a reply (isReply) after an
 * outbound touch (an exposure or a follow-up) since the person last became a lead, and the
 * exposure count is the person's own counter unless they were once more than a lead. So a lead
 * who was never anything else gets the same answer without their touches unless they have both
 * an outbound touch (lastOutboundAt) and a reply (lastInboundAt): most leads one writes to and
 * who have not answered yet read none, which keeps a feed's badge look-up fast.
 */
export function promotionNeedsTouches(person: PersonState): boolean {
  if (person.stage !== 'lead' || person.reachOut || person.market === 'non_market') return false;
  if (wasProspectBefore(person)) return true;
  return person.lastOutboundAt !== undefined && person.lastInboundAt !== undefined;
}

/** A prospect who cannot buy now goes back to being a lead. */
export function demotionTarget(person: PersonState): 'lead' | null {
  return person.stage === 'prospect' ? 'lead' : null;
}
