/**
 * What a known person's chip offers, as pure functions of their badge and the post they were seen
 * on: the chip's menu and its card's one-click actions. The core turns each entry into a
 * MenuItem with its label and action.
 */
import type { CaptureKind } from '../domain/capture';
import type { MenuAction } from './chip';
import type { TextKey } from './i18n';
import { PROMOTION_TEXT } from './status';
import type { Badge } from './wire';

export interface MenuEntry {
  action: MenuAction;
  label: TextKey;
  detail?: TextKey;
}

/**
 * "Capture as lead" is offered to a reach-out suggestion (it makes them a lead) and to a lead (a
 * new sighting, one more touch); anyone further along is past it.
 */
export function offersCapture(b: Badge): boolean {
  return b.reachOut || b.stage === 'lead';
}

/** An explicit capture: a like on a hand-raise post is a hand-raise, anything else a lead (docs/domain.md "How a person enters"). */
export function explicitCapture(surface: string, onHandRaisePost: boolean): Exclude<CaptureKind, 'reach_out'> {
  return surface === 'reaction' && onHandRaisePost ? 'hand_raise' : 'lead';
}

/**
 * The menu, most likely first: the suggested promotion with its reason; for a suggestion, making
 * them a lead; for a lead, promoting, then logging this sighting; then leaving them alone (or
 * reopening), the post's hand-raise mark when the post is known, and opening Handraiser.
 */
export function menuFor(b: Badge, post: { marked: boolean } | null): MenuEntry[] {
  const items: MenuEntry[] = [];
  if (b.promotion) items.push({ action: 'promote', label: 'promoteToProspect', detail: PROMOTION_TEXT[b.promotion.reason] });
  if (b.reachOut) items.push({ action: 'capture', label: 'captureAsLead' });
  else if (b.stage === 'lead') {
    if (!b.promotion) items.push({ action: 'promote', label: 'promoteToProspect' });
    items.push({ action: 'capture', label: 'captureAsLead' });
  }
  items.push(b.stage === 'not_interested' ? { action: 'reopen', label: 'reopen' } : { action: 'not-interested', label: 'notInterested' });
  if (post) items.push({ action: 'hand-raise', label: post.marked ? 'unmarkPost' : 'markPost' });
  items.push({ action: 'open', label: 'open' });
  return items;
}

/** The card's one-click actions; nothing for someone who said no (leave them alone). */
export function cardActionsFor(b: Badge): MenuEntry[] {
  if (b.stage === 'not_interested') return [];
  const items: MenuEntry[] = [{ action: 'log-touch', label: 'logTouch' }];
  if (b.stage === 'lead') items.push({ action: 'promote', label: 'promote' });
  items.push({ action: 'not-interested', label: 'notInterested' });
  return items;
}
