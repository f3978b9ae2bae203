import { describe, expect, it } from 'vitest';
import { oneClickCapture } from '../../../src/domain/capture';
import { SURFACES } from '../../../src/domain/constants';

describe('How a person enters (the hand-raise)', () => {
  it('a like on an ordinary post is not a lead: someone you might reach out to', () => {
    expect(oneClickCapture('reaction', false)).toBe('reach_out');
  });

  it('a like on a hand-raise post is a lead, from a hand-raise like', () => {
    expect(oneClickCapture('reaction', true)).toBe('hand_raise');
  });

  it('a comment, a message or any other way in is a lead, whatever the post', () => {
    for (const surface of SURFACES.filter((s) => s !== 'reaction')) {
      expect(oneClickCapture(surface, false)).toBe('lead');
      expect(oneClickCapture(surface, true)).toBe('lead');
    }
  });
});
