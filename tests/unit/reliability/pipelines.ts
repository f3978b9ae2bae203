/**
 * Random pipelines built through the real router and store, for the property tests of
 * backups: captures on every site, touches, stage changes, qualification, unicode notes (lone
 * surrogates too), appointments, merges (several identities), DMs, hand-raise posts and
 * cadence settings.
 */
import fc from 'fast-check';
import { CHANNELS, STAGES, TOUCH_KINDS } from '../../../src/domain/types';
import { createRouter } from '../../../src/messages/router';
import { DAY, NOON } from '../store/helpers';
import { harness, type Harness } from './helpers';

const PROFILES: { profileUrl: string; pageUrl: string }[] = [
  ...['ana', 'mei', 'jose', 'zoe', 'sam'].map((s) => ({ profileUrl: `http://127.0.0.1:8337/demo/profile/${s}`, pageUrl: 'http://127.0.0.1:8337/demo/index.html' })),
  { profileUrl: 'https://www.facebook.com/ana.souza.7', pageUrl: 'https://www.facebook.com/groups/1/posts/2' },
  { profileUrl: 'https://www.facebook.com/profile.php?id=100004', pageUrl: 'https://www.facebook.com/' },
  { profileUrl: 'https://www.instagram.com/mei.chen/', pageUrl: 'https://www.instagram.com/p/Cx1/' },
  { profileUrl: 'https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa/', pageUrl: 'https://www.linkedin.com/feed/' },
  { profileUrl: 'https://x.com/ZoeMuller', pageUrl: 'https://x.com/home' },
  { profileUrl: 'https://www.youtube.com/@SamOkafor', pageUrl: 'https://www.youtube.com/watch?v=abc' },
  { profileUrl: 'https://www.tiktok.com/@priya', pageUrl: 'https://www.tiktok.com/@priya/video/1' },
];
const POSTS = ['http://127.0.0.1:8337/demo/posts/101', 'https://www.facebook.com/groups/1/posts/2', 'https://x.com/a/status/1'];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** Unicode of every kind: any code point, graphemes, bidi and zero-width marks, lone surrogates. */
const text = (max: number) =>
  fc
    .array(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.string({ unit: 'grapheme', maxLength: 6 }),
        fc.constantFrom('\u202E', '\u200B', '\uFEFF', '\n', '  ', '<b>', '${x}', '__proto__', '🏽'),
        loneSurrogate,
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join('').slice(0, max));

const idx = (n: number) => fc.nat({ max: n - 1 });
const profileIdx = idx(PROFILES.length);

export type Op =
  | { op: 'capture'; p: number; name: string; text: string; surface: 'comment' | 'reaction' | 'dm' | 'link'; as: 'lead' | 'reach_out' | 'hand_raise' | 'auto'; post: number }
  | { op: 'logTouch'; p: number; direction: 'inbound' | 'outbound'; channel: (typeof CHANNELS)[number]; kind: (typeof TOUCH_KINDS)[number]; text: string; step?: string; back: number }
  | { op: 'setStage'; p: number; stage: (typeof STAGES)[number] }
  | { op: 'qualify'; p: number; q: Record<string, boolean | null> }
  | { op: 'update'; p: number; notes?: string; name?: string; market?: 'market' | 'non_market'; onDrip?: boolean; step?: string | null }
  | { op: 'appointment'; p: number; inDays: number; kind: 'meeting' | 'call' | 'video_call'; note: string }
  | { op: 'apptStatus'; a: number; status: 'scheduled' | 'kept' | 'missed' | 'cancelled' }
  | { op: 'merge'; p: number; q: number }
  | { op: 'post'; post: number; title: string }
  | { op: 'dm'; p: number; msgs: { key: string; direction: 'inbound' | 'outbound'; text: string }[] }
  | { op: 'cadence'; lead: number[]; contact: number[]; store: boolean }
  | { op: 'tick'; ms: number };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('capture' as const), p: profileIdx, name: text(60), text: text(200), surface: fc.constantFrom('comment' as const, 'reaction' as const, 'dm' as const, 'link' as const), as: fc.constantFrom('lead' as const, 'reach_out' as const, 'hand_raise' as const, 'auto' as const), post: idx(POSTS.length) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('logTouch' as const), p: profileIdx, direction: fc.constantFrom('inbound' as const, 'outbound' as const), channel: fc.constantFrom(...CHANNELS), kind: fc.constantFrom(...TOUCH_KINDS), text: text(300), step: fc.option(text(40).filter((s) => s.length > 0), { nil: undefined }), back: fc.nat({ max: 5 * DAY }) }, { requiredKeys: ['op', 'p', 'direction', 'channel', 'kind', 'text', 'back'] }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('setStage' as const), p: profileIdx, stage: fc.constantFrom(...STAGES) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('qualify' as const), p: profileIdx, q: fc.record({ need: fc.option(fc.boolean()), desire: fc.option(fc.boolean()), decisionMaker: fc.option(fc.boolean()), initiative: fc.option(fc.boolean()) }, { requiredKeys: [] }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('update' as const), p: profileIdx, notes: text(500), name: text(40).filter((s) => s.trim().length > 0), market: fc.constantFrom('market' as const, 'non_market' as const), onDrip: fc.boolean(), step: fc.option(text(40).filter((s) => s.length > 0), { nil: null }) }, { requiredKeys: ['op', 'p'] }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('appointment' as const), p: profileIdx, inDays: fc.integer({ min: -10, max: 30 }), kind: fc.constantFrom('meeting' as const, 'call' as const, 'video_call' as const), note: text(100) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('apptStatus' as const), a: fc.nat({ max: 20 }), status: fc.constantFrom('scheduled' as const, 'kept' as const, 'missed' as const, 'cancelled' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('merge' as const), p: profileIdx, q: profileIdx }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('post' as const), post: idx(POSTS.length), title: text(60) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dm' as const), p: profileIdx, msgs: fc.array(fc.record({ key: fc.string({ minLength: 1, maxLength: 4 }), direction: fc.constantFrom('inbound' as const, 'outbound' as const), text: text(80) }), { maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cadence' as const), lead: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }), contact: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 }), store: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 3 * DAY }) }) },
);

