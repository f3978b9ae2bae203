import { describe, expect, it } from 'vitest';
import { absorbCopy } from '../../../src/domain/absorb';
import { applyTouch, newPerson, setStage } from '../../../src/domain/person';
import type { Identity, Person } from '../../../src/domain/types';
import { S, days, inb, lead, out } from './helpers';

const ident = (k: string): Identity => ({ site: 'x', profileKey: `x:${k}`, profileUrl: `https://x.com/${k}`, displayName: k, handle: k });

/** Absorbs, then absorbs the same copy again: the second time must change nothing. */
function twice(here: Person, copy: Person, now = days(10)) {
  const first = absorbCopy(here, copy, now, S);
  const second = absorbCopy(first.person, copy, days(11), S);
  expect(second.changed).toBe(false);
  expect(second.person).toBe(first.person);
  return first;
}

describe("a file's copy of a person already here", () => {
  const ann = () => applyTouch({ ...lead({ identity: ident('ann') }), notes: 'Met at the seminar', exposures: 2 }, out(days(1)), S);

  it('the same person adds nothing, and the person here is returned as it was', () => {
    const p = ann();
    expect(absorbCopy(p, structuredClone(p), days(5), S)).toEqual({ person: p, changed: false });
  });

  it('counts take the larger value, notes are added once, edits made here stay', () => {
    const here = { ...ann(), notes: 'Met at the seminar\n\nCalled back', exposures: 3 };
    const older = ann();
    expect(absorbCopy(here, older, days(5), S).changed).toBe(false);
    const other = { ...ann(), notes: 'Prefers evenings', exposures: 5 };
    const r = twice(here, other);
    expect(r.person.notes).toBe('Met at the seminar\n\nCalled back\n\nPrefers evenings');
    expect(r.person.exposures).toBe(5);
    expect(r.person.updatedAt).toBe(days(10));
  });

  it('a contact-list row (only an "import" source) moves no date, suggestion or counter here', () => {
    const here = { ...ann(), reachOut: true };
    const row = newPerson({ id: 'csv', name: 'Ann', identity: ident('ann'), source: { kind: 'import', at: days(9) }, now: days(9), stage: 'lead' }, S);
    expect(absorbCopy(here, row, days(9), S).changed).toBe(false);
    const withNotes = { ...row, notes: 'From the spreadsheet', identities: [ident('ann'), ident('ann_two')] };
    const r = twice(here, withNotes);
    expect(r.person).toMatchObject({ reachOut: true, cadenceFrom: here.cadenceFrom, lastTouchAt: here.lastTouchAt, createdAt: here.createdAt, sources: here.sources, stageHistory: here.stageHistory });
    expect(r.person.identities.map((i) => i.profileKey)).toEqual(['x:ann', 'x:ann_two']);
  });

  it('a copy further along brings its stage, its stage changes and its cadence; one behind brings none', () => {
    const here = ann();
    const further = setStage(ann(), 'prospect', days(3), S);
    const r = twice(here, further);
    expect(r.person.stage).toBe('prospect');
    expect(r.person.stageHistory.map((h) => h.stage)).toEqual(['lead', 'prospect']);
    expect(r.person.cadenceFrom).toBe(days(3));
    const behind = absorbCopy(r.person, here, days(12), S);
    expect(behind.changed).toBe(false);
  });

  it('a copy that heard from them later brings its counters and drip state', () => {
    const here = applyTouch(applyTouch(ann(), out(days(3)), S), out(days(6)), S);
    expect(here.onDrip).toBe(true);
    const replied = applyTouch(ann(), inb(days(7)), S);
    const r = twice(here, replied);
    expect(r.person).toMatchObject({ onDrip: false, followUpsSinceInbound: 0, lastInboundAt: days(7), lastTouchAt: days(7) });
    expect(r.person.nextFollowUpAt).toBeGreaterThan(days(7));
  });

  it('a follow-up snoozed here is not recomputed when the copy adds nothing', () => {
    const here = { ...ann(), nextFollowUpAt: days(20) };
    expect(absorbCopy(here, ann(), days(5), S).person.nextFollowUpAt).toBe(days(20));
  });
});
