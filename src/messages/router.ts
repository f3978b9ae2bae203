/**
 * The background's single entry point. Checks the sender (Handraiser's own page, or our content
 * script on a supported site, which may send only CONTENT_SCRIPT_TYPES and only about its own
 * site), validates the envelope and the payload, dispatches to the store, and always answers
 * with a Reply: it never throws. Nothing is written before the request has passed validation.
 */
import { oneClickCapture, type CaptureKind } from '../domain/capture';
import { postKeyOf, profileOf, siteOfHost } from '../domain/identity';
import { cleanText } from '../domain/text';
import { notInFuture } from '../domain/time';
import { LIMITS, type Identity, type Site } from '../domain/types';
import type { HandraiserDB } from '../store/db';
import { ImportError, StoreError, sentenceOf } from '../store/errors';
import * as store from '../store/index';
import {
  CONTENT_SCRIPT_TYPES,
  EnvelopeSchema,
  Messages,
  type ContentScriptType,
  type MessageType,
  type PagePerson,
  type Reply,
  type Req,
  type Res,
  type WireError,
} from './contract';
import { splitText, TransferError, Transfers } from './transfers';
import { MAX_PARTS, PART_CHARS, type ChangeReason } from './wire-names';

export type { Reply } from './contract';

export interface Change {
  personIds: string[];
  /** Profile keys a page may show without knowing the person's id yet (a new capture). */
  profileKeys?: string[];
  reason: ChangeReason;
}

