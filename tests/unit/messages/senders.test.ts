/**
 * Who may send what, the way an attacker tries it: every message type from every kind of
 * sender. Handraiser's own pages may send everything; our content script, which runs inside a
 * social site's page (a page that may be hostile, or may have compromised the content script),
 * may send only what a content script sends, and only about its own site; anything else
 * (another extension, a web page, a sender without a page) is refused. A refusal writes nothing.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: { runtime: { sendMessage: vi.fn() } } }));
import { createContentClient, type ContentType } from '../../../src/content/wire';
import {
  CONTENT_REPLIES,
  CONTENT_SCRIPT_TYPES,
  MESSAGE_TYPES,
  replySchema,
  type Backup,
  type ContentScriptType,
  type MessageType,
  type Reply,
  type Req,
} from '../../../src/messages/contract';
import { createRouter, senderKind, type Sender, type SyncControl } from '../../../src/messages/router';
import type { HandraiserDB } from '../../../src/store/db';
import { snapshot } from '../reliability/helpers';
import { DAY, freshDb, NOON } from '../store/helpers';

// Compile-time: the content script's list of messages (wire.ts's RES) is the router's list.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameLists: Same<ContentType, ContentScriptType> = true;

const EXT = 'handraiser@senders';
const EXT_URL = 'chrome-extension://handraisersenders/';
const PAGE = 'http://localhost:5173/demo/feed';
const POST = 'http://localhost:5173/demo/post/42';
const person = (slug: string) => ({ profileUrl: `http://localhost:5173/demo/profile/${slug}`, name: `Name ${slug}`, pageUrl: PAGE });

const SENDERS = {
  popup: { id: EXT, url: `${EXT_URL}src/popup/index.html` },
  optionsInTab: { id: EXT, url: `${EXT_URL}src/options/index.html`, tab: { id: 4 } },
  contentScript: { id: EXT, url: PAGE, tab: { id: 7 } },
  contentScriptOnFacebook: { id: EXT, url: 'https://www.facebook.com/groups/1/posts/2', tab: { id: 8 } },
  contentScriptOnAnotherHost: { id: EXT, url: 'https://evil.example/page', tab: { id: 9 } },
  contentScriptInAFileUrl: { id: EXT, url: 'file:///home/me/facebook.com.html', tab: { id: 9 } },
  siteAddressWithoutTab: { id: EXT, url: PAGE },
  otherExtension: { id: 'other@ext', url: 'chrome-extension://otherextension/page.html' },
  otherExtensionClaimingOurId: { id: EXT, url: 'chrome-extension://otherextension/page.html', tab: { id: 3 } },
  ourIdWithoutUrl: { id: EXT },
  webPage: { url: 'https://evil.example/', tab: { id: 10 } },
  nothing: {},
} satisfies Record<string, Sender>;
type SenderName = keyof typeof SENDERS;
const REFUSED_SENDERS = Object.keys(SENDERS).filter((n) => !['popup', 'optionsInTab', 'contentScript', 'contentScriptOnFacebook'].includes(n)) as SenderName[];

interface World {
  db: HandraiserDB;
  route: ReturnType<typeof createRouter>;
  adaId: string;
  bobId: string;
  touchId: string;
  appointmentId: string;
}

/** Sync as the background has it, answering at once: these tests are about who may ask. */
const STATUS = { configured: true, server: 'https://couch.example.com', database: 'handraiser', user: 'ana', settings: [], waiting: 0, running: false, notices: [] };
const SYNC: SyncControl = {
  configured: async () => true,
  status: async () => STATUS,
  setUp: async () => ({ problem: null, status: STATUS }),
  syncNow: async () => STATUS,
  choose: async () => STATUS,
  turnOff: async () => ({ ...STATUS, configured: false }),
  deleteServerCopy: async () => {},
};

