import { describe, expect, it } from 'vitest';
import { mergePeople } from '../../../src/domain/merge';
import { applyTouch, setStage } from '../../../src/domain/person';
import { Person, type Identity } from '../../../src/domain/types';
import { S, T0, days, inb, lead, out } from './helpers';

const ident = (k: string): Identity => ({ site: 'x', profileKey: `x:${k}`, profileUrl: `https://x.com/${k}`, displayName: k });

describe('merging two records of the same person', () => {
  const a = () => ({
    ...lead({ identity: ident('ann'), source: { kind: 'comment', at: days(1) } }),
    createdAt: days(1),
    notes: 'met at seminar',
    exposures: 1,
    qualification: { need: true, desire: null, decisionMaker: false, initiative: null },
  });
  const b = () => ({
    ...setStage(lead({ identity: ident('annlee'), source: { kind: 'message', at: T0 } }), 'prospect', days(2), S),
    notes: '  ',
    exposures: 2,
    qualification: { need: false, desire: null, decisionMaker: true, initiative: false },
  });

  it('unites identities and sources, keeps the more advanced stage, sums exposures', () => {
    const m = mergePeople(a(), { ...b(), identities: [ident('annlee'), ident('ann')] }, days(3), S);
    expect(m.identities.map((i) => i.profileKey)).toEqual(['x:ann', 'x:annlee']);
    expect(m.sources.map((s) => s.kind)).toEqual(['message', 'comment']);
    expect(m.stage).toBe('prospect');
    expect(m.exposures).toBe(3);
    expect(m.createdAt).toBe(T0);
    expect(m.notes).toBe('met at seminar');
    expect(Person.safeParse(m).success).toBe(true);
  });

  it('qualification: yes wins over no wins over unanswered', () => {
    const m = mergePeople(a(), b(), days(3), S);
    expect(m.qualification).toEqual({ need: true, desire: null, decisionMaker: true, initiative: false });
  });

  it('notes are joined with a blank line', () => {
    const m = mergePeople(a(), { ...b(), notes: 'likes hiking' }, days(3), S);
    expect(m.notes).toBe('met at seminar\n\nlikes hiking');
  });

  it('not interested only when both said no', () => {
    const no = setStage(lead(), 'not_interested', T0, S);
    expect(mergePeople(no, lead(), days(1), S).stage).toBe('lead');
    const m = mergePeople(no, setStage(lead(), 'not_interested', T0, S), days(1), S);
    expect(m.stage).toBe('not_interested');
    expect(m.nextFollowUpAt).toBeUndefined();
  });

  it('the stage history is merged by time and ends at the merged stage', () => {
    const m = mergePeople(setStage(lead(), 'customer', days(5), S), setStage(lead(), 'prospect', days(2), S), days(6), S);
    expect(m.stage).toBe('customer');
    expect(m.stageHistory.map((h) => [h.stage, h.at])).toEqual([
      ['lead', T0],
      ['prospect', days(2)],
      ['customer', days(5)],
    ]);
  });

  it('latest touch times win and the follow-up is recomputed', () => {
    const x = applyTouch(lead(), out(days(2)), S);
    const y = applyTouch(lead(), inb(days(4)), S);
    const m = mergePeople(x, y, days(5), S);
    expect(m.lastTouchAt).toBe(days(4));
    expect(m.lastInboundAt).toBe(days(4));
    expect(m.followUpsSinceInbound).toBe(0);
    expect(m.nextFollowUpAt).toBe(days(6));
    expect(m.id).toBe(x.id);
  });
});
