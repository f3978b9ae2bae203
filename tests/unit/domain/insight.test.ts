import { describe, expect, it } from 'vitest';
import { conversion, conversionBySource, medianDaysInStage } from '../../../src/domain/insight';
import { setStage } from '../../../src/domain/person';
import { S, T0, days, lead } from './helpers';

const journey = (stages: Array<['prospect' | 'customer' | 'team_member' | 'lead' | 'not_interested', number]>, kind: 'comment' | 'referral' = 'comment') =>
  stages.reduce((p, [s, d]) => setStage(p, s, days(d), S), lead({ source: { kind, at: T0 } }));

describe('insight', () => {
  const people = [
    journey([]),
    journey([['prospect', 4]]),
    journey([['prospect', 2], ['customer', 12]], 'referral'),
    journey([['prospect', 6], ['team_member', 16]], 'referral'),
    journey([['not_interested', 1]]),
    lead({ reachOut: true }),
  ];

  it('conversion rates come from the stage history', () => {
    expect(conversion(people)).toEqual({ leads: 5, prospects: 3, customersOrTeam: 2, leadToProspect: 3 / 5, prospectToClose: 2 / 3 });
  });

  it('an empty list gives zero rates, not NaN', () => {
    expect(conversion([])).toEqual({ leads: 0, prospects: 0, customersOrTeam: 0, leadToProspect: 0, prospectToClose: 0 });
  });

  it('median days in each stage', () => {
    const m = medianDaysInStage(people, days(20));
    // lead stints: 20 (ongoing), 4, 2, 6, 1 → median 4
    expect(m.lead).toBe(4);
    // prospect stints: 16 (ongoing), 10, 10 → 10
    expect(m.prospect).toBe(10);
    expect(m.customer).toBe(8);
  });

  it('conversion by how people first came in', () => {
    const by = conversionBySource(people);
    expect(by.referral).toEqual({ leads: 2, prospects: 2, customersOrTeam: 2, leadToProspect: 1, prospectToClose: 1 });
    expect(by.comment.leads).toBe(3);
    expect(by.web_form.leads).toBe(0);
  });
});

describe('InsightTally (streaming)', () => {
  it('gives the same figures as the list functions, keeping only sources with someone in them', async () => {
    const { InsightTally } = await import('../../../src/domain/insight');
    const people = [
      journey([]),
      journey([['prospect', 4]]),
      journey([['prospect', 2], ['customer', 12]], 'referral'),
      lead({ reachOut: true, source: { kind: 'like', at: T0 } }),
    ];
    const t = new InsightTally(days(20));
    for (const p of people) t.add(p);
    const f = t.figures();
    expect(f.overall).toEqual(conversion(people));
    expect(f.medianDaysInStage).toEqual(medianDaysInStage(people, days(20)));
    expect(f.bySource).toEqual({ comment: conversionBySource(people).comment, referral: conversionBySource(people).referral });
  });
});

describe('insight by site', () => {
  it('splits conversion by the site people first came in on, and counts who is in the funnel', async () => {
    const { InsightTally, firstSite } = await import('../../../src/domain/insight');
    const on = (site: 'facebook' | 'instagram', stages: Parameters<typeof journey>[0]) => {
      const p = journey(stages);
      return { ...p, sources: [{ kind: 'comment' as const, at: T0, site }] };
    };
    const byHand = lead({ source: { kind: 'warm_market', at: T0 } });
    const people = [on('facebook', []), on('facebook', [['prospect', 3]]), on('instagram', [['prospect', 1], ['customer', 5]]), byHand, lead({ reachOut: true })];
    expect(firstSite(people[0]!)).toBe('facebook');
    expect(firstSite(byHand)).toBeUndefined();
    const t = new InsightTally(days(20));
    for (const p of people) t.add(p);
    const f = t.figures();
    expect(f.people).toBe(4);
    expect(f.bySite).toEqual({
      facebook: { leads: 2, prospects: 1, customersOrTeam: 0, leadToProspect: 0.5, prospectToClose: 0 },
      instagram: { leads: 1, prospects: 1, customersOrTeam: 1, leadToProspect: 1, prospectToClose: 1 },
    });
  });
});