async function world(): Promise<World> {
  const db = await freshDb();
  const route = createRouter({ db, now: () => NOON, extensionId: EXT, extensionUrl: EXT_URL, openPage: async () => {}, partChars: 2_000, sync: SYNC });
  const ok = async <T extends MessageType>(type: T, payload: Req<T>) => {
    const r = await route({ type, payload }, SENDERS.popup);
    if (!r.ok) throw new Error(`${type}: ${r.error.message}`);
    return r.data as never;
  };
  const ada = await ok('capture', { person: person('ada'), surface: 'comment', as: 'lead', contextUrl: POST });
  const bob = await ok('capture', { person: person('bob'), surface: 'comment', as: 'lead' });
  const adaId = (ada as { badge: { personId: string } }).badge.personId;
  const { touch } = await ok('logTouch', { personId: adaId, direction: 'outbound', channel: 'demo', kind: 'message' });
  const { appointment } = await ok('scheduleAppointment', { personId: adaId, at: NOON + DAY, kind: 'call' });
  await ok('markHandRaisePost', { url: POST });
  return { db, route, adaId, bobId: (bob as { badge: { personId: string } }).badge.personId, touchId: (touch as { id: string }).id, appointmentId: (appointment as { id: string }).id };
}

/** A valid request of every type; the mapped type makes a new message a compile error here until it has one. */
const SAMPLES: { [K in MessageType]: (w: World) => Promise<Req<K>> | Req<K> } = {
  capture: () => ({ person: person('cy'), surface: 'comment', as: 'lead', contextUrl: POST }),
  lookup: () => ({ profileKeys: ['demo:ada'] }),
  logTouch: (w) => ({ personId: w.adaId, direction: 'inbound', channel: 'demo', kind: 'message' }),
  deleteTouch: (w) => ({ touchId: w.touchId }),
  setStage: (w) => ({ personId: w.adaId, stage: 'prospect' }),
  setQualification: (w) => ({ personId: w.adaId, qualification: { need: true } }),
  updatePerson: (w) => ({ personId: w.adaId, notes: 'Private: wants a discount' }),
  scheduleAppointment: (w) => ({ personId: w.adaId, at: NOON + 2 * DAY, kind: 'meeting' }),
  updateAppointment: (w) => ({ appointmentId: w.appointmentId, status: 'kept' }),
  markHandRaisePost: () => ({ url: 'http://localhost:5173/demo/post/7' }),
  unmarkHandRaisePost: () => ({ url: POST }),
  listHandRaisePosts: () => ({}),
  merge: (w) => ({ keepId: w.adaId, otherId: w.bobId }),
  addPerson: () => ({ name: 'Dee Added', stage: 'lead', sourceKind: 'manual', phone: '+1 555 0100' }),
  deletePerson: (w) => ({ personId: w.bobId }),
  async restorePerson(w) {
    const r = await w.route({ type: 'deletePerson', payload: { personId: w.bobId } }, SENDERS.popup);
    if (!r.ok) throw new Error(r.error.message);
    return (r.data as { deleted: Req<'restorePerson'> }).deleted;
  },
  queuePage: () => ({ tier: 0, offset: 0, limit: 10 }),
  syncStatus: () => ({}),
  syncSetup: () => ({ server: 'https://couch.example.com', database: 'handraiser', user: 'ana', password: 'pw', passphrase: 'ten chars at least', settings: ['cadence'] }),
  syncNow: () => ({}),
  syncChoose: () => ({ settings: ['sites'] }),
  syncOff: () => ({}),
  today: () => ({}),
  pipeline: () => ({}),
  insight: () => ({}),
  person: (w) => ({ personId: w.adaId }),
  settingsGet: () => ({}),
  settingsSet: () => ({ settings: { storeMessageText: true, notifications: false } }),
  exportJson: () => ({}),
  exportFile: () => ({}),
  async exportPart(w) {
    // A backup in parts (partChars is small here), so there is a second part to fetch.
    const r = await w.route({ type: 'exportFile', payload: {} }, SENDERS.popup);
    if (!r.ok) throw new Error(r.error.message);
    return { id: (r.data as { id: string }).id, index: 1 };
  },
  uploadPart: () => ({ id: 'upload-1', index: 0, count: 2, text: '{' }),
  async importJson(w) {
    const r = await w.route({ type: 'exportJson', payload: {} }, SENDERS.popup);
    if (!r.ok) throw new Error(r.error.message);
    return { data: (r.data as { backup: Backup }).backup };
  },
  recordDm: () => ({ person: person('ada'), messages: [{ dedupeKey: 'm1', direction: 'inbound', at: NOON - 60_000 }] }),
  reportSiteHealth: () => ({ site: 'demo', pageType: 'feed', url: PAGE }),
  listSiteHealth: () => ({}),
  deleteAll: () => ({ confirm: true }),
  countDue: () => ({}),
  openHandraiser: () => ({ view: 'today' }),
};

