/**
 * The background's single entry point. Checks the sender, validates the envelope and the
 * payload, dispatches to the store, and always answers with a Reply: it never throws.
 * Nothing is written before the request has passed validation.
 */
import { oneClickCapture, type CaptureKind } from '../domain/capture';
import { postKeyOf, profileOf, siteOfHost } from '../domain/identity';
import { cleanText } from '../domain/text';
import { LIMITS, type Identity } from '../domain/types';
import type { HandraiserDB } from '../store/db';
import { ImportError, StoreError, sentenceOf } from '../store/errors';
import * as store from '../store/index';
import { EnvelopeSchema, Messages, type MessageType, type PagePerson, type Reply, type Req, type Res, type WireError } from './contract';
import { splitText, TransferError, Transfers } from './transfers';
import { MAX_PARTS, PART_CHARS } from './wire-names';

export type { Reply } from './contract';

export interface Change {
  personIds: string[];
  /** Profile keys a page may show without knowing the person's id yet (a new capture). */
  profileKeys?: string[];
  reason: string;
}

export interface RouterDeps {
  db: HandraiserDB;
  now: () => number;
  extensionId: string;
  onChange?: (change: Change) => void;
  /** Opens the Handraiser page with this query string in a tab (the background passes tabs.create). */
  openPage?: (query: string) => Promise<void>;
  /** Characters per part of a backup file's text (PART_CHARS; tests set fewer). */
  partChars?: number;
  /** Sync in the background (background/sync.ts); absent where sync does not run. */
  sync?: SyncControl;
  /** The origin of our own pages (runtime.getURL('')): Firefox's is not made of the extension id. */
  extensionOrigin?: string;
}

/**
 * What the router asks of sync. `deleteServerCopy` deletes every record on the server (other
 * devices then delete theirs); it throws when it cannot, with a sentence a person can read.
 */
export interface SyncControl {
  configured(): Promise<boolean>;
  status(): Promise<Res<'syncStatus'>>;
  setUp(input: Req<'syncSetup'>): Promise<Res<'syncSetup'>>;
  syncNow(): Promise<Res<'syncStatus'>>;
  choose(settings: Req<'syncChoose'>['settings']): Promise<Res<'syncStatus'>>;
  turnOff(): Promise<Res<'syncStatus'>>;
  deleteServerCopy(): Promise<void>;
}

/**
 * Messages only Handraiser's own pages (popup, options) may send: sync's carry the server
 * password and the passphrase, and set where data goes. A content script is refused.
 */
const PAGE_ONLY: ReadonlySet<MessageType> = new Set(['syncStatus', 'syncSetup', 'syncNow', 'syncChoose', 'syncOff']);

/** What handlers see: the deps, and the backup files in transit between messages. */
type Context = RouterDeps & { transfers: Transfers; partChars: number };

export interface Sender {
  id?: string;
  url?: string;
}

interface Outcome<T extends MessageType> {
  data: Res<T>;
  change?: Change;
}

type Handlers = { [K in MessageType]: (payload: Req<K>, ctx: Context) => Promise<Outcome<K>> };

/** Thrown by handlers for a request that is well-formed but cannot be done. */
class Refusal extends Error {
  constructor(
    readonly code: WireError['code'],
    message: string,
  ) {
    super(message);
  }
}

export { cleanText };

/** The identity of a person seen on a page, or a refusal saying why not. */
export function identityOf(person: PagePerson): Identity {
  let pageHost: string;
  try {
    pageHost = new URL(person.pageUrl).hostname;
  } catch {
    throw new Refusal('invalid', 'The page address is not a valid web address.');
  }
  const pageSite = siteOfHost(pageHost);
  if (!pageSite) throw new Refusal('invalid', 'Handraiser does not work on this site, so nobody was captured.');
  const ref = profileOf(person.profileUrl, person.pageUrl);
  if (!ref) throw new Refusal('invalid', "This link does not lead to a person's profile, so nobody was captured.");
  if (ref.site !== pageSite) {
    throw new Refusal('invalid', 'This profile belongs to a different site than the page it was found on, so it was not captured.');
  }
  const displayName = cleanText(person.name, LIMITS.name) || ref.handle?.slice(0, LIMITS.name) || 'Unknown';
  const identity: Identity = { site: ref.site, profileKey: ref.profileKey, profileUrl: ref.canonicalUrl, displayName };
  if (ref.handle) identity.handle = ref.handle.slice(0, LIMITS.handle);
  if (person.avatarUrl) identity.avatarUrl = person.avatarUrl;
  return identity;
}