export interface RouterDeps {
  db: HandraiserDB;
  now: () => number;
  extensionId: string;
  /** The extension's own base URL (runtime.getURL('')): a sender whose page starts with it is one of Handraiser's pages. */
  extensionUrl: string;
  onChange?: (change: Change) => void;
  /**
   * Opens a Handraiser page with this query string in a tab: the popup's screens, or the
   * workspace (one tab, focused when already open). The background passes background/tabs.
   */
  openPage?: (query: string, page?: 'popup' | 'workspace') => Promise<void>;
  /** Characters per part of a backup file's text (PART_CHARS; tests set fewer). */
  partChars?: number;
  /** The content script's words in the options' language when it is not the browser's (background/i18n.ts). */
  contentWords?: (language: unknown) => Promise<Record<string, string> | undefined>;
  /** Sync in the background (background/sync.ts); absent where sync does not run. */
  sync?: SyncControl;
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

/** What handlers see: the deps, and the backup files in transit between messages. */
type Context = RouterDeps & { transfers: Transfers; partChars: number };

/** What the browser tells about a message's sender (runtime.MessageSender), as far as the router reads it. */
export interface Sender {
  id?: string;
  url?: string;
  /** Present when the sender runs in a tab: a content script, or one of our pages opened in a tab. */
  tab?: { id?: number };
}

/** Which kind of context sent a message: Handraiser's own page, or our content script on a site's page. */
export type SenderKind = { kind: 'extension' } | { kind: 'content'; site: Site };

/**
 * The kind of context behind `sender`, or null for anything else (another extension, a web
 * page, a sender the browser gave no page for). The browser sets these fields; a page or a
 * content script cannot choose them.
 */
export function senderKind(sender: Sender | undefined, extensionId: string, extensionUrl: string): SenderKind | null {
  if (!sender || sender.id !== extensionId || typeof sender.url !== 'string') return null;
  if (extensionUrl.endsWith('/') && sender.url.startsWith(extensionUrl)) return { kind: 'extension' };
  if (!sender.tab) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const site = siteOfHost(url.hostname);
  return site ? { kind: 'content', site } : null;
}

const CONTENT_TYPES: ReadonlySet<MessageType> = new Set(CONTENT_SCRIPT_TYPES);

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

/** True when `url` is an address on `site`. */
function onSite(url: string, site: Site): boolean {
  try {
    return siteOfHost(new URL(url).hostname) === site;
  } catch {
    return false;
  }
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
    // Where it happened is on the person's site; a profile link captured from the context menu
    // ('link') keeps the page it was found on, whatever site that is.
    if (p.contextUrl && (p.surface === 'link' || onSite(p.contextUrl, identity.site))) input.contextUrl = p.contextUrl;
    if (p.requestId) input.requestId = p.requestId;
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
    // A touch is something that happened: never dated after now.
    const input: store.LogTouchInput = {
      personId: p.personId,
      direction: p.direction,
      channel: p.channel,
      kind: p.kind,
      at: notInFuture(p.at ?? now(), now()),
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

  async addPerson(p, { db, now }) {
    const at = now();
    const name = cleanText(p.name, LIMITS.name);
    const input: store.AddPersonInput = {
      name,
      stage: p.stage,
      market: p.market ?? 'market',
      source: { kind: p.sourceKind, at },
    };
    const url = p.profileUrl?.trim();
    if (url) {
      const ref = profileOf(url);
      if (!ref) {
        throw new Refusal(
          'invalid',
          "The profile link should be the address of a person's profile on Facebook, Instagram, LinkedIn, X, YouTube or TikTok (like https://www.instagram.com/ana.souza/). Leave it empty to add them without one.",
        );
      }
      input.identity = { site: ref.site, profileKey: ref.profileKey, profileUrl: ref.canonicalUrl, displayName: name || ref.handle || '' };
      if (ref.handle) input.identity.handle = ref.handle.slice(0, LIMITS.handle);
      input.source.site = ref.site;
    }
    const referrer = p.referrer ? cleanText(p.referrer, LIMITS.name) : '';
    if (referrer) input.source.referrer = referrer;
    if (p.phone !== undefined) input.phone = p.phone;
    if (p.email !== undefined) input.email = p.email;
    if (p.notes) input.notes = p.notes;
    const data = await store.addPerson(db, input, at, await store.getSettings(db));
    return data.created
      ? { data, change: { personIds: [data.person.id], profileKeys: data.person.identities.map((i) => i.profileKey), reason: 'add' } }
      : { data };
  },

  async deletePerson(p, { db }) {
    const deleted = await store.deletePerson(db, p.personId);
    return {
      data: { deleted },
      change: { personIds: [p.personId], profileKeys: deleted.person.identities.map((i) => i.profileKey), reason: 'delete' },
    };
  },

  async restorePerson(p, { db }) {
    const person = await store.restorePerson(db, p);
    return { data: { person }, change: { personIds: [person.id], profileKeys: person.identities.map((i) => i.profileKey), reason: 'restore' } };
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

  async today(p, { db, now }) {
    return { data: await store.today(db, now(), await store.getSettings(db), p.limit) };
  },

  async queuePage(p, { db, now }) {
    return { data: await store.queuePage(db, now(), p.tier, p.offset, p.limit) };
  },

  async pipeline(p, { db, now }) {
    return { data: await store.pipeline(db, p, now()) };
  },

  async insight(p, { db, now }) {
    if (p.from !== undefined && p.to !== undefined && p.to <= p.from) {
      throw new Refusal('invalid', 'The end of the date range should be after its start.');
    }
    const range: store.InsightRange = {};
    if (p.from !== undefined) range.from = p.from;
    if (p.to !== undefined) range.to = p.to;
    return { data: await store.insight(db, now(), range) };
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
    // The thread is kept so the timeline can open it again, only when it is on the person's own site.
    let threadUrl: string | undefined;
    try {
      if (p.threadUrl && siteOfHost(new URL(p.threadUrl).hostname) === identity.site) threadUrl = p.threadUrl;
    } catch {
      threadUrl = undefined;
    }
    const { person, added } = await store.recordDmMessages(db, { identity }, messages, at, await store.getSettings(db), threadUrl);
    if (!person) return { data: { profileKey: identity.profileKey, known: false, added: 0 } };
    const badge = await store.badgeFor(db, person.id, at);
    const data = { profileKey: identity.profileKey, known: true, added: added.length, badge };
    return added.length ? { data, change: { personIds: [person.id], reason: 'dm' } } : { data };
  },

  async reportSiteHealth(p, { db, now }) {
    const site = siteOfHost(new URL(p.url).hostname);
    if (site !== p.site) throw new Refusal('invalid', 'The page address does not belong to the site named in the report.');
    await store.recordSiteHealth(db, { site: p.site, pageType: cleanText(p.pageType, 100) || 'page', url: p.url, at: now(), found: p.found ?? 'nobody' });
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
    if (p.view === 'workspace') {
      await openPage('', 'workspace');
      return { data: { opened: true } };
    }
    const query = new URLSearchParams();
    query.set('view', p.personId ? 'person' : (p.view ?? 'today'));
    if (p.personId) query.set('id', p.personId);
    await openPage(`?${query.toString()}`);
    return { data: { opened: true } };
  },
};

const notThisSite = () => new Refusal('forbidden', 'A page can only ask Handraiser about its own site, so this request was refused.');

function ownSite(url: string, site: Site): void {
  if (!onSite(url, site)) throw notThisSite();
}

/**
 * What a content script on `site` may ask beyond its message type: about that site's people,
 * posts and pages only. Returns the request to handle (narrowed where a rule narrows it).
 */
const CONTENT_RULES: { [K in ContentScriptType]?: (p: Req<K>, site: Site) => Req<K> } = {
  capture(p, site) {
    ownSite(p.person.pageUrl, site);
    return p;
  },
  recordDm(p, site) {
    ownSite(p.person.pageUrl, site);
    return p;
  },
  lookup(p, site) {
    // Keys of other sites are simply not found, as the contract says of unknown keys.
    return { profileKeys: p.profileKeys.filter((k) => k.startsWith(`${site}:`)) };
  },
  listHandRaisePosts(p, site) {
    if (p.site !== undefined && p.site !== site) throw notThisSite();
    return { site };
  },
  markHandRaisePost(p, site) {
    ownSite(p.url, site);
    return p;
  },
  unmarkHandRaisePost(p, site) {
    ownSite(p.url, site);
    return p;
  },
  reportSiteHealth(p, site) {
    ownSite(p.url, site);
    return p;
  },
  logTouch(p, site) {
    if (p.contextUrl === undefined || onSite(p.contextUrl, site)) return p;
    const { contextUrl: _elsewhere, ...rest } = p;
    return rest;
  },
};

/** A content script's settings reply (contract's CONTENT_REPLIES): its own site's switches, and its words. */
async function contentSettings(data: unknown, site: Site, deps: RouterDeps): Promise<unknown> {
  const { settings } = data as Res<'settingsGet'>;
  const words = await deps.contentWords?.(settings.language);
  return { settings: { storeMessageText: settings.storeMessageText, sites: { [site]: settings.sites[site] } }, ...(words ? { words } : {}) };
}

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

export function createRouter(deps: RouterDeps): (raw: unknown, sender: Sender) => Promise<Reply> {
  const ctx: Context = { ...deps, transfers: new Transfers(), partChars: deps.partChars ?? PART_CHARS };
  return async function route(raw, sender) {
    try {
      const from = senderKind(sender, deps.extensionId, deps.extensionUrl);
      if (!from) return fail('forbidden', 'This request did not come from Handraiser itself, so it was refused.');
      const env = EnvelopeSchema.safeParse(raw);
      if (!env.success) {
        const typeIssue = env.error.issues.some((i) => i.path[0] === 'type');
        return fail('invalid', typeIssue ? 'Handraiser does not know this kind of request.' : 'The request is not in the form Handraiser expects.');
      }
      const type = env.data.type;
      if (from.kind === 'content' && !CONTENT_TYPES.has(type)) {
        return fail('forbidden', 'Only Handraiser\'s own window can do this, not a page of a social site, so it was refused.');
      }
      // A plain parse is cheaper; only a refused request is parsed again with its input
      // reported, which the wording of the message needs ("is missing" vs a wrong value).
      const payload = env.data.payload ?? {};
      const parsed = Messages[type].req.safeParse(payload);
      if (!parsed.success) {
        const reported = Messages[type].req.safeParse(payload, { reportInput: true });
        return fail('invalid', sentenceOf((reported.error ?? parsed.error).issues[0]!));
      }
      let payloadIn: unknown = parsed.data;
      if (from.kind === 'content') {
        const rule = CONTENT_RULES[type as ContentScriptType] as ((p: unknown, site: Site) => unknown) | undefined;
        if (rule) payloadIn = rule(payloadIn, from.site);
      }
      const handler = handlers[type] as (payload: unknown, ctx: Context) => Promise<Outcome<typeof type>>;
      const outcome = await handler(payloadIn, ctx);
      if (outcome.change && deps.onChange) {
        try {
          deps.onChange(outcome.change);
        } catch {
          // A failed broadcast must not turn a saved change into an error reply.
        }
      }
      // Only the settings reply is narrowed: every other reply (the look-ups) goes out as it is, without a wait.
      const data = from.kind === 'content' && type === 'settingsGet' ? await contentSettings(outcome.data, from.site, deps) : outcome.data;
      return { ok: true, data } as Reply;
    } catch (e) {
      return errorReply(e);
    }
  };
}