/** Each type on a fresh world (its request is valid there), or all on one when nothing may be written. */
async function sendEvery(
  sender: Sender,
  expectation: (type: MessageType, reply: Reply, w: World, before: unknown) => Promise<void>,
  fresh = true,
) {
  let w = await world();
  for (const type of MESSAGE_TYPES) {
    if (fresh && type !== MESSAGE_TYPES[0]) {
      w.db.close();
      w = await world();
    }
    const payload = await SAMPLES[type](w);
    const before = await snapshot(w.db);
    const reply = await w.route({ type, payload }, sender);
    await expectation(type, reply, w, before);
  }
  w.db.close();
}

describe('which kind of context sent a message', () => {
  it('the content script and the router agree on what a content script sends', () => {
    expect(sameLists).toBe(true);
    expect([...CONTENT_SCRIPT_TYPES].sort()).toEqual(
      ['capture', 'lookup', 'settingsGet', 'listHandRaisePosts', 'recordDm', 'setStage', 'logTouch', 'markHandRaisePost', 'unmarkHandRaisePost', 'reportSiteHealth', 'openHandraiser'].sort(),
    );
  });

  it('is told from what the browser says of the sender', () => {
    const kind = (s: Sender) => senderKind(s, EXT, EXT_URL);
    expect(kind(SENDERS.popup)).toEqual({ kind: 'extension' });
    expect(kind(SENDERS.optionsInTab)).toEqual({ kind: 'extension' });
    expect(kind(SENDERS.contentScript)).toEqual({ kind: 'content', site: 'demo' });
    expect(kind(SENDERS.contentScriptOnFacebook)).toEqual({ kind: 'content', site: 'facebook' });
    for (const name of REFUSED_SENDERS) expect(kind(SENDERS[name]), name).toBeNull();
    // A look-alike of our own address is not our address.
    expect(kind({ id: EXT, url: 'chrome-extension://handraisersenders.evil/x.html', tab: { id: 1 } })).toBeNull();
    expect(senderKind(undefined, EXT, EXT_URL)).toBeNull();
    // Without a base URL ending in "/", nothing counts as our page.
    expect(senderKind(SENDERS.popup, EXT, 'chrome-extension://handraisersenders')).toBeNull();
  });
});

describe('every message type from every kind of sender', () => {
  it("Handraiser's own pages may send every message", async () => {
    for (const sender of [SENDERS.popup, SENDERS.optionsInTab]) {
      await sendEvery(sender, async (type, reply) => {
        expect(reply.ok, `${type}: ${JSON.stringify(reply).slice(0, 200)}`).toBe(true);
        expect(replySchema(type).safeParse(reply).success, type).toBe(true);
      });
    }
  }, 60_000);

  it('a content script may send only what a content script sends; everything else is refused and writes nothing', async () => {
    const allowed = new Set<MessageType>(CONTENT_SCRIPT_TYPES);
    await sendEvery(SENDERS.contentScript, async (type, reply, w, before) => {
      if (allowed.has(type)) {
        expect(reply.ok, `${type}: ${JSON.stringify(reply).slice(0, 200)}`).toBe(true);
        const schema = type in CONTENT_REPLIES ? CONTENT_REPLIES[type as keyof typeof CONTENT_REPLIES] : replySchema(type);
        expect(schema.safeParse(reply.ok ? (type in CONTENT_REPLIES ? reply.data : reply) : null).success, type).toBe(true);
        return;
      }
      expect(reply, type).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/^Only Handraiser's own window can do this/) } });
      expect(await snapshot(w.db), type).toEqual(before);
    });
  }, 60_000);

  it('another extension, a web page, a page of an unsupported host and a sender without a page are refused for every type', async () => {
    for (const name of REFUSED_SENDERS) {
      await sendEvery(SENDERS[name], async (type, reply, w, before) => {
        expect(reply, `${name} ${type}`).toEqual({ ok: false, error: { code: 'forbidden', message: 'This request did not come from Handraiser itself, so it was refused.' } });
        expect(await snapshot(w.db)).toEqual(before);
      }, false);
    }
  }, 60_000);
});

