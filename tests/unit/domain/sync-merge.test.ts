import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setStage } from '../../../src/domain/person';
import { canonical, fingerprints, mergeAll, mergeReplicas, restamp, type Replica } from '../../../src/domain/sync-merge';
import { Person, STAGES, type Identity, type Stage } from '../../../src/domain/types';
import { S, T0, hours, lead } from './helpers';

const ident = (k: string): Identity => ({ site: 'x', profileKey: `x:${k}`, profileUrl: `https://x.com/${k}`, displayName: k });
const fields = (p: Person) => ({ ...p }) as Record<string, unknown>;

/** The copy both devices agreed on, then each device's own copy after its edits. */
function apart(base: Person, onA: (p: Person) => Person, onB: (p: Person) => Person, at = { a: hours(2), b: hours(3) }) {
  const agreed = restamp('people', undefined, fields(base), T0);
  const a = restamp('people', agreed, fields(onA(base)), at.a);
  const b = restamp('people', agreed, fields(onB(base)), at.b);
  return { agreed, a, b, merged: mergeReplicas('people', a, b) };
}

describe('two devices, one record: merging the copies two devices changed while apart', () => {
  it('the later stage change wins, and the other stays in the stage history', () => {
    const base = lead({ identity: ident('ann') });
    const { merged } = apart(
      base,
      (p) => setStage(p, 'prospect', hours(2), S),
      (p) => setStage(p, 'not_interested', hours(3), S),
    );
    expect(merged.v.stage).toBe('not_interested');
    expect((merged.v.stageHistory as { stage: Stage }[]).map((h) => h.stage)).toEqual(['lead', 'prospect', 'not_interested']);
    // Whichever device changed its stage later, even if it sent its copy earlier.
    const reversed = apart(
      base,
      (p) => setStage(p, 'customer', hours(5), S),
      (p) => setStage(p, 'prospect', hours(4), S),
      { a: hours(1), b: hours(6) },
    ).merged;
    expect(reversed.v.stage).toBe('customer');
  });

  it('notes edited on both devices keep both texts, the older edit first', () => {
    const base = { ...lead(), notes: 'Met at the webinar.' };
    const { merged } = apart(
      base,
      (p) => ({ ...p, notes: 'Met at the webinar. Has two kids.' }),
      (p) => ({ ...p, notes: 'Met at the webinar. Wants the starter kit.' }),
    );
    expect(merged.v.notes).toBe('Met at the webinar. Has two kids.\n\nMet at the webinar. Wants the starter kit.');
  });

  it('notes edited on one device only keep that edit, without the text it replaced', () => {
    const base = { ...lead(), notes: 'old text' };
    const { merged, a } = apart(
      base,
      (p) => ({ ...p, notes: 'new text' }),
      (p) => ({ ...p, name: 'Renamed on B' }),
    );
    expect(merged.v.notes).toBe('new text');
    expect(merged.v.name).toBe('Renamed on B');
    // The merged copy remembers the replaced text, so a third copy still holding it loses to it too.
    const third = mergeReplicas('people', merged, a);
    expect(third.v.notes).toBe('new text');
  });

  it('profiles, sources and qualification answers given on either device are all kept', () => {
    const base = lead({ identity: ident('ann') });
    const { merged } = apart(
      base,
      (p) => ({ ...p, identities: [...p.identities, ident('ann-2')], qualification: { ...p.qualification, need: true } }),
      (p) => ({
        ...p,
        identities: [...p.identities, ident('ann-3')],
        sources: [...p.sources, { kind: 'message', at: hours(1) }],
        qualification: { ...p.qualification, desire: true },
      }),
    );
    expect((merged.v.identities as Identity[]).map((i) => i.profileKey).sort()).toEqual(['x:ann', 'x:ann-2', 'x:ann-3']);
    expect((merged.v.sources as { kind: string }[]).map((s) => s.kind)).toEqual(['comment', 'message']);
    expect(merged.v.qualification).toEqual({ need: true, desire: true, decisionMaker: null, initiative: null });
  });

  it('for any other field the later change wins, whichever device merges', () => {
    const base = lead();
    const { a, b, merged } = apart(
      base,
      (p) => ({ ...p, name: 'Ann from A', market: 'non_market' }),
      (p) => ({ ...p, name: 'Ann from B' }),
    );
    expect(merged.v.name).toBe('Ann from B');
    expect(merged.v.market).toBe('non_market');
    expect(mergeReplicas('people', b, a)).toEqual(merged);
  });

  it('a field a later version adds (say a phone number) syncs by the same rule, with no change to the merge', () => {
    const base = lead();
    const { merged } = apart(
      base,
      (p) => ({ ...p, phone: '+1 555 0100' }) as Person,
      (p) => ({ ...p, phone: '+1 555 0199' }) as Person,
    );
    expect(merged.v.phone).toBe('+1 555 0199');
  });

  it('a change stamped after seeing the other device wins even when this device’s clock is behind', () => {
    const base = lead();
    const agreed = restamp('people', undefined, fields(base), hours(10));
    // B's clock says 08:00, but B edits after having seen the copy stamped 10:00.
    const b = restamp('people', agreed, fields({ ...base, name: 'Edited later on B' }), hours(8));
    expect(b.s.name).toBeGreaterThan(agreed.s.name!);
    expect(mergeReplicas('people', agreed, b).v.name).toBe('Edited later on B');
  });

  it('settings merge site by site', () => {
    const agreed = restamp('settings', undefined, { sites: { x: { enabled: true, badges: true }, tiktok: { enabled: true, badges: true } } }, T0);
    const a = restamp('settings', agreed, { sites: { x: { enabled: false, badges: true }, tiktok: { enabled: true, badges: true } } }, hours(1));
    const b = restamp('settings', agreed, { sites: { x: { enabled: true, badges: true }, tiktok: { enabled: true, badges: false } } }, hours(2));
    expect(mergeReplicas('settings', a, b).v.sites).toEqual({ x: { enabled: false, badges: true }, tiktok: { enabled: true, badges: false } });
  });

  it('only the fields that changed get a new stamp', () => {
    const base = lead();
    const agreed = restamp('people', undefined, fields(base), T0);
    const next = restamp('people', agreed, fields({ ...base, notes: 'x' }), hours(1));
    const changed = Object.keys(next.s).filter((k) => next.s[k] !== agreed.s[k]);
    expect(changed).toEqual(['notes']);
    expect(fingerprints('people', fields(base))).toEqual(agreed.f);
  });
});

