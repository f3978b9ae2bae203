/**
 * The content-script core, once for every site: it wires the parts (the page observer, the entry
 * registry, chips, menus, hand-raise posts, DM recording, site health) on one Life, validates
 * what the adapter reads, and talks to the background only through messages. Never throws into
 * the page; stops quietly (one stop()) when the extension goes away.
 */
import { oneClickCapture } from '../domain/capture';
import { postKeyOf } from '../domain/identity';
import type { Req } from '../messages/contract';
import { MAX_LOOKUP_KEYS, WIDE_CHANGE_REASONS, type ChangeReason } from '../messages/wire-names';
import { Chip, type ActGuard, type ChipHandlers, type MenuItem } from './chip';
import { DmRecorder } from './dm';
import type { Exposure } from './exposure';
import { HandRaisePosts } from './hand-raise';
import { SiteHealth } from './health';
import { t, useChosenWords } from './i18n';
import { Life } from './life';
import { cardActionsFor, explicitCapture, menuFor, offersCapture, type MenuEntry } from './menu';
import { afterNextFrame, observePage, type Match, type PageObserver } from './observer';
import { Registry, type Entry } from './registry';
import { FALLBACK_LINKS, StructuralFallback } from './sites/fallback';
import type { RawPerson, SiteAdapter } from './sites/types';
import { statusOf } from './status';
import { UserActs } from './trust';
import { httpUrl, pageUrlOf, validatePerson, type PagePersonView } from './validate';
import { warnOnce } from './warn';
import { type Badge, type BroadcastMsg, ContentError, type ContentSend, isInvalidated, parseBroadcast } from './wire';

const WIDE_CHANGES: ReadonlySet<ChangeReason> = new Set(WIDE_CHANGE_REASONS);

/**
 * People read, chipped and looked up per turn (a task after an animation frame). A page that
 * already holds thousands of people when we start, or a change that re-renders everyone, is
 * spread over frames so the page stays responsive; a feed's usual batch (tens of people) is one
 * slice, handled at once. The measurements behind the size are in bench/README.md.
 */
export const SLICE = 200;

/** The guard's view of focus, for the keyboard command. */
export type Guard = ActGuard & {
  /** The element the user (not a page script) focused, if it still has the focus. */
  userFocused(): Element | null;
};

export interface CoreOptions {
  adapter: SiteAdapter;
  doc: Document;
  send: ContentSend;
  /** What the page may see of us (exposure.ts). */
  exposure: Exposure;
  /** Subscribes to background broadcasts; returns the unsubscribe. */
  listen?: (onMessage: (message: unknown) => void) => () => void;
  /** False once the extension was reloaded or updated under this page. */
  alive?: () => boolean;
  /** When to check the page types for site health, after load and after navigation. */
  healthDelayMs?: number;
  schedule?: (cb: () => void) => void;
  /** Where long work yields between slices; defaults to a task right after the next animation frame. */
  turn?: (cb: () => void) => void;
  /** Who may act on a chip; defaults to the user's own visible acts (trust.ts). Unit tests, whose events are synthetic, pass their own. */
  guard?: (anchorOf: (chip: Chip) => Element | null, life: Life) => Guard;
  now?: () => number;
}

export interface ContentCore {
  /** Resolves once queued elements are processed and every message in flight has settled. */
  idle(): Promise<void>;
  stop(): void;
  readonly stopped: boolean;
}

interface SiteState {
  enabled: boolean;
  badges: boolean;
  storeMessageText: boolean;
}

