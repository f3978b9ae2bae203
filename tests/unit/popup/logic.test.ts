import { describe, expect, it, vi } from 'vitest';
import type { Person } from '../../../src/domain/types';
import type { Send } from '../../../src/messages/client';
import { estimateFromCounts } from '../../../src/popup/insightView';
import { groupTotalsOf, pipelineRequest } from '../../../src/popup/pipelineQuery';
import { isEmptyDiff, personDiff, restorePerson } from '../../../src/popup/restore';
import { parseRoute, routeQuery } from '../../../src/popup/route';
import { quickMoves } from '../../../src/popup/person/StageActions';
import { needsNextStep } from '../../../src/popup/person/LogTouch';
import { defaultAppointmentTime } from '../../../src/popup/person/Appointments';
import { person } from './fakes';

describe('route', () => {
  it('reads the views notifications and the page chip open', () => {
    expect(parseRoute('?view=today')).toEqual({ view: 'today' });
    expect(parseRoute('?view=pipeline')).toEqual({ view: 'pipeline' });
    expect(parseRoute('?view=person&id=p_123')).toEqual({ view: 'person', id: 'p_123' });
    expect(parseRoute('')).toEqual({ view: 'today' });
    expect(parseRoute('?view=admin')).toEqual({ view: 'today' });
    expect(parseRoute('?view=person')).toEqual({ view: 'today' });
    expect(parseRoute('?view=person&id=<script>')).toEqual({ view: 'today' });
  });
  it('writes what it reads', () => {
    for (const r of [{ view: 'today' as const }, { view: 'insight' as const }, { view: 'person' as const, id: 'abc' }]) {
      expect(parseRoute(routeQuery(r))).toEqual(r);
    }
  });
});

describe('pipelineRequest', () => {
  it('keeps drip and suggestions apart from the stages', () => {
    expect(pipelineRequest({ group: 'lead', query: '' })).toEqual({ offset: 0, limit: 50, stage: 'lead', onDrip: false, reachOut: false });
    expect(pipelineRequest({ group: 'drip', query: '' })).toEqual({ offset: 0, limit: 50, onDrip: true });
    expect(pipelineRequest({ group: 'reach_out', query: '' })).toEqual({ offset: 0, limit: 50, reachOut: true });
    expect(pipelineRequest({ group: 'not_interested', query: '' })).toEqual({ offset: 0, limit: 50, stage: 'not_interested' });
    expect(pipelineRequest({ group: 'all', query: '' })).toEqual({ offset: 0, limit: 50 });
  });
  it('passes search and filters, and pages', () => {
    expect(
      pipelineRequest({ group: 'prospect', query: '  @ana ', site: 'facebook', sourceKind: 'comment', signal: 'chasing' }, 100, 50),
    ).toEqual({
      offset: 100,
      limit: 50,
      stage: 'prospect',
      onDrip: false,
      reachOut: false,
      query: 'ana',
      site: 'facebook',
      sourceKind: 'comment',
      signal: 'chasing',
    });
  });
});

describe('estimateFromCounts', () => {
  it('divides safely and never loads people', () => {
    expect(estimateFromCounts({}).conversion).toMatchObject({ leads: 0, leadToProspect: 0, prospectToClose: 0 });
    const { conversion, counts } = estimateFromCounts({ lead: 5, prospect: 2, customer: 1, team_member: 1, not_interested: 1 });
    expect(conversion.leads).toBe(10);
    expect(conversion.leadToProspect).toBeCloseTo(0.4);
    expect(conversion.prospectToClose).toBeCloseTo(0.5);
    expect(counts.not_interested).toBe(1);
  });
});

describe('restore (undo of person changes)', () => {
  const before = person('a1', 'Ana', 'lead', { notes: 'old' });
  it('finds what changed', () => {
    const after: Person = {
      ...before,
      stage: 'prospect',
      onDrip: true,
      notes: 'new',
      nextStep: { text: 'call' },
      qualification: { ...before.qualification, need: true },
    };
    expect(personDiff(before, after)).toEqual({
      stage: 'lead',
      qualification: { need: null },
      update: { notes: 'old', onDrip: false, nextStep: null },
    });
    expect(isEmptyDiff(personDiff(before, before))).toBe(true);
  });

  it('a suggestion moved on (captured as lead, or promoted) is restored as a suggestion after its stage', () => {
    const suggestion: Person = { ...before, reachOut: true };
    expect(personDiff(suggestion, { ...suggestion, reachOut: false })).toEqual({ update: { reachOut: true } });
    expect(personDiff(suggestion, { ...suggestion, reachOut: false, stage: 'prospect' })).toEqual({ stage: 'lead', update: { reachOut: true } });
  });

  it('restores stage first, then re-checks what is left', async () => {
    const after: Person = { ...before, stage: 'not_interested', onDrip: true };
    const send = vi.fn(async (type: string, payload: { stage?: string }) => {
      // The store ends drip when the stage changes back: nothing left to send afterwards.
      if (type === 'setStage') return { person: { ...after, stage: payload.stage, onDrip: false } };
      throw new Error(`unexpected ${type}`);
    });
    const result = await restorePerson(send as unknown as Send, before, after);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith('setStage', { personId: 'a1', stage: 'lead' });
    expect(result.stage).toBe('lead');
  });
});