function postOf(url: string): { postKey: string; site: NonNullable<ReturnType<typeof siteOfHost>> } {
  const postKey = postKeyOf(url);
  const site = siteOfHost(new URL(url).hostname);
  if (!postKey || !site) throw new Refusal('invalid', 'This address is not a post on a site Handraiser supports.');
  return { postKey, site };
}

function needSync(sync: SyncControl | undefined): SyncControl {
  if (!sync) throw new Refusal('failed', 'Sync is not available here.');
  return sync;
}

const handlers: Handlers = {
  async capture(p, { db, now }) {
    const identity = identityOf(p.person);
    const at = now();
    let as: CaptureKind;
    if (p.as !== 'auto') as = p.as;
    else {
      // Only a reaction depends on its post (oneClickCapture): no store read for the others.
      const key = p.surface === 'reaction' && p.contextUrl ? postKeyOf(p.contextUrl) : null;
      as = oneClickCapture(p.surface, key !== null && (await store.isHandRaisePost(db, key)));
    }
    const settings = await store.getSettings(db);
    const input: store.CaptureInput = { identity, surface: p.surface, as, at };
    if (p.contextUrl) input.contextUrl = p.contextUrl;
    if (p.text) {
      const text = cleanText(p.text, LIMITS.text);
      if (text) input.text = text;
    }
    const result = await store.capture(db, input, settings);
    const badge = await store.badgeFor(db, result.person.id, at);
    return {
      data: { profileKey: identity.profileKey, created: result.created, capturedAs: as, badge },
      change: { personIds: [result.person.id], profileKeys: [identity.profileKey], reason: 'capture' },
    };
  },

  async lookup(p, { db, now }) {
    const map = await store.lookup(db, p.profileKeys, now());
    return { data: { badges: Object.fromEntries(map) } };
  },

  async logTouch(p, { db, now }) {
    const settings = await store.getSettings(db);
    const input: store.LogTouchInput = {
      personId: p.personId,
      direction: p.direction,
      channel: p.channel,
      kind: p.kind,
      at: p.at ?? now(),
    };
    if (p.contextUrl) input.contextUrl = p.contextUrl;
    if (p.text) input.text = p.text;
    if (p.nextStep) input.nextStep = p.nextStep;
    const data = await store.logTouch(db, input, settings);
    return { data, change: { personIds: [p.personId], reason: 'touch' } };
  },

  async deleteTouch(p, { db, now }) {
    const person = await store.deleteTouch(db, p.touchId, now(), await store.getSettings(db));
    return { data: { person }, change: { personIds: [person.id], reason: 'touch' } };
  },

  async setStage(p, { db, now }) {
    const person = await store.setStage(db, p.personId, p.stage, now(), await store.getSettings(db));
    return { data: { person }, change: { personIds: [person.id], reason: 'stage' } };
  },

  async setQualification(p, { db, now }) {
    const person = await store.setQualification(db, p.personId, p.qualification, now(), await store.getSettings(db));
    return { data: { person }, change: { personIds: [person.id], reason: 'qualification' } };
  },

  async updatePerson(p, { db, now }) {
    const { personId, ...patch } = p;
    const person = await store.updatePerson(db, personId, patch, now(), await store.getSettings(db));
    return { data: { person }, change: { personIds: [person.id], reason: 'person' } };
  },

  async scheduleAppointment(p, { db, now }) {
    const input: { personId: string; at: number; kind: typeof p.kind; note?: string } = {
      personId: p.personId,
      at: p.at,
      kind: p.kind,
    };
    if (p.note) input.note = p.note;
    const data = await store.scheduleAppointment(db, input, now(), await store.getSettings(db));
    return { data, change: { personIds: [p.personId], reason: 'appointment' } };
  },

  async updateAppointment(p, { db, now }) {
    const data = await store.updateAppointment(db, p.appointmentId, p.status, now(), await store.getSettings(db));
    return { data, change: { personIds: [data.person.id], reason: 'appointment' } };
  },

  async markHandRaisePost(p, { db, now }) {
    const { postKey, site } = postOf(p.url);
    const post: store.HandRaisePostInput = { postKey, site, url: p.url, markedAt: now() };
    const title = p.title ? cleanText(p.title, LIMITS.name) : '';
    if (title) post.title = title;
    return { data: { post: await store.markHandRaisePost(db, post) }, change: { personIds: [], reason: 'handRaisePosts' } };
  },

  async unmarkHandRaisePost(p, { db }) {
    const { postKey } = postOf(p.url);
    const removed = await store.unmarkHandRaisePost(db, postKey);
    return { data: { removed }, change: { personIds: [], reason: 'handRaisePosts' } };
  },

  async listHandRaisePosts(p, { db }) {
    return { data: { posts: await store.listHandRaisePosts(db, p.site) } };
  },

  async merge(p, { db, now }) {
    const person = await store.mergePeople(db, p.keepId, p.otherId, now(), await store.getSettings(db));
    return { data: { person }, change: { personIds: [p.keepId, p.otherId], reason: 'merge' } };
  },

  async today(_p, { db, now }) {
    return { data: await store.today(db, now(), await store.getSettings(db)) };
  },

  async pipeline(p, { db, now }) {
    return { data: await store.pipeline(db, p, now()) };
  },

  async insight(_p, { db, now }) {
    return { data: await store.insight(db, now()) };
  },

  async person(p, { db, now }) {
    return { data: await store.personDetail(db, p.personId, now()) };
  },

  async settingsGet(_p, { db }) {
    return { data: { settings: await store.getSettings(db) } };
  },

  async settingsSet(p, { db }) {
    const settings = await store.setSettings(db, p.settings);
    return { data: { settings }, change: { personIds: [], reason: 'settings' } };
  },

  async exportJson(_p, { db, now }) {
    return { data: { backup: await store.exportJson(db, now()) } };
  },

  async exportFile(_p, { db, now, transfers, partChars }) {
    const backup = await store.exportJson(db, now());
    const parts = splitText(JSON.stringify(backup, null, 2), partChars);
    if (parts.length > MAX_PARTS) {
      throw new Refusal('failed', 'Your data is too large for one backup file, so nothing was exported.');
    }
    const first = { text: parts[0]!, parts: parts.length, people: backup.people.length };
    return { data: parts.length === 1 ? first : { ...first, id: transfers.keepExport(parts, now()) } };
  },

  async exportPart(p, { transfers, now }) {
    return { data: { text: transfers.exportPart(p.id, p.index, now()) } };
  },

  async uploadPart(p, { transfers, now }) {
    transfers.addUploadPart(p.id, p.index, p.count, p.text, now());
    return { data: { received: p.index + 1 } };
  },

  async importJson(p, { db, now, transfers }) {
    let data = p.data;
    if (p.upload !== undefined) {
      const text = transfers.takeUpload(p.upload, now());
      try {
        data = JSON.parse(text);
      } catch {
        throw new Refusal('invalid', 'This file is not a Handraiser backup: it is not valid JSON. Nothing was changed.');
      }
    }
    const summary = await store.importJson(db, data, now());
    return { data: { summary }, change: { personIds: [], reason: 'import' } };
  },

  async recordDm(p, { db, now }) {
    const identity = identityOf(p.person);
    const at = now();
    const messages = p.messages.map((m) => {
      const msg: store.DmInput = { dedupeKey: m.dedupeKey, direction: m.direction };
      if (m.at !== undefined) msg.at = m.at;
      if (m.text) msg.text = m.text;
      return msg;
    });
    const { person, added } = await store.recordDmMessages(db, { identity }, messages, at, await store.getSettings(db));
    if (!person) return { data: { profileKey: identity.profileKey, known: false, added: 0 } };
    const badge = await store.badgeFor(db, person.id, at);
    const data = { profileKey: identity.profileKey, known: true, added: added.length, badge };
    return added.length ? { data, change: { personIds: [person.id], reason: 'dm' } } : { data };
  },

  async reportSiteHealth(p, { db, now }) {
    const site = siteOfHost(new URL(p.url).hostname);
    if (site !== p.site) throw new Refusal('invalid', 'The page address does not belong to the site named in the report.');
    await store.recordSiteHealth(db, { site: p.site, pageType: cleanText(p.pageType, 100) || 'page', url: p.url, at: now() });
    return { data: { recorded: true }, change: { personIds: [], reason: 'siteHealth' } };
  },

  async listSiteHealth(_p, { db }) {
    return { data: { warnings: await store.listSiteHealth(db) } };
  },

  async deleteAll(p, { db, sync }) {
    // With sync set up, the server's copy goes first when asked (nothing is deleted if it cannot
    // be); either way sync stops here, so the data does not come back from the server.
    if (sync && (await sync.configured())) {
      if (p.server) {
        try {
          await sync.deleteServerCopy();
        } catch (e) {
          const why = e instanceof Error && /^[A-Z].*[.!]$/.test(e.message) ? ` ${e.message}` : '';
          throw new Refusal('failed', `The copy on the sync server could not be deleted, so nothing was deleted.${why}`);
        }
      }
      await sync.turnOff();
    }
    await store.deleteAll(db);
    return { data: { deleted: true }, change: { personIds: [], reason: 'deleteAll' } };
  },

  async countDue(_p, { db, now }) {
    return { data: { count: await store.countDue(db, now()) } };
  },

  async syncStatus(_p, { sync }) {
    return { data: await needSync(sync).status() };
  },

  async syncSetup(p, { sync }) {
    const data = await needSync(sync).setUp(p);
    return data.problem === null ? { data, change: { personIds: [], reason: 'sync' } } : { data };
  },

  async syncNow(_p, { sync }) {
    return { data: { status: await needSync(sync).syncNow() } };
  },

  async syncChoose(p, { sync }) {
    return { data: { status: await needSync(sync).choose(p.settings) } };
  },

  async syncOff(_p, { sync }) {
    return { data: { status: await needSync(sync).turnOff() } };
  },

  async openHandraiser(p, { openPage }) {
    if (!openPage) throw new Refusal('failed', 'Handraiser cannot open its window from here.');
    const query = new URLSearchParams();
    query.set('view', p.personId ? 'person' : (p.view ?? 'today'));
    if (p.personId) query.set('id', p.personId);
    await openPage(`?${query.toString()}`);
    return { data: { opened: true } };
  },
};

