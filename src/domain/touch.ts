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

/**
 * What one visit to a DM thread may record for one person. A visit is the hour from the first
 * message recorded for them; within it at most MAX_DM_TOUCHES_PER_VISIT new messages are kept,
 * the newest first. Why 50: fifty new messages with one person in an hour is already a fast
 * live chat (one every 72 seconds), and the cadence reads only the newest of them (messages
 * sent in one sitting are one follow-up). Messages held back are not lost: their dedupe keys
 * are not taken, so a later visit records them if the thread still shows them. A page that
 * forges message rows therefore adds at most 50 touches an hour to anyone.
 */
export const DM_VISIT_MS = 60 * 60_000;
export const MAX_DM_TOUCHES_PER_VISIT = 50;