describe('person screen rules', () => {
  it('offers promote / demote moves by stage', () => {
    expect(quickMoves('lead').map((m) => m.to)).toEqual(['prospect']);
    expect(quickMoves('prospect').map((m) => m.to)).toEqual(['customer', 'team_member', 'lead']);
    expect(quickMoves('not_interested').map((m) => m.to)).toEqual(['lead']);
  });
  it('asks prospects for the next step after a conversation only', () => {
    expect(needsNextStep('prospect', 'call')).toBe(true);
    expect(needsNextStep('prospect', 'message')).toBe(true);
    expect(needsNextStep('prospect', 'like')).toBe(false);
    expect(needsNextStep('lead', 'call')).toBe(false);
  });
  it('suggests tomorrow at 10:00 for an appointment', () => {
    const d = new Date(defaultAppointmentTime(new Date(2026, 11, 31, 15, 0).getTime()));
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()]).toEqual([2027, 0, 1, 10]);
  });
});

describe('groupTotalsOf', () => {
  it('reads every chip from the group totals, everyone from the stage counts', () => {
    const counts = { lead: 9, prospect: 4, customer: 1, team_member: 0, not_interested: 2 };
    const groups = { stages: { lead: 4, prospect: 3, customer: 1, team_member: 0, not_interested: 2 }, onDrip: 3, reachOut: 2 };
    expect(groupTotalsOf(counts, groups)).toEqual({
      all: 16, lead: 4, prospect: 3, customer: 1, team_member: 0, not_interested: 2, drip: 3, reach_out: 2,
    });
    // An answer without totals leaves the chips blank instead of asking again.
    expect(groupTotalsOf(counts, undefined)).toEqual({ all: 16 });
  });
});

describe("issue 22's small rules", () => {
  it('routes to adding a person, and to the pipeline opened on one signal', async () => {
    expect(parseRoute('?view=add')).toEqual({ view: 'add' });
    expect(parseRoute('?view=pipeline&signal=followUpDue')).toEqual({ view: 'pipeline', signal: 'followUpDue' });
    expect(parseRoute('?view=pipeline&signal=admin')).toEqual({ view: 'pipeline' });
    expect(routeQuery({ view: 'pipeline', signal: 'overdue' })).toBe('?view=pipeline&signal=overdue');
  });

  it('filtered chip totals: every group counts the matches, everyone is their sum', () => {
    const stages = { lead: 4, prospect: 2, customer: 1, team_member: 0, not_interested: 1 };
    const totals = groupTotalsOf({ ...stages, lead: 400 }, { stages: { ...stages, lead: 400 }, onDrip: 30, reachOut: 20 }, { stages, onDrip: 3, reachOut: 2 });
    expect(totals).toMatchObject({ all: 13, lead: 4, prospect: 2, drip: 3, reach_out: 2 });
  });

  it('undo puts back a phone and an e-mail as they were, clearing what was added', () => {
    const before = { ...person('ana', 'Ana'), phone: '+34 612 345 678' };
    const after = { ...before, phone: '+34 699 000 111', email: 'ana@example.com' };
    expect(personDiff(before, after).update).toEqual({ phone: '+34 612 345 678', email: null });
  });

  it('the one-tap channel is the site, else the phone or e-mail we have', async () => {
    const { channelOf, asksNextStep } = await import('../../../src/popup/quick');
    expect(channelOf(person('ana', 'Ana'))).toBe('demo');
    expect(channelOf({ identities: [], phone: '+34 612 345 678' })).toBe('phone');
    expect(channelOf({ identities: [], email: 'a@b.co' })).toBe('email');
    expect(channelOf({ identities: [] })).toBe('other');
    expect(asksNextStep({ stage: 'prospect' }, 'outbound')).toBe(true);
    expect(asksNextStep({ stage: 'prospect' }, 'inbound')).toBe(false);
    expect(asksNextStep({ stage: 'lead' }, 'outbound')).toBe(false);
  });

  it('adding a person: a name or a profile, a profile on a supported site, a phone and an e-mail that are one', async () => {
    const { addPersonErrors } = await import('../../../src/popup/AddPerson');
    expect(addPersonErrors({ name: 'Ana', profileUrl: '', phone: '', email: '' })).toEqual({});
    expect(addPersonErrors({ name: '', profileUrl: 'https://www.tiktok.com/@ana.s', phone: '', email: '' })).toEqual({});
    expect(Object.keys(addPersonErrors({ name: '', profileUrl: '', phone: '', email: '' }))).toEqual(['name']);
    expect(Object.keys(addPersonErrors({ name: 'A', profileUrl: 'https://www.tiktok.com/', phone: '12', email: 'a@' })).sort()).toEqual(['email', 'phone', 'profile']);
  });

  it("Insight's ranges start at local midnight: the last 7 days are today and the 6 before", async () => {
    const { rangeFrom } = await import('../../../src/popup/Insight');
    const now = new Date(2026, 2, 9, 15, 30).getTime();
    expect(rangeFrom(null, now)).toBeUndefined();
    expect(rangeFrom(7, now)).toBe(new Date(2026, 2, 3).getTime());
    expect(rangeFrom(1, now)).toBe(new Date(2026, 2, 9).getTime());
  });
});
