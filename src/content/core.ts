/**
 * The content-script core, once for every site: observes the page, validates what the adapter
 * reads, looks people up in batches, mounts chips, and talks to the background only through
 * messages. Never throws into the page; stops quietly when the extension goes away.
 */
import { oneClickCapture } from '../domain/capture';
import { postKeyOf } from '../domain/identity';
import type { Surface } from '../domain/types';
import type { Req } from '../messages/contract';
import { MAX_DM_MESSAGES, MAX_LOOKUP_KEYS, WIDE_CHANGE_REASONS, type ChangeReason } from '../messages/wire-names';
import { CHIP_TAG, Chip, type ChipHandlers, type MenuItem } from './chip';
import { DmReader } from './dm';
import { afterNextFrame, observePage, type Match, type PageObserver } from './observer';
import type { SiteAdapter } from './sites/types';
import { t } from './i18n';
import { PROMOTION_TEXT, statusOf } from './status';
import { httpUrl, pageUrlOf, validatePerson, type PagePersonView } from './validate';
import { type Badge, ContentError, type ContentReq, type ContentRes, type ContentSend, type ContentType, isInvalidated, parseBroadcast } from './wire';

/** Entries kept before the first scan for elements the site removed (endless feeds recycle them). */
const PRUNE_FLOOR = 2000;
const WIDE_CHANGES: ReadonlySet<ChangeReason> = new Set(WIDE_CHANGE_REASONS);
import { warnOnce } from './warn';
/**
 * People read, looked up and chipped per turn (a task after an animation frame). A page that
 * already holds thousands of people when we start (the first scan), or a change that re-renders
 * everyone, is spread over frames: at once, 2,000 people on demo/feed.html were tens of ms of our
 * script (about 25 µs a person to read and check) and then one frame that styled and laid out
 * 2,000 chips (400-650 ms on the shared 2-core machine). A slice keeps our tasks short and the
 * page responsive between frames;
 * each frame also costs a fixed style/layout/paint pass over the whole page, so slices are not
 * made smaller than needed. A feed's usual batch (tens of people) is one slice, handled at once.
 */
export const SLICE = 200;

export interface CoreOptions {
  adapter: SiteAdapter;
  doc: Document;
  send: ContentSend;
  /** Subscribes to background broadcasts; returns the unsubscribe. */
  listen?(onMessage: (message: unknown) => void): () => void;
  /** False once the extension was reloaded or updated under this page. */
  alive?(): boolean;
  /** When to check the page types for site health, after load and after navigation. */
  healthDelayMs?: number;
  schedule?: (cb: () => void) => void;
  /** Where long work yields between slices; defaults to a task right after the next animation frame. */
  turn?: (cb: () => void) => void;
  /** Act only on trusted (the user's own) clicks and keys; default true. Off only in unit tests, whose events are synthetic. */
  trustedOnly?: boolean;
  now?: () => number;
}

export interface ContentCore {
  /** Resolves once queued elements are processed and every message in flight has settled. */
  idle(): Promise<void>;
  stop(): void;
  readonly stopped: boolean;
}

interface Entry {
  el: Element;
  anchor: Element;
  surface: Exclude<Surface, 'link'>;
  person: PagePersonView;
  badge: Badge | null;
  chip: Chip | null;
}

interface SiteState {
  enabled: boolean;
  badges: boolean;
  storeMessageText: boolean;
}

