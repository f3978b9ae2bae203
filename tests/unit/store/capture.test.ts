import { beforeEach, describe, expect, it } from 'vitest';
import { capture, type CaptureInput } from '../../../src/store/capture';
import type { HandraiserDB } from '../../../src/store/db';
import { lookup, recordDmMessages } from '../../../src/store/people';
import { DAY, demoIdentity, freshDb, HOUR, NOON, settings } from './helpers';

let db: HandraiserDB;
beforeEach(async () => {
  db = await freshDb();
});

const input = (slug: string, over: Partial<CaptureInput> = {}): CaptureInput => ({
  identity: demoIdentity(slug, `Name ${slug}`),
  surface: 'comment',
  as: 'lead',
  at: NOON,
  contextUrl: 'http://localhost:5173/demo/post/1',
  text: 'Interested!',
  ...over,
});

describe('capture', () => {
  it('creates a lead with an inbound touch and its source', async () => {
    const r = await capture(db, input('ada'), settings);
    expect(r.created).toBe(true);
    expect(r.person.stage).toBe('lead');
    expect(r.person.reachOut).toBe(false);
    expect(r.person.sources[0]).toMatchObject({ kind: 'comment', site: 'demo', contextUrl: 'http://localhost:5173/demo/post/1' });
    expect(r.touch).toMatchObject({ direction: 'inbound', kind: 'comment', channel: 'demo', text: 'Interested!' });
    expect(await db.touches.count()).toBe(1);
    expect(r.person.nextFollowUpAt).toBeGreaterThan(NOON);
  });

  it('is idempotent by profile key: a second sighting adds a touch, not a person', async () => {
    const a = await capture(db, input('ada'), settings);
    const b = await capture(db, input('ada', { at: NOON + HOUR, surface: 'reaction' }), settings);
    expect(b.created).toBe(false);
    expect(b.person.id).toBe(a.person.id);
    expect(await db.people.count()).toBe(1);
    expect(await db.touches.where('personId').equals(a.person.id).count()).toBe(2);
    expect(b.person.sources.map((s) => s.kind)).toEqual(['comment', 'like']);
  });

  it('five tabs capturing the same person at once make one person with five touches', async () => {
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => capture(db, input('bob', { at: NOON + i }), settings)),
    );
    expect(await db.people.count()).toBe(1);
    expect(new Set(results.map((r) => r.person.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.touches.count()).toBe(5);
  });

  it('a like elsewhere is a reach-out suggestion; capturing as lead later turns it into a lead', async () => {
    const s = await capture(db, input('cy', { surface: 'reaction', as: 'reach_out' }), settings);
    expect(s.person.reachOut).toBe(true);
    expect(s.person.nextFollowUpAt).toBeUndefined();
    expect(s.touch).toMatchObject({ kind: 'like', direction: 'inbound' });
    const l = await capture(db, input('cy', { surface: 'comment', as: 'lead', at: NOON + DAY }), settings);
    expect(l.person.id).toBe(s.person.id);
    expect(l.person.reachOut).toBe(false);
    expect(l.person.stage).toBe('lead');
    expect(l.person.nextFollowUpAt).toBeDefined();
  });

  it('a like on a hand-raise post is a hand_raise_like lead; dm → message; link → manual with no touch', async () => {
    const h = await capture(db, input('dee', { surface: 'reaction', as: 'hand_raise' }), settings);
    expect(h.person.reachOut).toBe(false);
    expect(h.person.sources[0]?.kind).toBe('hand_raise_like');
    expect(h.touch?.kind).toBe('hand_raise_like');
    const m = await capture(db, input('eve', { surface: 'dm' }), settings);
    expect(m.person.sources[0]?.kind).toBe('message');
    expect(m.touch?.kind).toBe('message');
    const k = await capture(db, input('fay', { surface: 'link' }), settings);
    expect(k.person.sources[0]?.kind).toBe('manual');
    expect(k.touch).toBeNull();
  });

  it('a reach-out sighting of an existing lead leaves them a lead', async () => {
    await capture(db, input('gus'), settings);
    const r = await capture(db, input('gus', { surface: 'reaction', as: 'reach_out', at: NOON + 1 }), settings);
    expect(r.person.reachOut).toBe(false);
  });
});

describe('lookup', () => {
  it('answers badges for known keys only, with signals', async () => {
    await capture(db, input('ada'), settings);
    await capture(db, input('bob', { surface: 'reaction', as: 'reach_out' }), settings);
    const map = await lookup(db, ['demo:ada', 'demo:bob', 'demo:nobody'], NOON);
    expect([...map.keys()].sort()).toEqual(['demo:ada', 'demo:bob']);
    expect(map.get('demo:ada')).toMatchObject({ name: 'Name ada', stage: 'lead', reachOut: false, onDrip: false });
    expect(map.get('demo:ada')?.signals.followUpDue).toBe(false);
    expect(map.get('demo:bob')?.reachOut).toBe(true);
    expect((await lookup(db, [], NOON)).size).toBe(0);
  });
});

