/**
 * The counters behind the popup's totals and the toolbar's due count (src/store/counters.ts)
 * must always equal what a full scan of the people would say, whatever wrote to the table:
 * every store function, in any order, in parallel, with writes that IndexedDB refuses.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { STAGES, type Person, type Settings, type Stage } from '../../../src/domain/types';
import * as store from '../../../src/store/index';
import type { HandraiserDB } from '../../../src/store/db';
import { snooze } from '../../../src/store/reminders';
import { toRow, type PersonRow } from '../../../src/store/rows';
import { derivedRowCount, expectDerivedRowsMatchScan, expectQueueKeysCurrent } from './derived-rows-helper';
import { DAY, HOUR, NOON, demoIdentity, freshDb, settings } from './helpers';

let db: HandraiserDB;
beforeEach(async () => {
  db = await freshDb();
});

const capture = (slug: string, at: number, as: store.CaptureKind = 'lead') =>
  store.capture(db, { identity: demoIdentity(slug, `Person ${slug}`), surface: 'comment', as, at, text: 'interested!' }, settings);

describe('counters follow every write', () => {
  it('start empty and count captures, stage changes, drip and suggestions', async () => {
    await expectDerivedRowsMatchScan(db);
    expect(await store.countDue(db, NOON)).toBe(0);
    const { person: ana } = await capture('ana', NOON - 5 * DAY);
    await capture('ben', NOON - 4 * DAY, 'reach_out');
    const { person: cy } = await capture('cy', NOON - 3 * DAY);
    await store.setStage(db, cy.id, 'prospect', NOON - 2 * DAY, settings);
    await store.updatePerson(db, ana.id, { onDrip: true }, NOON, settings);
    const groups = await store.groupTotals(db);
    expect(groups).toEqual({ stages: { lead: 0, prospect: 1, customer: 0, team_member: 0, not_interested: 0 }, onDrip: 1, reachOut: 1 });
    await expectDerivedRowsMatchScan(db);
  });

  it('parallel writes in one transaction are each counted once', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => toRow(person(`p${i}`, NOON - (i % 5) * DAY)));
    await db.transaction('rw', db.people, () => Promise.all(rows.map((r) => db.people.put(r))));
    await db.transaction('rw', db.people, () =>
      Promise.all(rows.slice(0, 20).map((r) => db.people.put({ ...r, stage: 'customer', group: 'customer' }))),
    );
    expect((await store.stageCounts(db)).customer).toBe(20);
    await expectDerivedRowsMatchScan(db);
  });

  it('a write IndexedDB refuses counts nothing, the rest of the batch counts', async () => {
    const a = toRow(person('a', NOON - DAY));
    await db.people.add(a);
    // Same profile as `a` under another id: the unique profileKeys index refuses it.
    const clash: PersonRow = { ...toRow(person('a', NOON - DAY)), id: 'other' };
    const fresh = toRow(person('b', NOON - DAY));
    await db.transaction('rw', db.people, async () => {
      await db.people.add(clash).catch(() => undefined);
      await db.people.bulkAdd([clash, fresh, a]).catch(() => undefined);
    });
    expect(await db.people.count()).toBe(2);
    expect((await store.stageCounts(db)).lead).toBe(2);
    await expectDerivedRowsMatchScan(db);
  });

  it('an add IndexedDB refuses changes no count and no badge', async () => {
    const a = toRow(person('a', NOON - DAY));
    await db.people.add(a);
    // Another id claiming a's profile and a new one, at another stage: refused whole, so
    // neither key changes hands.
    const clash: PersonRow = { ...toRow({ ...person('a', NOON - DAY), stage: 'customer', identities: [demoIdentity('a', 'A'), demoIdentity('new', 'New')] }), id: 'other' };
    const fresh = toRow(person('b', NOON - DAY));
    await db.transaction('rw', db.people, async () => {
      await db.people.add(clash).catch(() => undefined);
      await db.people.bulkAdd([fresh, clash]).catch(() => undefined);
    });
    const found = await store.lookup(db, ['demo:a', 'demo:new', 'demo:b'], NOON);
    expect([...found.keys()].sort()).toEqual(['demo:a', 'demo:b']);
    expect(found.get('demo:a')).toMatchObject({ personId: a.id, stage: 'lead' });
    await expectDerivedRowsMatchScan(db);
  });

  it('the same id twice in one bulk write counts its last version only', async () => {
    const p = toRow(person('twice', NOON - DAY));
    await db.people.bulkPut([p, { ...p, stage: 'prospect', group: 'prospect' }, { ...p, stage: 'customer', group: 'customer', nextFollowUpAt: NOON + DAY }]);
    expect(await store.stageCounts(db)).toMatchObject({ lead: 0, prospect: 0, customer: 1 });
    await db.people.bulkDelete([p.id, p.id]);
    await expectDerivedRowsMatchScan(db);
    expect(await derivedRowCount(db)).toBe(0);
  });

  it('the look-up follows a person whose profiles change, under every key they own', async () => {
    const { person: ada } = await capture('ada', NOON - DAY);
    const row = (await db.people.get(ada.id))!;
    // A second profile, then the first one given up, written straight to the table.
    const two = toRow({ ...ada, identities: [...ada.identities, demoIdentity('ada2', 'Ada')] });
    await db.people.put(two);
    expect(await store.lookup(db, [...two.profileKeys], NOON)).toMatchObject(
      new Map(two.profileKeys.map((k) => [k, expect.objectContaining({ personId: ada.id })])),
    );
    const moved = toRow({ ...ada, stage: 'prospect', identities: [demoIdentity('ada2', 'Ada')] });
    await db.people.bulkPut([two, moved]);
    const found = await store.lookup(db, [...row.profileKeys, ...moved.profileKeys], NOON);
    expect([...found.keys()]).toEqual(moved.profileKeys);
    expect(found.get(moved.profileKeys[0]!)?.stage).toBe('prospect');
    await expectDerivedRowsMatchScan(db);
    await db.people.delete(ada.id);
    expect((await store.lookup(db, [...two.profileKeys], NOON)).size).toBe(0);
  });

  it('delete all and deleting a range clear what they removed', async () => {
    for (let i = 0; i < 12; i++) await capture(`d${i}`, NOON - i * HOUR);
    const ids = (await db.people.toCollection().primaryKeys()).sort();
    await db.people.where('id').between(ids[2]!, ids[7]!).delete();
    await expectDerivedRowsMatchScan(db);
    await store.deleteAll(db);
    await expectDerivedRowsMatchScan(db);
    expect(await derivedRowCount(db)).toBe(0);
  });
});

function person(slug: string, at: number): Person {
  const identity = demoIdentity(slug, `Person ${slug}`);
  return {
    id: `id-${slug}`,
    name: `Person ${slug}`,
    stage: 'lead',
    market: 'market',
    reachOut: false,
    onDrip: false,
    identities: [identity],
    sources: [{ kind: 'comment', at, site: identity.site }],
    qualification: { need: null, desire: null, decisionMaker: null, initiative: null },
    exposures: 0,
    notes: '',
    stageHistory: [{ stage: 'lead', at }],
    createdAt: at,
    updatedAt: at,
    followUpsSinceInbound: 0,
    outboundStreak: 0,
    cadenceFrom: at,
    nextFollowUpAt: at + DAY,
  };
}

// ---------- every store function, in random order ----------

type Op =
  | { op: 'capture'; slug: number; as: store.CaptureKind; at: number }
  | { op: 'touch'; who: number; direction: 'inbound' | 'outbound'; at: number }
  | { op: 'stage'; who: number; stage: Stage; at: number }
  | { op: 'update'; who: number; onDrip?: boolean; reachOut?: boolean; market?: 'market' | 'non_market'; at: number }
  | { op: 'merge'; who: number; other: number; at: number }
  | { op: 'untouch'; which: number; at: number }
  | { op: 'snooze'; who: number; at: number }
  | { op: 'cadence'; days: number }
  | { op: 'reimport'; at: number }
  | { op: 'race'; slug: number; at: number }
  | { op: 'deleteAll' }
  | { op: 'qualify'; who: number; yes: boolean; at: number }
  | { op: 'step'; who: number; at: number | null }
  | { op: 'add'; slug: number; stage: Stage; at: number }
  | { op: 'delete'; who: number; restore: boolean };

const at = fc.integer({ min: -40, max: 40 }).map((h) => NOON + h * 7 * HOUR + 13 * 60_000);
const who = fc.nat(50);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('capture' as const), slug: fc.nat(15), as: fc.constantFrom<store.CaptureKind>('lead', 'reach_out', 'hand_raise'), at }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('touch' as const), who, direction: fc.constantFrom('inbound' as const, 'outbound' as const), at }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('stage' as const), who, stage: fc.constantFrom(...STAGES), at }) },
  {
    weight: 3,
    arbitrary: fc.record(
      { op: fc.constant('update' as const), who, onDrip: fc.boolean(), reachOut: fc.boolean(), market: fc.constantFrom('market' as const, 'non_market' as const), at },
      { requiredKeys: ['op', 'who', 'at'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('merge' as const), who, other: who, at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('untouch' as const), which: fc.nat(200), at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('snooze' as const), who, at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cadence' as const), days: fc.integer({ min: 1, max: 9 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reimport' as const), at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('race' as const), slug: fc.nat(15), at }) },
  { weight: 1, arbitrary: fc.constant({ op: 'deleteAll' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('qualify' as const), who, yes: fc.boolean(), at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('step' as const), who, at: fc.option(at) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('add' as const), slug: fc.nat(20), stage: fc.constantFrom(...STAGES), at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), who, restore: fc.boolean() }) },
);

async function apply(o: Op, current: { settings: Settings }): Promise<void> {
  const s = current.settings;
  const ids = (await db.people.toCollection().primaryKeys()).sort();
  const pick = (n: number) => ids[n % Math.max(ids.length, 1)];
  const ignoreStoreErrors = (e: unknown) => {
    if (!(e instanceof store.StoreError)) throw e;
  };
  switch (o.op) {
    case 'capture':
      await capture(`s${o.slug}`, o.at, o.as);
      return;
    case 'race':
      await Promise.all([capture(`s${o.slug}`, o.at), capture(`s${o.slug}`, o.at + 1), capture(`s${o.slug + 1}`, o.at)]);
      return;
    case 'deleteAll':
      await store.deleteAll(db);
      return;
    case 'cadence': {
      const next: Settings = { ...s, cadence: { lead: [o.days, o.days + 3], contact: [1, o.days, 14] } };
      current.settings = next;
      await store.recomputeAll(db, next);
      return;
    }
    case 'reimport': {
      // Imported "now", after every time these operations use: a file's times may not lie in the future.
      await store.importJson(db, await store.exportJson(db, o.at), NOON + 60 * DAY);
      return;
    }
    case 'add': {
      const identity = o.slug % 3 === 0 ? undefined : demoIdentity(`s${o.slug}`);
      await store.addPerson(
        db,
        { name: `Added ${o.slug}`, ...(identity ? { identity } : {}), stage: o.stage, market: 'market', source: { kind: 'warm_market', at: o.at } },
        o.at,
        s,
      );
      return;
    }
    case 'untouch': {
      const touchIds = (await db.touches.toCollection().primaryKeys()).sort();
      if (touchIds.length) await store.deleteTouch(db, touchIds[o.which % touchIds.length]!, o.at, s).catch(ignoreStoreErrors);
      return;
    }
  }
  const id = pick(o.who);
  if (!id) return;
  switch (o.op) {
    case 'touch':
      await store.logTouch(db, { personId: id, direction: o.direction, channel: 'demo', kind: 'message', at: o.at }, s);
      return;
    case 'stage':
      await store.setStage(db, id, o.stage, o.at, s);
      return;
    case 'update': {
      const patch: store.PersonPatch = {};
      if (o.onDrip !== undefined) patch.onDrip = o.onDrip;
      if (o.reachOut !== undefined) patch.reachOut = o.reachOut;
      if (o.market !== undefined) patch.market = o.market;
      await store.updatePerson(db, id, patch, o.at, s).catch(ignoreStoreErrors);
      return;
    }
    case 'merge': {
      const other = pick(o.other);
      if (other && other !== id) await store.mergePeople(db, id, other, o.at, s);
      return;
    }
    case 'snooze':
      await snooze(db, [id, pick(o.who + 1)!], o.at + DAY, s);
      return;
    case 'qualify': {
      const v = o.yes ? true : null;
      await store.setQualification(db, id, { need: v, desire: v, decisionMaker: v, initiative: v }, o.at, s);
      return;
    }
    case 'step':
      await store.updatePerson(db, id, { nextStep: o.at === null ? null : { text: 'Call back', at: o.at } }, NOON, s);
      return;
    case 'delete': {
      const deleted = await store.deletePerson(db, id);
      if (o.restore) await store.restorePerson(db, deleted).catch(ignoreStoreErrors);
      return;
    }
  }
}

describe('counters equal a full scan after any sequence of store operations', () => {
  it('random pipelines (capture, add by hand, touches, stages, qualification, next steps, drip, suggestions, merges, undo, snooze, cadence change, re-import, races, delete one and restore, delete all)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30 }), async (ops) => {
        db = await freshDb();
        const current = { settings };
        for (const o of ops) await apply(o, current);
        await expectDerivedRowsMatchScan(db);
        await expectQueueKeysCurrent(db);
        db.close();
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
