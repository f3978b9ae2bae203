/**
 * The content script's side of the message contract, within its 20 KB budget.
 *
 * Why not messages/client.ts: classic zod (which contract.ts and broadcast.ts use) is about
 * 23 KB gzipped on its own and is not tree-shakable (even zod/mini is ~8 KB). This file mirrors,
 * with the small checks of guard.ts, only the replies and broadcasts the content script reads; the
 * type checks at the bottom fail to compile when the contract changes shape under us, and
 * tests/unit/content/wire.test.ts checks that both sides agree on samples. Requests are typed by
 * the contract itself (type-only imports: no bytes in the bundle).
 */
import type { Broadcast as ContractBroadcast } from '../messages/broadcast';
import type { MessageType, PromotionView, Req, Res } from '../messages/contract';
import type { Stage } from '../domain/types';
import { STAGES } from '../domain/constants';
import { LIMITS } from '../domain/limits';
import { CHANGE_REASONS, PROMOTION_REASONS } from '../messages/wire-names';
import { t } from './i18n';
import { type Check, FAIL, type Infer, arr, bool, either, int, obj, oneOf, opt, rec, str, unknown } from './guard';

const Signals = obj({
  followUpDue: bool,
  overdue: bool,
  chasing: bool,
  noNextStep: bool,
  readyToDecide: bool,
  onDrip: bool,
  notInterested: bool,
});

/** Of the four qualification questions. */
const upTo4: Check<number> = (v) => (int(v) !== FAIL && (v as number) <= 4 ? (v as number) : FAIL);

export const BadgeSchema = obj({
  personId: str(64, 1),
  name: str(200),
  stage: oneOf(...STAGES),
  onDrip: bool,
  reachOut: bool,
  nextFollowUpAt: opt(int),
  lastTouchAt: opt(int),
  nextStep: opt(obj({ text: str(LIMITS.nextStep, 1), at: opt(int) })),
  qualification: obj({ yes: upTo4, answered: upTo4 }),
  signals: Signals,
  promotion: opt(obj({ to: oneOf('prospect'), reason: oneOf(...PROMOTION_REASONS) })),
});
export type Badge = Infer<typeof BadgeSchema>;

/** Replies we only await: any object. */
const Anything: Check<object> = (v) => (typeof v === 'object' && v !== null ? v : FAIL);

/** Reply schemas of the messages the content script sends. */
const RES = {
  capture: obj({
    profileKey: str(300),
    created: bool,
    capturedAs: oneOf('lead', 'reach_out', 'hand_raise'),
    badge: BadgeSchema,
  }),
  lookup: obj({ badges: rec(BadgeSchema) }),
  settingsGet: obj({
    settings: obj({ storeMessageText: bool, sites: rec(obj({ enabled: bool, badges: bool })) }),
    words: opt(rec(str(500))),
  }),
  listHandRaisePosts: obj({ posts: arr(obj({ url: str(2048), postKey: str(2048, 1) })) }),
  recordDm: obj({ profileKey: str(300), known: bool, added: int, badge: opt(BadgeSchema) }),
  setStage: Anything,
  logTouch: Anything,
  markHandRaisePost: Anything,
  unmarkHandRaisePost: Anything,
  reportSiteHealth: Anything,
  openHandraiser: Anything,
} as const;

export type ContentType = keyof typeof RES;
export type ContentReq<T extends ContentType> = T extends MessageType ? Req<T> : never;
export type ContentRes<T extends ContentType> = Infer<(typeof RES)[T]>;
export type ContentSend = <T extends ContentType>(type: T, payload: ContentReq<T>) => Promise<ContentRes<T>>;
export type Transport = (message: { type: ContentType; payload: unknown }) => Promise<unknown>;

/** Same name and readable message as messages/client's HandraiserError; 'invalidated' means the extension was reloaded. */
export class ContentError extends Error {
  override readonly name = 'HandraiserError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const Envelope = either(
  obj({ ok: oneOf(true), data: unknown }),
  obj({ ok: oneOf(false), error: obj({ code: str(50), message: str(2000) }) }),
);

export function isInvalidated(e: unknown): boolean {
  if (e instanceof ContentError) return e.code === 'invalidated';
  return /context invalidated/i.test(String((e as { message?: unknown } | null)?.message ?? e));
}

export function createContentClient(transport: Transport): ContentSend {
  return async (type, payload) => {
    let raw: unknown;
    try {
      raw = await transport({ type, payload });
    } catch (e) {
      if (isInvalidated(e)) throw new ContentError('invalidated', 'Handraiser was updated. Reload the page to use it here.');
      throw new ContentError('failed', t('unreachable'));
    }
    const env = Envelope(raw);
    if (env === FAIL) throw new ContentError('failed', t('unreadable'));
    if ('error' in env) throw new ContentError(env.error.code, env.error.message);
    const data = (RES[type] as Check<unknown>)(env.data);
    if (data === FAIL) throw new ContentError('failed', t('unreadable'));
    return data as ContentRes<typeof type>;
  };
}

// ---------- background → tab broadcasts (mirrors messages/broadcast.ts) ----------

const BroadcastSchema = either(
  obj({ type: oneOf('handraiser:changed'), personIds: arr(str(64), 10_000), profileKeys: opt(arr(str(300), 100)), reason: oneOf(...CHANGE_REASONS) }),
  obj({ type: oneOf('handraiser:settings') }),
  obj({ type: oneOf('handraiser:command'), command: oneOf('capture-focused') }),
);
export type BroadcastMsg = Infer<typeof BroadcastSchema>;

/** A broadcast, or null for anything that is not one (pages and other extensions cannot reach us, but be strict). */
export function parseBroadcast(msg: unknown): BroadcastMsg | null {
  const r = BroadcastSchema(msg);
  return r === FAIL ? null : r;
}

// ---------- the browser's runtime, without webextension-polyfill (3 KB we do not need here) ----------

type Listener = (message: unknown) => void;
export interface RuntimeLike {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: { addListener(fn: Listener): void; removeListener(fn: Listener): void };
}

export function browserRuntime(): RuntimeLike | null {
  const g = globalThis as { browser?: { runtime?: RuntimeLike }; chrome?: { runtime?: RuntimeLike } };
  return g.browser?.runtime ?? g.chrome?.runtime ?? null;
}

// ---------- compile-time drift checks against the contract ----------

type Accepts<Ours, Theirs extends Ours> = Theirs;
/** @public Compiles only while both sides agree. */
export type ContractChecks = [
  Accepts<ContentRes<'capture'>, Res<'capture'>>,
  Accepts<ContentRes<'lookup'>, Res<'lookup'>>,
  Accepts<ContentRes<'settingsGet'>, Res<'settingsGet'>>,
  Accepts<ContentRes<'listHandRaisePosts'>, Res<'listHandRaisePosts'>>,
  Accepts<ContentRes<'recordDm'>, Res<'recordDm'>>,
  Accepts<BroadcastMsg, ContractBroadcast>,
  Accepts<ContractBroadcast, BroadcastMsg>,
  Accepts<Stage, (typeof STAGES)[number]>,
  Accepts<(typeof PROMOTION_REASONS)[number], PromotionView['reason']>,
  Accepts<PromotionView['reason'], (typeof PROMOTION_REASONS)[number]>,
];