// ---------- property tests: random edits on two devices ----------

type Edit =
  | { kind: 'stage'; stage: Stage; dt: number }
  | { kind: 'notes'; text: string }
  | { kind: 'name'; text: string }
  | { kind: 'profile'; key: string }
  | { kind: 'answer'; q: 'need' | 'desire' | 'decisionMaker' | 'initiative'; yes: boolean };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('stage' as const), stage: fc.constantFrom(...STAGES), dt: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ kind: fc.constant('notes' as const), text: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant('name' as const), text: fc.string({ minLength: 1, maxLength: 10 }) }),
  fc.record({ kind: fc.constant('profile' as const), key: fc.constantFrom('a', 'b', 'c', 'd') }),
  fc.record({ kind: fc.constant('answer' as const), q: fc.constantFrom('need', 'desire', 'decisionMaker', 'initiative'), yes: fc.boolean() }),
);

function applyEdits(p: Person, edits: Edit[], start: number): Person {
  let at = start;
  for (const e of edits) {
    at += 1000;
    if (e.kind === 'stage') p = setStage(p, e.stage, at + e.dt, S);
    else if (e.kind === 'notes') p = { ...p, notes: e.text };
    else if (e.kind === 'name') p = { ...p, name: e.text };
    else if (e.kind === 'profile') p = { ...p, identities: [...p.identities.filter((i) => i.profileKey !== `x:${e.key}`), ident(e.key)] };
    else p = { ...p, qualification: { ...p.qualification, [e.q]: e.yes } };
  }
  return p;
}

const devices = fc.record({
  a: fc.array(edit, { maxLength: 6 }),
  b: fc.array(edit, { maxLength: 6 }),
  aAt: fc.integer({ min: 1, max: 100_000 }),
  bAt: fc.integer({ min: 1, max: 100_000 }),
});