export function startContent(opts: CoreOptions): ContentCore {
  const { adapter, doc, exposure } = opts;
  const site = adapter.site;
  const life = new Life();
  const registry = new Registry();
  const pending = new Set<Promise<unknown>>();
  let settings: SiteState = { enabled: true, badges: true, storeMessageText: false };
  /** The time the site is on: its observer, its chips. */
  let watching: Life | null = null;
  let observer: PageObserver | null = null;
  const yieldTurn = opts.turn ?? opts.schedule ?? afterNextFrame(doc);
  const turn = (): Promise<void> => new Promise((ok) => yieldTurn(ok));
  const page = (): URL => new URL(doc.location.href);

  // ---------- messaging ----------

  /** The background, while this page's content script is alive; an invalidated extension stops everything. */
  const send: ContentSend = async (type, payload) => {
    if (life.stopped) throw new ContentError('invalidated', 'Handraiser stopped on this page.');
    if (opts.alive && !opts.alive()) {
      life.stop();
      throw new ContentError('invalidated', 'Handraiser was updated. Reload the page to use it here.');
    }
    try {
      return await opts.send(type, payload);
    } catch (e) {
      if (isInvalidated(e)) life.stop();
      throw e;
    }
  };

  function track(p: Promise<unknown>, kind = 'background request failed'): void {
    const q = p.catch((e: unknown) => {
      if (!isInvalidated(e)) warnOnce(kind, e);
    });
    pending.add(q);
    void q.finally(() => pending.delete(q));
  }

  /** `fn` over `items`, SLICE at a time, a turn between slices; at once when there is one slice. Stops when the site is turned off. */
  function inSlices<T>(items: readonly T[], fn: (slice: T[]) => unknown): void {
    if (items.length <= SLICE) {
      fn(items as T[]);
      return;
    }
    const w = watching;
    fn(items.slice(0, SLICE));
    track(
      (async () => {
        for (let i = SLICE; i < items.length; i += SLICE) {
          await turn();
          if (w?.stopped !== false || w !== watching) return;
          await fn(items.slice(i, i + SLICE));
        }
      })(),
    );
  }

  // ---------- the parts ----------

  const guard: Guard = (opts.guard ?? ((anchorOf, l) => new UserActs(doc, exposure, l, anchorOf)))(
    (chip) => registry.ownerOf(chip.host)?.anchor ?? null,
    life,
  );
  const handRaise = new HandRaisePosts(send, site, refreshSuggestions);
  const dm = adapter.dm
    ? new DmRecorder({
        doc,
        reader: adapter.dm,
        site,
        send,
        pagePerson,
        storeText: () => settings.storeMessageText,
        onBadge: setBadge,
      })
    : null;
  const dmKind = adapter.dm ? adapter.people.length : -1;
  /** Set once the selector variants found nobody and the structural fallback found people (sites/fallback.ts). */
  let fallback: StructuralFallback | null = null;
  const fallbackKind = adapter.people.length + 1;
  const health = new SiteHealth({
    adapter,
    doc,
    registry,
    send,
    life,
    delayMs: opts.healthDelayMs ?? 3000,
    flush: () => observer?.flush(),
    track: (p) => track(p),
    fallback: startFallback,
  });

  /**
   * When no selector variant found anyone, tries the structural fallback on the page as it is;
   * if it finds people, watching starts again with it on. Returns the surfaces it found people on.
   */
  function startFallback(): Entry['surface'][] {
    if (fallback || !watching || !registry.empty) return [];
    const probe = new StructuralFallback(adapter);
    const url = page();
    const surfaces = new Set<Entry['surface']>();
    for (const link of Array.from(doc.querySelectorAll(FALLBACK_LINKS))) {
      const p = probe.read(link, url);
      if (p && validatePerson(p, url, site)) surfaces.add(p.surface);
    }
    if (surfaces.size === 0) return [];
    fallback = new StructuralFallback(adapter);
    stopWatching();
    beginWatching();
    return [...surfaces];
  }

  // ---------- people on the page ----------

  function readMatches(matches: Match[]): void {
    const url = page();
    const fresh: Entry[] = [];
    const dmEls: Element[] = [];
    for (const { el, kind } of matches) {
      if (kind === dmKind) {
        dmEls.push(el);
        continue;
      }
      const sel = kind === fallbackKind ? null : adapter.people[kind];
      if (!sel && !fallback) continue;
      let raw: (RawPerson & { surface?: Entry['surface'] }) | null;
      try {
        raw = sel ? sel.extract(el, url) : fallback!.read(el, url);
      } catch (e) {
        warnOnce(`could not read a ${sel?.surface ?? 'link'}`, e);
        continue;
      }
      const person = validatePerson(raw, url, site);
      const anchor = raw?.anchor;
      if (!person || !anchor || !anchor.parentNode || registry.holds(anchor)) continue;
      const entry: Entry = { el, anchor, surface: sel?.surface ?? raw!.surface!, person, badge: undefined, chip: null };
      if (!sel) entry.viaFallback = true;
      registry.add(entry);
      fresh.push(entry);
    }
    if (fresh.length > 0) {
      registry.pruneIfGrown();
      // Each chip goes in now, pending, in the same frame as its name: its box never changes
      // afterwards, so the status the look-up brings costs no second layout of the page.
      for (const e of fresh) mount(e);
      observer?.settle();
      track(lookupAndRender(fresh));
    }
    if (dm && (dmEls.length > 0 || dm.hasWaiting)) track(dm.record(dmEls, url), 'could not record messages');
  }

  async function lookup(keys: string[]): Promise<Record<string, Badge>> {
    // A feed's batch is one message: its reply is the answer as it stands.
    if (keys.length <= MAX_LOOKUP_KEYS) return (await send('lookup', { profileKeys: keys })).badges;
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += MAX_LOOKUP_KEYS) chunks.push(keys.slice(i, i + MAX_LOOKUP_KEYS));
    const replies = await Promise.all(chunks.map((profileKeys) => send('lookup', { profileKeys })));
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
    for (const e of fresh) {
      if (!registry.has(e)) continue;
      e.badge = badges[e.person.profileKey] ?? null;
      render(e);
    }
  }

  /** A slice at a time, a turn between slices: everyone's chip may change, not in one frame. */
  async function relookup(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += SLICE) {
      if (i > 0) await turn();
      if (life.stopped) return;
      const slice = keys.slice(i, i + SLICE);
      const badges = await lookup(slice);
      for (const k of slice) setBadge(k, badges[k] ?? null);
    }
  }

  /**
   * Only the people a change names: a capture in another tab must not make every open feed look
   * up everyone on it again. Changes that can move anyone look everyone up.
   */
  function onChanged(msg: Extract<BroadcastMsg, { type: 'handraiser:changed' }>): void {
    if (msg.reason === 'handRaisePosts') return track(handRaise.load());
    if (msg.reason === 'siteHealth') return;
    if (WIDE_CHANGES.has(msg.reason)) {
      registry.prune();
      return track(relookup(registry.keys()));
    }
    const ids = new Set(msg.personIds);
    const keys = new Set<string>();
    for (const k of msg.profileKeys ?? []) if (registry.withKey(k).size > 0) keys.add(k);
    for (const k of registry.keys()) {
      for (const e of registry.withKey(k)) {
        if (e.badge && ids.has(e.badge.personId)) {
          keys.add(k);
          break;
        }
      }
    }
    track(relookup([...keys]));
  }

  function setBadge(key: string, badge: Badge | null): void {
    for (const e of registry.withKey(key)) {
      e.badge = badge;
      render(e);
    }
  }

  const handlers: ChipHandlers = { activate, cardActions, guard };
  if (opts.now) handlers.now = opts.now;

  function mount(e: Entry): void {
    if (e.chip || !e.anchor.parentNode) return;
    const chip = new Chip(doc, exposure, e.person.profileKey, e.person.name, handlers);
    registry.own(chip.host, e);
    e.chip = chip;
    e.anchor.insertAdjacentElement('afterend', chip.host);
  }

  function render(e: Entry): void {
    if (!e.chip || e.badge === undefined) return;
    if (e.badge && !settings.badges) e.chip.show({ kind: 'saved', badge: e.badge });
    else e.chip.show({ kind: 'status', badge: e.badge, suggests: e.badge === null && suggests(e) });
  }

  /**
   * Whether one click on this unknown person stores a "reach out" suggestion (oneClickCapture),
   * decided as the background decides it for `as: 'auto'`, from the same post address. Only a
   * reaction's post is looked at: comment chips, most of a feed, parse no address here.
   */
  function suggests(e: Entry): boolean {
    const key = e.surface === 'reaction' && e.person.contextUrl ? postKeyOf(e.person.contextUrl) : null;
    return oneClickCapture(e.surface, handRaise.has(key)) === 'reach_out';
  }

  /** Unknown likers' buttons say what a click stores, which a hand-raise post changes. */
  function refreshSuggestions(): void {
    for (const e of registry.entries()) if (e.badge === null && e.surface === 'reaction') render(e);
  }

  // ---------- actions ----------

  function activate(chip: Chip): void {
    const e = registry.ownerOf(chip.host);
    if (!e || e.badge === undefined) return;
    if (e.badge === null) track(capture(e, 'auto'));
    else chip.openMenu(menuItems(e, e.badge));
  }

  function postOf(e: Entry): { url: string; key: string } | null {
    try {
      const url = page();
      const post = httpUrl(adapter.postUrlOf?.(e.el, url) ?? undefined, url);
      const key = post ? postKeyOf(post) : null;
      return post && key ? { url: post, key } : null;
    } catch {
      return null;
    }
  }

  function pagePerson(p: PagePersonView): Req<'capture'>['person'] {
    const out: Req<'capture'>['person'] = { profileUrl: p.profileUrl, name: p.name, pageUrl: pageUrlOf(page()) };
    if (p.avatarUrl) out.avatarUrl = p.avatarUrl;
    return out;
  }

  /**
   * Per person, the id of a capture that failed and may still have been saved (its reply lost
   * when the service worker stopped): the user's retry sends it again, and the store keeps that
   * capture once. Forgotten on success.
   */
  const unresolved = new Map<string, string>();

  async function capture(e: Entry, as: Req<'capture'>['as']): Promise<void> {
    const chip = e.chip;
    const key = e.person.profileKey;
    const requestId = unresolved.get(key) ?? crypto.randomUUID();
    unresolved.set(key, requestId);
    const req: Req<'capture'> = { person: pagePerson(e.person), surface: e.surface, as, requestId };
    if (e.person.contextUrl) req.contextUrl = e.person.contextUrl;
    if (e.surface === 'comment' && e.person.text) req.text = e.person.text;
    await withChip(chip, async () => {
      const res = await send('capture', req);
      unresolved.delete(key);
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

  /** Runs an action, then refreshes this person's status (the broadcast does too; this is for at once). */
  function act(e: Entry, work: () => Promise<unknown>, done?: string): void {
    track(
      withChip(e.chip, async () => {
        await work();
        const badges = await lookup([e.person.profileKey]);
        setBadge(e.person.profileKey, badges[e.person.profileKey] ?? null);
        if (done) e.chip?.announce(done);
      }),
    );
  }

  /** What each menu or card entry does for this person. */
  function item(e: Entry, b: Badge, entry: MenuEntry, post: { url: string; key: string } | null): MenuItem {
    const setStage = (stage: Req<'setStage'>['stage']) => () => act(e, () => send('setStage', { personId: b.personId, stage }));
    const runs: Record<MenuEntry['action'], () => void> = {
      promote: setStage('prospect'),
      reopen: setStage('lead'),
      'not-interested': setStage('not_interested'),
      capture: () => track(capture(e, explicitCapture(e.surface, handRaise.has(post?.key ?? null)))),
      'log-touch': () => act(e, () => send('logTouch', { personId: b.personId, direction: 'outbound', channel: site, kind: 'message' }), t('touchLogged')),
      'hand-raise': () =>
        track(
          withChip(e.chip, async () => {
            if (!post) return;
            const marked = await handRaise.toggle(post.url, post.key);
            e.chip?.announce(t(marked ? 'postMarked' : 'postUnmarked'));
          }),
        ),
      open: () => track(withChip(e.chip, async () => void (await send('openHandraiser', { view: 'person', personId: b.personId })))),
    };
    const out: MenuItem = { action: entry.action, label: t(entry.label), run: runs[entry.action] };
    if (entry.detail) out.detail = t(entry.detail);
    return out;
  }

  function menuItems(e: Entry, b: Badge): MenuItem[] {
    const post = postOf(e);
    return menuFor(b, post ? { marked: handRaise.has(post.key) } : null).map((m) => item(e, b, m, post));
  }

  function cardActions(chip: Chip): MenuItem[] {
    const e = registry.ownerOf(chip.host);
    const b = e?.badge;
    return e && b ? cardActionsFor(b).map((m) => item(e, b, m, null)) : [];
  }

  /** The keyboard command: the person whose chip (or name, or row) the user focused, on a chip drawn as ours. */
  function captureFocused(): void {
    // From what the document sees focused, down through the site's open shadow roots (X's chat).
    let focused = guard.userFocused();
    let e: Entry | undefined;
    while (focused && !e) {
      const el: Element = focused;
      e = registry.ownerOf(el) ?? registry.find((x) => x.el.contains(el));
      focused = el.shadowRoot?.activeElement ?? null;
    }
    const chip = e?.chip;
    if (!e || !chip || e.badge === undefined) return;
    chip.hideCard();
    track(
      Promise.resolve(guard.visible(chip)).then(async (ok) => {
        if (!ok || !registry.has(e)) return;
        const b = e.badge;
        if (!b) await capture(e, 'auto');
        else if (offersCapture(b)) await capture(e, explicitCapture(e.surface, handRaise.has(postOf(e)?.key ?? null)));
        else chip.openMenu(menuItems(e, b));
      }),
    );
  }

  // ---------- lifecycle ----------

  async function loadSettings(): Promise<void> {
    try {
      const { settings: s, words } = await send('settingsGet', {});
      const mine = s.sites[site];
      settings = { enabled: mine?.enabled ?? true, badges: mine?.badges ?? true, storeMessageText: s.storeMessageText };
      useChosenWords(words);
    } catch (e) {
      if (isInvalidated(e)) throw e;
      warnOnce('could not read settings', e);
    }
  }

  function beginWatching(): void {
    if (watching || life.stopped) return;
    const w = (watching = life.child());
    const selectors = adapter.people.map((p) => p.selector);
    // Kinds are indexes into this list: the DM messages, then (when on) the fallback's links.
    selectors.push(adapter.dm?.messageSelector ?? ':not(*)');
    if (fallback) selectors.push(FALLBACK_LINKS);
    const o: Parameters<typeof observePage>[0] = {
      doc,
      selectors,
      ownTag: exposure.tag,
      onMatches: (matches) => inSlices(matches, readMatches),
      ...(adapter.shadowHosts ? { shadowHosts: adapter.shadowHosts } : {}),
      onNavigate() {
        dm?.reset();
        fallback?.reset();
        health.schedule();
        track(handRaise.load());
      },
      // A page where no variant found anyone yet is checked again once it has settled.
      onActivity() {
        if (!fallback && registry.empty) health.scheduleOnce();
      },
      onError: (e) => warnOnce('observer error', e),
    };
    if (opts.schedule) o.schedule = opts.schedule;
    const obs = (observer = observePage(o));
    w.onStop(() => {
      obs.stop();
      if (observer === obs) observer = null;
      registry.clear();
      dm?.reset();
    });
    health.schedule();
  }

  function stopWatching(): void {
    watching?.stop();
    watching = null;
  }

  async function reloadSettings(): Promise<void> {
    const before = settings;
    const languageBefore = t('locale');
    await loadSettings();
    const languageChanged = languageBefore !== t('locale');
    if (life.stopped) return;
    if (!settings.enabled) {
      stopWatching();
    } else if (!watching) {
      await handRaise.load();
      beginWatching();
    } else if (before.badges !== settings.badges || languageChanged) {
      inSlices(registry.entries(), (slice) => {
        for (const e of slice) render(e);
      });
    }
  }

  function onBroadcast(message: unknown): void {
    if (life.stopped) return;
    try {
      const msg = parseBroadcast(message);
      if (!msg) return;
      if (msg.type === 'handraiser:changed') {
        if (watching) onChanged(msg);
      } else if (msg.type === 'handraiser:settings') {
        track(reloadSettings());
      } else if (watching) {
        captureFocused();
      }
    } catch (e) {
      warnOnce('broadcast error', e);
    }
  }

  life.onStop(stopWatching);
  try {
    const unlisten = opts.listen?.(onBroadcast);
    if (unlisten) life.onStop(unlisten);
  } catch (e) {
    warnOnce('could not listen for updates', e);
  }

  track(
    (async () => {
      await loadSettings();
      if (life.stopped || !settings.enabled) return;
      await handRaise.load();
      beginWatching();
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
    stop: () => life.stop(),
    get stopped() {
      return life.stopped;
    },
  };
}