export function startContent(opts: CoreOptions): ContentCore {
  const { adapter, doc } = opts;
  const site = adapter.site;
  const healthDelay = opts.healthDelayMs ?? 3000;
  const dmKind = adapter.dm ? adapter.people.length : -1;
  const dmReader = adapter.dm ? new DmReader(site, adapter.dm) : null;

  let stopped = false;
  let observer: PageObserver | null = null;
  let settings: SiteState = { enabled: true, badges: true, storeMessageText: false };
  let handRaise = new Set<string>();
  let entries = new Set<Entry>();
  let pruneAt = PRUNE_FLOOR;
  let byKey = new Map<string, Set<Entry>>();
  let anchors = new WeakSet<Element>();
  const owners = new WeakMap<Element, Entry>();
  const healthReported = new Set<string>();
  let healthTimer: ReturnType<typeof setTimeout> | undefined;
  let dmWaiting: Element[] = [];
  const pending = new Set<Promise<unknown>>();
  const yieldTurn = opts.turn ?? opts.schedule ?? afterNextFrame(doc);
  const turn = (): Promise<void> => new Promise((ok) => yieldTurn(ok));

  const page = (): URL => new URL(doc.location.href);

  /**
   * `fn` over `items`, SLICE at a time, a turn between slices; at once when there is one slice.
   * Stops when the page is left (stopped, or observing ended by the settings).
   */
  function inSlices<T>(items: readonly T[], fn: (slice: T[]) => unknown): void {
    if (items.length <= SLICE) {
      fn(items as T[]);
      return;
    }
    const o = observer;
    fn(items.slice(0, SLICE));
    track(
      (async () => {
        for (let i = SLICE; i < items.length; i += SLICE) {
          await turn();
          if (stopped || observer !== o) return;
          await fn(items.slice(i, i + SLICE));
        }
      })(),
    );
  }

  // ---------- messaging ----------

  async function call<T extends ContentType>(type: T, payload: ContentReq<T>): Promise<ContentRes<T>> {
    if (stopped) throw new ContentError('invalidated', 'Handraiser stopped on this page.');
    if (opts.alive && !opts.alive()) {
      shutdown();
      throw new ContentError('invalidated', 'Handraiser was updated. Reload the page to use it here.');
    }
    try {
      return await opts.send(type, payload);
    } catch (e) {
      if (isInvalidated(e)) shutdown();
      throw e;
    }
  }

  function track(p: Promise<unknown>, kind = 'background request failed'): void {
    const q = p.catch((e: unknown) => {
      if (!isInvalidated(e)) warnOnce(kind, e);
    });
    pending.add(q);
    void q.finally(() => pending.delete(q));
  }

  // ---------- settings and hand-raise posts ----------

  async function loadSettings(): Promise<void> {
    try {
      const { settings: s } = await call('settingsGet', {});
      const mine = s.sites[site];
      settings = { enabled: mine?.enabled ?? true, badges: mine?.badges ?? true, storeMessageText: s.storeMessageText };
    } catch (e) {
      if (isInvalidated(e)) throw e;
      warnOnce('could not read settings', e);
    }
  }

  async function loadHandRaise(): Promise<void> {
    const { posts } = await call('listHandRaisePosts', { site });
    handRaise = new Set(posts.map((p) => postKeyOf(p.url) ?? p.postKey));
    refreshSuggestions();
  }

  /** Unknown likers' buttons say what a click stores, which a hand-raise post changes. */
  function refreshSuggestions(): void {
    for (const e of entries) if (e.badge === null && e.surface === 'reaction') render(e);
  }

  // ---------- people on the page ----------

  function addEntry(e: Entry): void {
    entries.add(e);
    let set = byKey.get(e.person.profileKey);
    if (!set) byKey.set(e.person.profileKey, (set = new Set()));
    set.add(e);
  }

  function dropEntry(e: Entry): void {
    e.chip?.remove();
    entries.delete(e);
    byKey.get(e.person.profileKey)?.delete(e);
    if (byKey.get(e.person.profileKey)?.size === 0) byKey.delete(e.person.profileKey);
  }

  /** Entries whose element the site removed (endless feeds recycle): forget them. */
  function prune(): void {
    for (const e of entries) if (!e.el.isConnected) dropEntry(e);
  }

  function onMatches(matches: Match[]): void {
    inSlices(matches, readMatches);
  }

  function readMatches(matches: Match[]): void {
    const url = page();
    const fresh: Entry[] = [];
    const dmEls: Element[] = [];
    for (const { el, kind } of matches) {
      if (kind === dmKind) {
        dmEls.push(el);
        continue;
      }
      const sel = adapter.people[kind];
      if (!sel) continue;
      let raw;
      try {
        raw = sel.extract(el, url);
      } catch (e) {
        warnOnce(`could not read a ${sel.surface}`, e);
        continue;
      }
      const person = validatePerson(raw, url, site);
      const anchor = raw?.anchor;
      if (!person || !anchor || !anchor.parentNode || anchors.has(anchor)) continue;
      anchors.add(anchor);
      const entry: Entry = { el, anchor, surface: sel.surface, person, badge: null, chip: null };
      addEntry(entry);
      fresh.push(entry);
    }
    if (fresh.length > 0) {
      // Amortised: a scan of every entry only after the page has doubled since the last one.
      if (entries.size > pruneAt) {
        prune();
        pruneAt = Math.max(PRUNE_FLOOR, entries.size * 2);
      }
      track(lookupAndRender(fresh));
    }
    if (dmEls.length > 0 || dmWaiting.length > 0) track(recordDm([...dmWaiting, ...dmEls], url), 'could not record messages');
  }

  async function lookup(keys: string[]): Promise<Record<string, Badge>> {
    // A feed's batch is one message: its reply is the answer as it stands.
    if (keys.length <= MAX_LOOKUP_KEYS) return (await call('lookup', { profileKeys: keys })).badges;
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += MAX_LOOKUP_KEYS) chunks.push(keys.slice(i, i + MAX_LOOKUP_KEYS));
    const replies = await Promise.all(chunks.map((profileKeys) => call('lookup', { profileKeys })));
    return Object.fromEntries(replies.flatMap((r) => Object.entries(r.badges)));
  }

  async function lookupAndRender(fresh: Entry[]): Promise<void> {
    let badges: Record<string, Badge> = {};
    try {
      badges = await lookup([...new Set(fresh.map((e) => e.person.profileKey))]);
    } catch (e) {
      if (isInvalidated(e)) return;
      // Without statuses the capture button still works: the background de-duplicates.
      warnOnce('could not look people up', e);
    }
    // One pass of DOM writes for the whole reply: no layout is read while chips mount.
    for (const e of fresh) {
      if (!entries.has(e)) continue;
      e.badge = badges[e.person.profileKey] ?? null;
      render(e);
    }
    observer?.settle();
  }

  async function relookupAll(): Promise<void> {
    prune();
    await relookup([...byKey.keys()]);
  }

  /** A slice at a time, a turn between slices: everyone's chip may change, not in one frame. */
  async function relookup(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += SLICE) {
      if (i > 0) await turn();
      if (stopped) return;
      const slice = keys.slice(i, i + SLICE);
      const badges = await lookup(slice);
      for (const k of slice) setBadge(k, badges[k] ?? null);
    }
  }

  /**
   * Only the people a change names: a capture in another tab must not make every open feed
   * look up everyone on it again. Changes that can move anyone (settings recompute every
   * follow-up, import, delete all) look everyone up.
   */
  function onChanged(msg: { personIds: string[]; profileKeys?: string[] | undefined; reason: ChangeReason }): void {
    if (msg.reason === 'handRaisePosts') {
      track(loadHandRaise(), 'could not read hand-raise posts');
      return;
    }
    if (msg.reason === 'siteHealth') return;
    if (WIDE_CHANGES.has(msg.reason)) {
      track(relookupAll());
      return;
    }
    const ids = new Set(msg.personIds);
    const keys = new Set<string>();
    for (const k of msg.profileKeys ?? []) if (byKey.has(k)) keys.add(k);
    for (const [k, set] of byKey) {
      for (const e of set) {
        if (e.badge && ids.has(e.badge.personId)) {
          keys.add(k);
          break;
        }
      }
    }
    track(relookup([...keys]));
  }

  function setBadge(key: string, badge: Badge | null): void {
    for (const e of byKey.get(key) ?? []) {
      e.badge = badge;
      render(e);
    }
  }

  /** Shared by every chip. */
  const handlers: ChipHandlers = { activate, cardActions, trustedOnly: opts.trustedOnly ?? true };
  if (opts.now) handlers.now = opts.now;

  function render(e: Entry): void {
    if (stopped) return;
    const show = settings.enabled && (e.badge === null || settings.badges);
    if (!show) {
      e.chip?.remove();
      e.chip = null;
      return;
    }
    if (!e.chip) {
      if (!e.anchor.parentNode) return;
      // Complete before it enters the page: one insertion, no second style pass for its status.
      const chip = new Chip(doc, e.person.profileKey, e.person.name, handlers, e.badge, suggests(e));
      owners.set(chip.host, e);
      e.chip = chip;
      e.anchor.insertAdjacentElement('afterend', chip.host);
      return;
    }
    if (e.chip.badge !== e.badge || e.badge === null) {
      e.chip.suggests = suggests(e);
      e.chip.render(e.badge);
    }
  }

  /**
   * Whether one click on this unknown person stores a "reach out" suggestion (oneClickCapture),
   * decided as the background decides it for `as: 'auto'`, from the same post address. Only a
   * reaction's post is looked at: comment chips, most of a feed, parse no address here.
   */
  function suggests(e: Entry): boolean {
    const key = e.surface === 'reaction' && e.person.contextUrl ? postKeyOf(e.person.contextUrl) : null;
    return oneClickCapture(e.surface, key !== null && handRaise.has(key)) === 'reach_out';
  }

  function removeAllChips(): void {
    for (const e of entries) e.chip?.remove();
    entries = new Set();
    byKey = new Map();
    anchors = new WeakSet();
    dmWaiting = [];
  }

  // ---------- actions ----------

  function activate(chip: Chip): void {
    const e = owners.get(chip.host);
    if (!e) return;
    if (chip.badge === null) track(capture(e, 'auto'));
    else chip.openMenu(menuFor(e));
  }

  function postUrlOf(e: Entry): string | null {
    try {
      const url = page();
      return httpUrl(adapter.postUrlOf?.(e.el, url) ?? undefined, url) ?? null;
    } catch {
      return null;
    }
  }

  /** An explicit "capture as lead": a like on a marked post is a hand-raise, anything else a lead. */
  function explicitAs(e: Entry): Req<'capture'>['as'] {
    if (e.surface !== 'reaction') return 'lead';
    const post = postUrlOf(e);
    const key = post ? postKeyOf(post) : null;
    return key && handRaise.has(key) ? 'hand_raise' : 'lead';
  }

  function pagePerson(p: PagePersonView): Req<'capture'>['person'] {
    const out: Req<'capture'>['person'] = { profileUrl: p.profileUrl, name: p.name, pageUrl: pageUrlOf(page()) };
    if (p.avatarUrl) out.avatarUrl = p.avatarUrl;
    return out;
  }

  async function capture(e: Entry, as: Req<'capture'>['as']): Promise<void> {
    const chip = e.chip;
    const req: Req<'capture'> = { person: pagePerson(e.person), surface: e.surface, as };
    if (e.person.contextUrl) req.contextUrl = e.person.contextUrl;
    if (e.surface === 'comment' && e.person.text) req.text = e.person.text;
    await withChip(chip, async () => {
      const res = await call('capture', req);
      setBadge(e.person.profileKey, res.badge);
      if (res.profileKey !== e.person.profileKey) setBadge(res.profileKey, res.badge);
      chip?.announce(`${e.person.name}: ${statusOf(res.badge).text}`);
    });
  }

  async function withChip(chip: Chip | null, work: () => Promise<void>): Promise<void> {
    chip?.setBusy(true);
    try {
      await work();
    } catch (err) {
      if (isInvalidated(err)) return;
      chip?.showError(err instanceof Error ? err.message : t('tryAgain'));
    } finally {
      chip?.setBusy(false);
    }
  }

  /** Runs a menu action, then refreshes this person's status (the broadcast does too; this is for at once). */
  function act(e: Entry, work: () => Promise<unknown>, done?: string): () => void {
    return () =>
      track(
        withChip(e.chip, async () => {
          await work();
          const badges = await lookup([e.person.profileKey]);
          setBadge(e.person.profileKey, badges[e.person.profileKey] ?? null);
          if (done) e.chip?.announce(done);
        }),
      );
  }

  const setStage = (e: Entry, personId: string, stage: Req<'setStage'>['stage']): (() => void) =>
    act(e, () => call('setStage', { personId, stage }));

  /** The hover/focus card's one-click actions; nothing for someone who said no. */
  function cardActions(chip: Chip): MenuItem[] {
    const e = owners.get(chip.host);
    const b = e?.badge;
    if (!e || !b || b.stage === 'not_interested') return [];
    const items: MenuItem[] = [
      {
        action: 'log-touch',
        label: t('logTouch'),
        // The follow-up the user just sent, on this site.
        run: act(e, () => call('logTouch', { personId: b.personId, direction: 'outbound', channel: site, kind: 'message' }), t('touchLogged')),
      },
    ];
    if (b.stage === 'lead') items.push({ action: 'promote', label: t('promote'), run: setStage(e, b.personId, 'prospect') });
    items.push({ action: 'not-interested', label: t('notInterested'), run: setStage(e, b.personId, 'not_interested') });
    return items;
  }

  function menuFor(e: Entry): MenuItem[] {
    const b = e.badge;
    if (!b) return [];
    const items: MenuItem[] = [];
    const promote = setStage(e, b.personId, 'prospect');
    if (b.promotion) items.push({ action: 'promote', label: t('promoteToProspect'), detail: t(PROMOTION_TEXT[b.promotion.reason]), run: promote });
    if (b.reachOut || b.stage === 'lead') {
      items.push({ action: 'capture', label: t('captureAsLead'), run: () => track(capture(e, explicitAs(e))) });
    }
    if (!b.promotion && b.stage === 'lead' && !b.reachOut) items.push({ action: 'promote', label: t('promoteToProspect'), run: promote });
    if (b.stage === 'not_interested') {
      items.push({ action: 'reopen', label: t('reopen'), run: setStage(e, b.personId, 'lead') });
    } else {
      items.push({ action: 'not-interested', label: t('notInterested'), run: setStage(e, b.personId, 'not_interested') });
    }
    const post = postUrlOf(e);
    const postKey = post ? postKeyOf(post) : null;
    if (post && postKey) {
      const marked = handRaise.has(postKey);
      items.push({
        action: 'hand-raise',
        label: t(marked ? 'unmarkPost' : 'markPost'),
        run: () =>
          track(
            withChip(e.chip, async () => {
              if (marked) {
                await call('unmarkHandRaisePost', { url: post });
                handRaise.delete(postKey);
                refreshSuggestions();
                e.chip?.announce(t('postUnmarked'));
              } else {
                await call('markHandRaisePost', { url: post });
                handRaise.add(postKey);
                refreshSuggestions();
                e.chip?.announce(t('postMarked'));
              }
            }),
          ),
      });
    }
    items.push({
      action: 'open',
      label: t('open'),
      run: () => track(withChip(e.chip, async () => void (await call('openHandraiser', { view: 'person', personId: b.personId })))),
    });
    return items;
  }

  /** The keyboard command: the person whose chip has focus, or whose comment/row holds the focus. */
  function captureFocused(): void {
    const active = doc.activeElement;
    if (!active) return;
    let e = active.localName === CHIP_TAG ? owners.get(active) : undefined;
    if (!e) {
      for (const x of entries) {
        if (x.el.contains(active)) {
          e = x;
          break;
        }
      }
    }
    if (!e) return;
    const b = e.badge;
    if (!b) track(capture(e, 'auto'));
    else if (b.reachOut || b.stage === 'lead') track(capture(e, explicitAs(e)));
    else e.chip?.openMenu(menuFor(e));
  }

  // ---------- DM threads ----------

  async function recordDm(els: Element[], url: URL): Promise<void> {
    const dm = adapter.dm;
    if (!dm || !dmReader) return;
    dmWaiting = [];
    let raw;
    try {
      raw = dm.partner(doc, url);
    } catch (e) {
      warnOnce('could not read the message partner', e);
    }
    const partner = validatePerson(raw, url, site);
    if (!partner) {
      // The thread header may render a frame after its messages: try again with the next batch.
      dmWaiting = els.filter((el) => el.isConnected).slice(-MAX_DM_MESSAGES);
      return;
    }
    const messages = dmReader.read(els, url, partner.profileKey, settings.storeMessageText);
    for (let i = 0; i < messages.length; i += MAX_DM_MESSAGES) {
      const req: Req<'recordDm'> = { person: pagePerson(partner), messages: messages.slice(i, i + MAX_DM_MESSAGES) };
      if (partner.contextUrl) req.threadUrl = partner.contextUrl;
      const res = await call('recordDm', req);
      if (res.badge) setBadge(res.profileKey, res.badge);
    }
  }

  // ---------- site health ----------

  function scheduleHealth(): void {
    clearTimeout(healthTimer);
    healthTimer = setTimeout(checkHealth, healthDelay);
  }

  function checkHealth(): void {
    if (stopped || !settings.enabled) return;
    try {
      observer?.flush();
      const url = pageUrlOf(page());
      for (const pt of adapter.pageTypes) {
        const k = `${pt.name}\n${url}`;
        if (healthReported.has(k) || !doc.querySelector(pt.selector)) continue;
        let found = false;
        for (const e of entries) {
          if (e.surface === pt.surface && e.el.isConnected) {
            found = true;
            break;
          }
        }
        if (found) continue;
        healthReported.add(k);
        track(call('reportSiteHealth', { site, pageType: pt.name, url }));
      }
    } catch (e) {
      warnOnce('site health check failed', e);
    }
  }

  // ---------- lifecycle ----------

  function beginObserving(): void {
    if (observer || stopped) return;
    const selectors = adapter.people.map((p) => p.selector);
    if (adapter.dm) selectors.push(adapter.dm.messageSelector);
    const o: Parameters<typeof observePage>[0] = {
      doc,
      selectors,
      onMatches,
      onNavigate() {
        dmReader?.reset();
        scheduleHealth();
        track(loadHandRaise());
      },
      onError: (e) => warnOnce('observer error', e),
    };
    if (opts.schedule) o.schedule = opts.schedule;
    observer = observePage(o);
    scheduleHealth();
  }

  function stopObserving(): void {
    observer?.stop();
    observer = null;
    clearTimeout(healthTimer);
    removeAllChips();
  }

  async function reloadSettings(): Promise<void> {
    const before = settings;
    await loadSettings();
    if (stopped) return;
    if (!settings.enabled) {
      stopObserving();
    } else if (!before.enabled || !observer) {
      await loadHandRaise().catch((e: unknown) => warnOnce('could not read hand-raise posts', e));
      beginObserving();
    } else if (before.badges !== settings.badges) {
      inSlices([...entries], (slice) => {
        for (const e of slice) render(e);
      });
    }
  }

  function onBroadcast(message: unknown): void {
    if (stopped) return;
    try {
      const msg = parseBroadcast(message);
      if (!msg) return;
      if (msg.type === 'handraiser:changed') {
        if (settings.enabled && observer) onChanged(msg);
      } else if (msg.type === 'handraiser:settings') {
        track(reloadSettings());
      } else if (settings.enabled) {
        captureFocused();
      }
    } catch (e) {
      warnOnce('broadcast error', e);
    }
  }

  let unlisten: (() => void) | undefined;

  function shutdown(): void {
    if (stopped) return;
    stopObserving();
    stopped = true;
    try {
      unlisten?.();
    } catch {
      // The runtime may be gone already.
    }
  }

  try {
    unlisten = opts.listen?.(onBroadcast);
  } catch (e) {
    warnOnce('could not listen for updates', e);
  }

  track(
    (async () => {
      await loadSettings();
      if (stopped || !settings.enabled) return;
      await loadHandRaise().catch((e: unknown) => {
        if (isInvalidated(e)) throw e;
        warnOnce('could not read hand-raise posts', e);
      });
      beginObserving();
    })(),
    'could not start',
  );

  return {
    async idle() {
      for (let i = 0; i < 50; i++) {
        // Mutation records arrive as microtasks, frames as tasks: let both through first.
        await new Promise((r) => setTimeout(r, 0));
        observer?.flush();
        if (pending.size === 0) return;
        await Promise.allSettled([...pending]);
      }
    },
    stop: shutdown,
    get stopped() {
      return stopped;
    },
  };
}