function scenario({ a, b, aAt, bAt }: { a: Edit[]; b: Edit[]; aAt: number; bAt: number }) {
  const base = { ...lead({ identity: ident('base') }), notes: 'base notes' };
  const pa = applyEdits(base, a, T0 + aAt);
  const pb = applyEdits(base, b, T0 + bAt);
  const agreed = restamp('people', undefined, fields(base), T0);
  const ra = restamp('people', agreed, fields(pa), T0 + aAt + 60_000);
  const rb = restamp('people', agreed, fields(pb), T0 + bAt + 60_000);
  return { base, pa, pb, ra, rb, merged: mergeReplicas('people', ra, rb) };
}

describe('two devices, one record: properties over random edits', () => {
  it('both devices get the same result, whichever copy they hold', () => {
    fc.assert(
      fc.property(devices, (d) => {
        const { ra, rb, merged } = scenario(d);
        expect(canonical(mergeReplicas('people', rb, ra))).toBe(canonical(merged));
      }),
      { numRuns: 300 },
    );
  });

  it('the merged person is a valid person, and nothing either device saw is lost', () => {
    fc.assert(
      fc.property(devices, (d) => {
        const { pa, pb, merged } = scenario(d);
        const m = Person.parse(merged.v);
        const keys = new Set(m.identities.map((i) => i.profileKey));
        for (const i of [...pa.identities, ...pb.identities]) expect(keys.has(i.profileKey)).toBe(true);
        const history = new Set(m.stageHistory.map((h) => `${h.stage}@${h.at}`));
        for (const h of [...pa.stageHistory, ...pb.stageHistory]) expect(history.has(`${h.stage}@${h.at}`)).toBe(true);
        // The stage is the stage of the later stage change.
        expect(m.stage).toBe(m.stageHistory[m.stageHistory.length - 1]!.stage);
      }),
      { numRuns: 300 },
    );
  });

  it('notes: an edit on one device is kept as it is; edits on both keep both texts', () => {
    fc.assert(
      fc.property(devices, (d) => {
        const { base, pa, pb, merged } = scenario(d);
        const notes = merged.v.notes as string;
        const aEdited = pa.notes !== base.notes;
        const bEdited = pb.notes !== base.notes;
        if (!aEdited && !bEdited) expect(notes).toBe(base.notes);
        else if (aEdited && !bEdited) expect(notes).toBe(pa.notes);
        else if (bEdited && !aEdited) expect(notes).toBe(pb.notes);
        else if (pa.notes === pb.notes) expect(notes).toBe(pa.notes);
        else {
          expect(notes).toContain(pa.notes.trim());
          expect(notes).toContain(pb.notes.trim());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an answer given on one device only survives; every stamp is the later of the two', () => {
    fc.assert(
      fc.property(devices, (d) => {
        const { base, pa, pb, ra, rb, merged } = scenario(d);
        const q = merged.v.qualification as Person['qualification'];
        for (const k of Object.keys(base.qualification) as (keyof Person['qualification'])[]) {
          if (pa.qualification[k] !== base.qualification[k] && pb.qualification[k] === base.qualification[k]) expect(q[k]).toBe(pa.qualification[k]);
          if (pb.qualification[k] !== base.qualification[k] && pa.qualification[k] === base.qualification[k]) expect(q[k]).toBe(pb.qualification[k]);
        }
        for (const slot of Object.keys(merged.s)) expect(merged.s[slot]).toBe(Math.max(ra.s[slot] ?? 0, rb.s[slot] ?? 0));
      }),
      { numRuns: 300 },
    );
  });

  it('three copies merge to the same result in any order', () => {
    fc.assert(
      fc.property(devices, fc.array(edit, { maxLength: 4 }), (d, c) => {
        const { base, ra, rb } = scenario(d);
        const agreed = restamp('people', undefined, fields(base), T0);
        const rc: Replica = restamp('people', agreed, fields(applyEdits(base, c, T0 + 500)), T0 + 200_000);
        const one = mergeAll('people', [ra, rb, rc]);
        expect(canonical(mergeAll('people', [rc, ra, rb]))).toBe(canonical(one));
        expect(canonical(mergeAll('people', [rb, rc, ra]))).toBe(canonical(one));
      }),
      { numRuns: 100 },
    );
  });
});