describe('a compromised content script', () => {
  let w: World;
  const fromPage = <T extends MessageType>(type: T, payload: Req<T>, sender: Sender = SENDERS.contentScript) => w.route({ type, payload }, sender);
  beforeEach(async () => {
    w = await world();
  });

  it('cannot dump the pipeline, switch on message-text storage or delete everything', async () => {
    const before = await snapshot(w.db);
    for (const [type, payload] of [
      ['exportJson', {}],
      ['exportFile', {}],
      ['settingsSet', { settings: { storeMessageText: true } }],
      ['deleteAll', { confirm: true }],
      ['importJson', { data: { format: 'handraiser-backup', version: 1, people: [], touches: [], appointments: [] } }],
      ['pipeline', {}],
      ['person', { personId: w.adaId }],
      ['updatePerson', { personId: w.adaId, notes: 'gone' }],
      ['merge', { keepId: w.adaId, otherId: w.bobId }],
    ] as const) {
      expect(await w.route({ type, payload }, SENDERS.contentScript), type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await snapshot(w.db)).toEqual(before);
  });

  it('is told only the settings it acts on, for its own site; the content script can read that reply', async () => {
    await w.route({ type: 'settingsSet', payload: { settings: { dailyGoal: 17, sites: { facebook: { enabled: false, badges: true }, demo: { enabled: true, badges: false }, instagram: { enabled: true, badges: true }, linkedin: { enabled: true, badges: true }, x: { enabled: true, badges: true }, youtube: { enabled: true, badges: true }, tiktok: { enabled: true, badges: true } } } } }, SENDERS.popup);
    const reply = await fromPage('settingsGet', {});
    expect(reply).toEqual({ ok: true, data: { settings: { storeMessageText: false, sites: { demo: { enabled: true, badges: false } } } } });
    const fb = await fromPage('settingsGet', {}, SENDERS.contentScriptOnFacebook);
    expect(fb).toEqual({ ok: true, data: { settings: { storeMessageText: false, sites: { facebook: { enabled: false, badges: true } } } } });
    // The content script's own client reads it (wire.ts checks only the fields it uses).
    const client = createContentClient((m) => w.route(m, SENDERS.contentScript));
    expect((await client('settingsGet', {})).settings.sites['demo']).toEqual({ enabled: true, badges: false });
  });

  it('asks only about its own site: people, posts and pages of another site are refused or not found', async () => {
    const before = await snapshot(w.db);
    // A content script on Facebook forging a demo capture, DM, post mark or health report.
    const fb = SENDERS.contentScriptOnFacebook;
    for (const [type, payload] of [
      ['capture', { person: person('mallory'), surface: 'comment', as: 'lead' }],
      ['recordDm', { person: person('ada'), messages: [{ dedupeKey: 'forged', direction: 'outbound' }] }],
      ['markHandRaisePost', { url: 'http://localhost:5173/demo/post/9' }],
      ['unmarkHandRaisePost', { url: POST }],
      ['reportSiteHealth', { site: 'demo', pageType: 'feed', url: PAGE }],
      ['listHandRaisePosts', { site: 'demo' }],
    ] as const) {
      expect(await w.route({ type, payload }, fb), type).toEqual({ ok: false, error: { code: 'forbidden', message: 'A page can only ask Handraiser about its own site, so this request was refused.' } });
    }
    expect(await snapshot(w.db)).toEqual(before);
    // Look-ups of another site's people find nobody; its own list of posts holds only its site's.
    expect(await fromPage('lookup', { profileKeys: ['demo:ada'] }, fb)).toEqual({ ok: true, data: { badges: {} } });
    expect(await fromPage('listHandRaisePosts', {}, fb)).toEqual({ ok: true, data: { posts: [] } });
    const own = await fromPage('lookup', { profileKeys: ['demo:ada', 'facebook:zuck'] });
    expect(own.ok && Object.keys((own.data as { badges: object }).badges)).toEqual(['demo:ada']);
  });

  it('cannot date a touch in the future, nor point it at another site', async () => {
    const r = await fromPage('logTouch', { personId: w.adaId, direction: 'outbound', channel: 'demo', kind: 'message', at: Date.UTC(2100, 0, 1), contextUrl: 'https://evil.example/login' });
    expect(r.ok).toBe(true);
    const touch = (r as { data: { touch: { at: number; contextUrl?: string } } }).data.touch;
    expect(touch.at).toBeLessThanOrEqual(NOON + 5 * 60_000);
    expect(touch.contextUrl).toBeUndefined();
    const person = (await w.db.people.get(w.adaId))!;
    expect(person.lastTouchAt).toBeLessThanOrEqual(NOON + 5 * 60_000);
    expect(person.nextFollowUpAt).toBeLessThan(NOON + 10 * DAY);
  });
});
