import type { Touch, TouchKind } from './types';

/** Likes are a glance, notes are the user's own memo: neither is a conversation. */
const NOT_CONVERSATION: ReadonlySet<TouchKind> = new Set(['like', 'hand_raise_like', 'note']);

/** An outbound touch that counts as a follow-up (drives the cadence, the streak and today's count). */
export function isFollowUp(touch: Pick<Touch, 'direction' | 'kind'>): boolean {
  return touch.direction === 'outbound' && !NOT_CONVERSATION.has(touch.kind);
}

/** An inbound touch that is a reply: it resets the follow-up count and takes the person off drip. */
export function isReply(touch: Pick<Touch, 'direction' | 'kind'>): boolean {
  return touch.direction === 'inbound' && !NOT_CONVERSATION.has(touch.kind);
}

/** Message, call or meeting: a real exchange (used for promotion and "new conversations"). */
export const CONVERSATION_KINDS: ReadonlySet<TouchKind> = new Set(['message', 'call', 'meeting']);