async function personIdOf(h: Harness, p: number): Promise<string | undefined> {
  const { profileUrl, pageUrl } = PROFILES[p]!;
  const r = await h.send('capture', { person: { profileUrl, name: 'probe', pageUrl }, surface: 'link', as: 'reach_out' });
  // A 'link' sighting adds no touch; it may create a suggestion, which is fine: it is part of the pipeline too.
  return r.ok ? (r.data as { badge: { personId: string } }).badge.personId : undefined;
}

export async function apply(h: Harness, op: Op, clock: { now: number }): Promise<void> {
  switch (op.op) {
    case 'capture': {
      const { profileUrl, pageUrl } = PROFILES[op.p]!;
      await h.send('capture', { person: { profileUrl, name: op.name, pageUrl }, surface: op.surface, as: op.as, text: op.text || undefined, contextUrl: op.surface === 'link' ? undefined : POSTS[op.post] });
      return;
    }
    case 'logTouch': {
      const personId = await personIdOf(h, op.p);
      if (!personId) return;
      await h.send('logTouch', { personId, direction: op.direction, channel: op.channel, kind: op.kind, at: clock.now - op.back, text: op.text || undefined, nextStep: op.step ? { text: op.step, at: clock.now + DAY } : undefined });
      return;
    }
    case 'setStage':
    case 'qualify':
    case 'update':
    case 'appointment':
    case 'merge':
    case 'dm': {
      const personId = await personIdOf(h, op.p);
      if (!personId) return;
      if (op.op === 'setStage') await h.send('setStage', { personId, stage: op.stage });
      if (op.op === 'qualify') await h.send('setQualification', { personId, qualification: op.q });
      if (op.op === 'update') await h.send('updatePerson', { personId, notes: op.notes, name: op.name, market: op.market, onDrip: op.onDrip, nextStep: op.step === null ? null : op.step ? { text: op.step } : undefined });
      if (op.op === 'appointment') await h.send('scheduleAppointment', { personId, at: clock.now + op.inDays * DAY, kind: op.kind, note: op.note || undefined });
      if (op.op === 'merge') {
        const otherId = await personIdOf(h, op.q);
        if (otherId && otherId !== personId) await h.ok('merge', { keepId: personId, otherId });
      }
      if (op.op === 'dm') {
        const { profileUrl, pageUrl } = PROFILES[op.p]!;
        await h.ok('recordDm', { person: { profileUrl, name: 'dm', pageUrl }, messages: op.msgs.map((m, i) => ({ dedupeKey: `${op.p}-${m.key}`, direction: m.direction, at: clock.now - i * 60_000, text: m.text || undefined })) });
      }
      return;
    }
    case 'apptStatus': {
      const all = await h.db.appointments.orderBy('id').toArray();
      const a = all[op.a % Math.max(1, all.length)];
      if (a) await h.ok('updateAppointment', { appointmentId: a.id, status: op.status });
      return;
    }
    case 'post':
      await h.ok('markHandRaisePost', { url: POSTS[op.post], title: op.title || undefined });
      return;
    case 'cadence':
      await h.ok('settingsSet', { settings: { cadence: { lead: op.lead, contact: op.contact }, storeMessageText: op.store } });
      return;
    case 'tick':
      clock.now += op.ms;
      return;
  }
}


/** A pipeline built by `ops`, its router reading a clock that the ops move forward. */
export async function pipeline(ops: Op[], start = NOON): Promise<Harness & { clock: { now: number } }> {
  const clock = { now: start };
  const base = await harness();
  const route = createRouter({ db: base.db, now: () => clock.now, extensionId: 'x', extensionUrl: 'chrome-extension://x/' });
  const from = { id: 'x', url: 'chrome-extension://x/src/options/index.html' };
  const h: Harness = {
    db: base.db,
    send: (type, payload) => route({ type, payload }, from),
    async ok(type, payload) {
      const r = await route({ type, payload }, from);
      if (!r.ok) throw new Error(`${type} refused: ${r.error.message}`);
      return r.data as never;
    },
  };
  for (const op of ops) await apply(h, op, clock);
  return { ...h, clock };
}
