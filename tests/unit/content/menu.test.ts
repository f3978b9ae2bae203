import { describe, expect, it } from 'vitest';
import { cardActionsFor, explicitCapture, menuFor, offersCapture } from '../../../src/content/menu';
import { badge } from './harness';

const actions = (items: { action: string }[]) => items.map((i) => i.action);

describe("a known person's chip menu", () => {
  it('a lead: promote first, then log this sighting as a capture, leave them alone, the post, open', () => {
    expect(actions(menuFor(badge('p', 'A'), { marked: false }))).toEqual(['promote', 'capture', 'not-interested', 'hand-raise', 'open']);
  });

  it('a suggested promotion comes first with its reason, and is not offered twice', () => {
    const b = badge('p', 'A', { promotion: { to: 'prospect', reason: 'replied_after_outreach' } });
    const items = menuFor(b, null);
    expect(actions(items)).toEqual(['promote', 'capture', 'not-interested', 'open']);
    expect(items[0]).toMatchObject({ label: 'promoteToProspect', detail: 'whyReplied' });
  });

  it('a "reach out" suggestion: capture as lead first; no promotion', () => {
    expect(actions(menuFor(badge('p', 'A', { reachOut: true }), null))).toEqual(['capture', 'not-interested', 'open']);
  });

  it('someone further along is past capturing; someone who said no can be reopened', () => {
    expect(actions(menuFor(badge('p', 'A', { stage: 'customer' }), null))).toEqual(['not-interested', 'open']);
    expect(actions(menuFor(badge('p', 'A', { stage: 'not_interested' }), null))).toEqual(['reopen', 'open']);
  });

  it('the post item says what it will do: mark, or unmark a post already marked', () => {
    expect(menuFor(badge('p', 'A'), { marked: false }).find((i) => i.action === 'hand-raise')!.label).toBe('markPost');
    expect(menuFor(badge('p', 'A'), { marked: true }).find((i) => i.action === 'hand-raise')!.label).toBe('unmarkPost');
  });
});

describe('capture rules shared by the menu and the keyboard command', () => {
  it('capture is offered to suggestions and leads only', () => {
    expect(offersCapture(badge('p', 'A'))).toBe(true);
    expect(offersCapture(badge('p', 'A', { reachOut: true, stage: 'lead' }))).toBe(true);
    expect(offersCapture(badge('p', 'A', { stage: 'prospect' }))).toBe(false);
  });

  it('an explicit capture of a like on a hand-raise post is a hand-raise; anything else a lead', () => {
    expect(explicitCapture('reaction', true)).toBe('hand_raise');
    expect(explicitCapture('reaction', false)).toBe('lead');
    expect(explicitCapture('comment', true)).toBe('lead');
  });
});

describe("the card's one-click actions", () => {
  it('log a touch for everyone still in play, promote for leads, nothing for someone who said no', () => {
    expect(actions(cardActionsFor(badge('p', 'A')))).toEqual(['log-touch', 'promote', 'not-interested']);
    expect(actions(cardActionsFor(badge('p', 'A', { stage: 'prospect' })))).toEqual(['log-touch', 'not-interested']);
    expect(cardActionsFor(badge('p', 'A', { stage: 'not_interested' }))).toEqual([]);
  });
});