/** The contract bounds error messages; a longer one is cut at a word, never dropped. */
const MAX_ERROR_MESSAGE = 1_000;

function fail(code: WireError['code'], rawMessage: string, details?: WireError['details']): Reply {
  const message = rawMessage.length > MAX_ERROR_MESSAGE ? `${rawMessage.slice(0, MAX_ERROR_MESSAGE - 1).replace(/\s+\S*$/, '')}…` : rawMessage;
  return { ok: false, error: details && details.length ? { code, message, details } : { code, message } };
}

/** Errors become sentences; unknown ones never leak internals. */
export function errorReply(e: unknown): Reply {
  if (e instanceof Refusal) return fail(e.code, e.message);
  if (e instanceof StoreError) return fail(e.code, e.message);
  if (e instanceof TransferError) return fail(e.code, e.message);
  if (e instanceof ImportError) return fail('invalid', e.message, e.problems.slice(0, 100));
  const name = (e as { name?: string } | null)?.name;
  const inner = (e as { inner?: { name?: string } } | null)?.inner?.name;
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return fail('failed', 'Your browser has no storage space left for Handraiser. Free some disk space and try again.');
  }
  if (name === 'ConstraintError' || inner === 'ConstraintError') {
    return fail('failed', 'This change clashed with another one made at the same moment. Please try again.');
  }
  if (name === 'DatabaseClosedError' || name === 'OpenFailedError' || name === 'VersionError') {
    return fail('failed', 'Handraiser could not open its database. Restart the browser and try again.');
  }
  return fail('failed', 'Something went wrong in Handraiser and nothing was saved. Please try again.');
}

