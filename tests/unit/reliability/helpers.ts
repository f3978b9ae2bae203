/**
 * Shared by the reliability checks: a router over a fresh fake-indexeddb database, a full
 * snapshot of what is stored, and what a refusal must look like to the person reading it.
 */
import { expect } from 'vitest';

import { Messages, replySchema, type MessageType, type Reply } from '../../../src/messages/contract';
import { createRouter } from '../../../src/messages/router';
import type { HandraiserDB } from '../../../src/store/db';
import { freshDb, NOON } from '../store/helpers';

export const EXT = 'handraiser@reliability';
export const EXT_URL = 'chrome-extension://handraiserreliability/';
/** Handraiser's own options page, as the browser names it to the background. */
export const FROM_PAGE = { id: EXT, url: `${EXT_URL}src/options/index.html` };
export const ORIGIN = 'http://127.0.0.1:8337';
export const PAGE = `${ORIGIN}/demo/index.html`;
export const POST = `${ORIGIN}/demo/posts/101`;
export const profile = (slug: string) => `${ORIGIN}/demo/profile/${slug}`;

export interface Harness {
  db: HandraiserDB;
  /** Sends one raw message as our own extension; checks every reply against the contract. */
  send(type: string, payload: unknown): Promise<Reply>;
  /** Sends and expects ok:true; returns the data. */
  ok<T = any>(type: MessageType, payload: unknown): Promise<T>;
}

export async function harness(now = NOON): Promise<Harness> {
  const db = await freshDb();
  const route = createRouter({ db, now: () => now, extensionId: EXT, extensionUrl: EXT_URL, openPage: async () => {} });
  const send = async (type: string, payload: unknown): Promise<Reply> => {
    let reply: Reply;
    try {
      reply = await route({ type, payload }, FROM_PAGE);
    } catch (e) {
      throw new Error(`route() threw for ${type}: ${String(e)}`, { cause: e });
    }
    // Every reply, ok or not, must be one the client can read: the contract's reply schema.
    if (Object.hasOwn(Messages, type)) {
      const parsed = replySchema(type as MessageType).safeParse(reply);
      expect(parsed.success, `reply to ${type} breaks the contract: ${JSON.stringify(reply).slice(0, 300)}`).toBe(true);
    }
    return reply;
  };
  return {
    db,
    send,
    async ok(type, payload) {
      const reply = await send(type, payload);
      if (!reply.ok) throw new Error(`${type} refused: ${reply.error.message}`);
      return reply.data as never;
    },
  };
}

/** Everything stored, in a stable order: before/after comparisons of refused requests. */
export async function snapshot(db: HandraiserDB) {
  return {
    people: await db.people.orderBy('id').toArray(),
    touches: await db.touches.orderBy('id').toArray(),
    appointments: await db.appointments.orderBy('id').toArray(),
    posts: await db.handRaisePosts.toArray(),
    health: await db.siteHealth.toArray(),
    settings: await db.settings.toArray(),
    meta: await db.meta.toArray(),
  };
}

/** A refusal a person can read: a sentence, no internals. */
export function expectReadable(message: string): void {
  expect(message.length).toBeGreaterThan(10);
  expect(message.length).toBeLessThanOrEqual(2000);
  expect(message).toMatch(/[.!?…]$/);
  expect(message).toMatch(/^[A-Z…]/);
  expect(message).not.toMatch(/undefined|\[object Object\]|NaN|null\b/);
  expect(message).not.toMatch(/\n\s+at |Error:|ZodError|TypeError|stack|\bat Object\./);
  expect(message).not.toMatch(/^\s*[[{]/);
}

export function expectRefused(reply: Reply, code: 'invalid' | 'not_found' | 'forbidden' | 'failed' = 'invalid'): void {
  expect(reply.ok, `expected a refusal, got ${JSON.stringify(reply).slice(0, 300)}`).toBe(false);
  if (reply.ok) return;
  expect(reply.error.code).toBe(code);
  expectReadable(reply.error.message);
}

const URL_FIELDS = new Set(['profileUrl', 'avatarUrl', 'contextUrl', 'url', 'threadUrl']);

/** Every URL stored anywhere is a web address: never javascript:, data:, vbscript: and the like. */
export async function expectOnlyWebUrlsStored(db: HandraiserDB): Promise<void> {
  const snap = await snapshot(db);
  const bad: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (URL_FIELDS.has(k) && typeof x === 'string') {
          let proto: string;
          try {
            proto = new URL(x).protocol;
          } catch {
            proto = 'unparseable';
          }
          if (!/^https?:\/\//i.test(x) || (proto !== 'http:' && proto !== 'https:')) bad.push(`${path}.${k}=${x.slice(0, 80)}`);
        }
        walk(x, `${path}.${k}`);
      }
    }
  };
  walk(snap, 'db');
  expect(bad).toEqual([]);
}

/** Prototype pollution leaves a trace on every plain object. */
export function expectNoPollution(): void {
  const probe: Record<string, unknown> = {};
  for (const key of ['pwned', 'polluted', 'stage', 'dailyGoal', 'isAdmin']) expect(probe[key], key).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'pwned')).toBe(false);
}