describe('recordDmMessages', () => {
  it('never records the same message twice, across reloads', async () => {
    const { person } = await capture(db, input('ada', { surface: 'dm' }), settings);
    const identity = demoIdentity('ada');
    const msgs = [
      { dedupeKey: 'm1', direction: 'outbound' as const, at: NOON + HOUR, text: 'hi' },
      { dedupeKey: 'm2', direction: 'inbound' as const, at: NOON + 2 * HOUR, text: 'hello' },
    ];
    const first = await recordDmMessages(db, { identity }, msgs, NOON + 3 * HOUR, settings);
    expect(first.added).toHaveLength(2);
    expect(first.added.every((t) => t.text === undefined)).toBe(true); // storeMessageText is off by default
    const again = await recordDmMessages(db, { identity }, [...msgs, { dedupeKey: 'm3', direction: 'outbound', at: NOON + 4 * HOUR }], NOON + 5 * HOUR, settings);
    expect(again.added.map((t) => t.dedupeKey)).toEqual(['dm|demo:ada|m3']);
    expect(await db.touches.where('personId').equals(person.id).count()).toBe(4);
    const both = await Promise.all([
      recordDmMessages(db, { identity }, [{ dedupeKey: 'm4', direction: 'inbound' }], NOON + 6 * HOUR, settings),
      recordDmMessages(db, { identity }, [{ dedupeKey: 'm4', direction: 'inbound' }], NOON + 6 * HOUR, settings),
    ]);
    expect(both[0].added.length + both[1].added.length).toBe(1);
  });

  it('keeps message text only when the user allows it, and ignores unknown partners', async () => {
    await capture(db, input('ada', { surface: 'dm' }), settings);
    const r = await recordDmMessages(db, { identity: demoIdentity('ada') }, [{ dedupeKey: 'x', direction: 'inbound', text: 'yes' }], NOON, { ...settings, storeMessageText: true });
    expect(r.added[0]?.text).toBe('yes');
    const unknown = await recordDmMessages(db, { identity: demoIdentity('zed') }, [{ dedupeKey: 'y', direction: 'inbound' }], NOON, settings);
    expect(unknown.person).toBeNull();
    expect(await db.people.count()).toBe(1);
  });
});

describe('a retried capture (same request id) is stored once', () => {
  const REQ = 'req-2f6c1a9e-7d1b-4c7e';

  it('the retry writes nothing and answers with the person as stored', async () => {
    const first = await capture(db, input('ada', { requestId: REQ }), settings);
    const before = { people: await db.people.toArray(), touches: await db.touches.toArray() };
    // The reply to the first was lost; the user clicks again a little later.
    const retry = await capture(db, input('ada', { requestId: REQ, at: NOON + 5 * 60_000, text: 'Interested!!' }), settings);
    expect(await db.people.toArray()).toEqual(before.people);
    expect(await db.touches.toArray()).toEqual(before.touches);
    expect(retry.person).toEqual(first.person);
    expect(retry.touch).toEqual(first.touch);
    expect(retry.created).toBe(true);
    expect(first.touch?.dedupeKey).toBe(`capture|${REQ}`);
    // A new capture of the same person (a new id) is a new sighting, as always.
    const next = await capture(db, input('ada', { requestId: 'req-second-click', at: NOON + HOUR }), settings);
    expect(next.created).toBe(false);
    expect(await db.touches.count()).toBe(2);
  });

  it('the first attempt and its retry racing each other still store one touch', async () => {
    const results = await Promise.all([0, 1, 2].map((i) => capture(db, input('bob', { requestId: REQ, at: NOON + i }), settings)));
    expect(await db.people.count()).toBe(1);
    expect(await db.touches.count()).toBe(1);
    expect(new Set(results.map((r) => r.touch?.id)).size).toBe(1);
  });

  it('a request id already used for someone else is refused and writes nothing', async () => {
    await capture(db, input('ada', { requestId: REQ }), settings);
    const before = { people: await db.people.toArray(), touches: await db.touches.toArray() };
    await expect(capture(db, input('eve', { requestId: REQ }), settings)).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/already used for someone else/) });
    expect({ people: await db.people.toArray(), touches: await db.touches.toArray() }).toEqual(before);
  });

  it('is still recognised after the person was merged into another', async () => {
    const { mergePeople } = await import('../../../src/store/people');
    const ada = await capture(db, input('ada', { requestId: REQ }), settings);
    const keep = await capture(db, input('ada2'), settings);
    await mergePeople(db, keep.person.id, ada.person.id, NOON + HOUR, settings);
    const retry = await capture(db, input('ada', { requestId: REQ, at: NOON + 2 * HOUR }), settings);
    expect(retry.person.id).toBe(keep.person.id);
    expect(await db.touches.count()).toBe(2);
  });
});