/** Sent by one of our own pages, not by a content script on a site. */
function fromOurPage(sender: Sender, deps: RouterDeps): boolean {
  const origin = deps.extensionOrigin ?? `chrome-extension://${deps.extensionId}/`;
  return typeof sender.url === 'string' && sender.url.startsWith(origin);
}

export function createRouter(deps: RouterDeps): (raw: unknown, sender: Sender) => Promise<Reply> {
  const ctx: Context = { ...deps, transfers: new Transfers(), partChars: deps.partChars ?? PART_CHARS };
  return async function route(raw, sender) {
    try {
      if (!sender || sender.id !== deps.extensionId) {
        return fail('forbidden', 'This request did not come from Handraiser itself, so it was refused.');
      }
      const env = EnvelopeSchema.safeParse(raw);
      if (!env.success) {
        const typeIssue = env.error.issues.some((i) => i.path[0] === 'type');
        return fail('invalid', typeIssue ? 'Handraiser does not know this kind of request.' : 'The request is not in the form Handraiser expects.');
      }
      const type = env.data.type;
      // A plain parse is cheaper; only a refused request is parsed again with its input
      // reported, which the wording of the message needs ("is missing" vs a wrong value).
      const payload = env.data.payload ?? {};
      const parsed = Messages[type].req.safeParse(payload);
      if (!parsed.success) {
        const reported = Messages[type].req.safeParse(payload, { reportInput: true });
        return fail('invalid', sentenceOf((reported.error ?? parsed.error).issues[0]!));
      }
      if (PAGE_ONLY.has(type) && !fromOurPage(sender, deps)) {
        return fail('forbidden', "Only Handraiser's own pages may do this, so the request was refused.");
      }
      const handler = handlers[type] as (payload: unknown, ctx: Context) => Promise<Outcome<typeof type>>;
      const outcome = await handler(parsed.data, ctx);
      if (outcome.change && deps.onChange) {
        try {
          deps.onChange(outcome.change);
        } catch {
          // A failed broadcast must not turn a saved change into an error reply.
        }
      }
      return { ok: true, data: outcome.data };
    } catch (e) {
      return errorReply(e);
    }
  };
}
