/**
 * docs/domain.md, "How a person enters": a like on an ordinary post is not a lead, it is
 * someone you might reach out to; a like on a hand-raise post is a lead. Shared by the
 * background (what a one-click capture stores) and the content script (what the button says
 * it will store).
 * No runtime imports: the content script's bundle includes this file.
 */
import type { Surface } from './types';

export type CaptureKind = 'lead' | 'reach_out' | 'hand_raise';

/** What one click on someone not yet known stores, from where they showed up. */
export function oneClickCapture(surface: Surface, onHandRaisePost: boolean): CaptureKind {
  if (surface !== 'reaction') return 'lead';
  return onHandRaisePost ? 'hand_raise' : 'reach_out';
}
