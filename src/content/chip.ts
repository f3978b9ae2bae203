/**
 * The chip: one small button next to a person's name. It gives the page nothing to read or steer:
 * - a closed shadow root (open only in test builds, see exposure.ts), and no attribute on the host;
 * - a host box of one fixed size whatever the status, so no width or height tells who is stored;
 *   it is inserted at once in a pending form and the status fills it in without a second layout;
 * - host styles marked !important inside the root, which outrank anything the page sets on the
 *   host (shadow-scoped important declarations win the cascade);
 * - every action only from the user's own, trusted input on a chip drawn as we drew it, where we
 *   put it (the ActGuard, trust.ts): no synthetic click, focus or hover opens or does anything.
 * Text from pages goes in only through textContent. The per-chip cost figures behind the template
 * and the single listener object are in bench/README.md.
 */
import { cardLines } from './card';
import type { Exposure } from './exposure';
import { t } from './i18n';
import { statusOf, type StatusView } from './status';
import type { Badge } from './wire';

export type MenuAction = 'promote' | 'capture' | 'reopen' | 'not-interested' | 'hand-raise' | 'open' | 'log-touch';

export interface MenuItem {
  /** Stable name of the action (data-action), the same in every language. */
  action: MenuAction;
  label: string;
  /** A second, muted line (the reason of a promotion). */
  detail?: string;
  run: () => void;
}

/** Whether an event on a chip is the user's own act on a chip they can see (trust.ts). */
export interface ActGuard {
  /** The event is the browser's report of the user's input, not a page script's dispatch. */
  trusted(e: Event): boolean;
  /** Synchronous: trusted, and for keys on a chip the user focused, for a pointer inside the chip. */
  isUsers(e: Event, chip: Chip): boolean;
  /**
   * The chip is drawn as we drew it, where we put it, unobscured; a promise where the browser's own
   * verdict is awaited. `inOwnBox`: the act is in the chip's menu or card, which the user opened
   * from the chip and which sits in the top layer, out of reach of the page's opacity and transforms.
   */
  visible(chip: Chip, inOwnBox?: boolean): boolean | Promise<boolean>;
  /** The user may be about to act on this chip (pointer over it, focus on it): start watching it. */
  watch(chip: Chip): void;
  /** The focus on this chip came from the user (Tab, a press), not from a page script. */
  focusedByUser(chip: Chip): boolean;
}

export interface ChipHandlers {
  /** The button was pressed: capture an unknown person, or open the menu. */
  activate: (chip: Chip) => void;
  /** The one-click actions of the hover/focus card of a known person. */
  cardActions?: (chip: Chip) => MenuItem[];
  guard: ActGuard;
  now?: () => number;
}

const FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,sans-serif';
/**
 * Exported for tests: every chip root holds exactly this text in its one <style> (browsers parse
 * one sheet per text and share it). `all:initial!important` puts every property of the host at
 * its initial value (opacity 1, no transform, filter, clip or mask, visible) beyond the page's
 * reach; the rest sets the fixed box. An ancestor can still hide or fade the chip: the guard
 * then refuses to act on it.
 */
export const STYLE = `
:host{all:initial!important;display:inline-block!important;position:relative!important;box-sizing:border-box!important;width:7.5em!important;height:18px!important;margin:0 4px!important;vertical-align:middle!important;contain:size layout style!important;font:600 11px/18px ${FONT}!important;visibility:inherit!important;user-select:none!important}
.chip{all:unset;box-sizing:border-box;display:block;width:100%;height:18px;padding:0 6px;border-radius:9px;border:1px solid #e07a1f;background:#fff7ed;color:#8a3f06;cursor:pointer;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;text-align:center;font:inherit;line-height:16px}
.chip:focus-visible,.acts button:focus-visible{outline:2px solid #2563eb;outline-offset:1px}
.pending{border-color:#e5e7eb;background:#f9fafb;color:transparent;cursor:default}
.unknown{background:#e07a1f;border-color:#c2620f;color:#fff}
.prospect{background:#ecfdf5;border-color:#059669;color:#065f46}
.customer,.team-member{background:#eff6ff;border-color:#2563eb;color:#1e3a8a}
.reach-out{background:#fff;border-style:dashed}
.muted,.saved{background:#f3f4f6;border-color:#d1d5db;color:#6b7280}
.due{border-color:#dc2626;border-width:2px;line-height:14px}
.due::before{content:'';display:inline-block;width:6px;height:6px;margin:0 4px 1px 0;border-radius:50%;background:#dc2626}
.busy{opacity:.6;cursor:progress}
.error{border-color:#dc2626;border-width:2px;line-height:14px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
[role=menu],.card{position:fixed;inset:auto;margin:0;z-index:2147483647;min-width:210px;max-width:320px;box-sizing:border-box;padding:4px;background:#fff;color:#1f2933;border:1px solid #d1d5db;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.18);font:400 13px/1.3 ${FONT};text-align:left;user-select:text}
.card{width:260px;padding:8px 10px;font-size:12px;overflow-wrap:anywhere}
.card p{margin:3px 0 0}
.card .detail{display:inline;margin-left:6px}
[role=menuitem],.acts button{all:unset;box-sizing:border-box;display:block;width:100%;padding:6px 10px;border-radius:5px;cursor:pointer}
.acts{display:flex;flex-wrap:wrap;gap:4px;margin-top:8px}
.acts button{width:auto;padding:3px 8px;border:1px solid #d1d5db}
[role=menuitem]:hover,[role=menuitem]:focus,.acts button:hover{background:#fff1e0}
.detail{display:block;margin-top:2px;color:#6b7280;font-size:11px}
`;

/** Per document: the <style> and button.chip, built once and cloned into every root. */
const templates = new WeakMap<Document, DocumentFragment>();

function rootContent(doc: Document): DocumentFragment {
  let tpl = templates.get(doc);
  if (!tpl) {
    tpl = doc.createDocumentFragment();
    const style = doc.createElement('style');
    style.textContent = STYLE;
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'chip pending';
    tpl.append(style, button);
    templates.set(doc, tpl);
  }
  return tpl.cloneNode(true) as DocumentFragment;
}

/** Hover this long before the card shows; leave this long (to cross into the card) before it hides. */
const HOVER_MS = 300;
const GRACE_MS = 200;

/** What a chip shows: pending until the look-up answers; "saved" is a known person while status badges are off. */
export type ChipShows = { kind: 'pending' } | { kind: 'status'; badge: Badge | null; suggests: boolean } | { kind: 'saved'; badge: Badge };

export class Chip implements EventListenerObject {
  readonly host: HTMLElement;
  /** Ours alone: the page cannot reach it (closed), and nothing on the host says what it holds. */
  readonly root: ShadowRoot;
  readonly button: HTMLButtonElement;
  /** The person when known; null for someone unknown or while pending. */
  badge: Badge | null = null;
  pending = true;
  private busy = false;
  private live: HTMLElement | null = null;
  private menu: HTMLElement | null = null;
  private closeMenuListeners: (() => void) | null = null;
  private card: HTMLElement | null = null;
  private closeCardListeners: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The next focus of the button is not the keyboard's (a pointer, or our own focus()): no card. */
  private quietFocus = false;

  constructor(
    doc: Document,
    private readonly exposure: Exposure,
    readonly profileKey: string,
    readonly name: string,
    private readonly handlers: ChipHandlers,
  ) {
    const h = (this.host = doc.createElement(exposure.tag));
    const root = (this.root = h.attachShadow({ mode: exposure.mode }));
    const content = rootContent(doc);
    this.button = content.lastElementChild as HTMLButtonElement;
    root.append(content);
    // One listener object for every event (see handleEvent): no closures per chip. Every chip
    // listens for the same events whatever it shows, so listening tells the page nothing.
    this.button.addEventListener('click', this);
    root.addEventListener('keydown', this);
    h.addEventListener('pointerenter', this);
    h.addEventListener('pointerleave', this);
    h.addEventListener('pointerdown', this);
    this.button.addEventListener('focus', this);
    root.addEventListener('focusout', this);
    this.show({ kind: 'pending' });
  }

  /** @internal The chip's own events: its button, its root, its host. */
  handleEvent(e: Event): void {
    const guard = this.handlers.guard;
    switch (e.type) {
      case 'click':
        // Ours alone: the site's link or card under the chip must not react, whoever clicked.
        this.swallow(e);
        if (this.busy || this.pending || !guard.isUsers(e, this)) return;
        this.hideCard();
        this.whenVisible(() => this.handlers.activate(this));
        return;
      case 'keydown':
        // Keys typed at our chip are not the site's shortcuts.
        e.stopPropagation();
        return;
      case 'pointerenter':
        if (!guard.trusted(e) || (e as PointerEvent).pointerType === 'touch') return;
        guard.watch(this);
        if (this.card) clearTimeout(this.timer);
        else if (this.badge) this.later(() => this.showCard(), HOVER_MS);
        return;
      case 'pointerleave':
        if (!guard.trusted(e)) return;
        this.later(() => this.card?.contains(this.root.activeElement) || this.hideCard(), GRACE_MS);
        return;
      case 'pointerdown':
        if (!guard.trusted(e)) return;
        // A focus that follows a press (in the same task) is the pointer's, not the keyboard's.
        this.quietFocus = true;
        setTimeout(() => (this.quietFocus = false));
        return;
      case 'focus':
        if (!guard.focusedByUser(this)) return;
        guard.watch(this);
        if (!this.quietFocus) this.showCard();
        return;
      case 'focusout':
        if (!this.root.contains((e as FocusEvent).relatedTarget as Node | null)) this.hideCard();
        return;
    }
  }

  private swallow(e: Event): void {
    e.preventDefault();
    e.stopPropagation();
  }

  /** Runs `fn` once the guard finds the chip visibly drawn; says so when it is not. */
  private whenVisible(fn: () => void, inOwnBox = false): void {
    const ok = this.handlers.guard.visible(this, inOwnBox);
    if (ok === true) fn();
    else if (ok === false) this.refused();
    else void ok.then((v) => (v ? fn() : this.refused()), () => this.refused());
  }

  private refused(): void {
    this.showError(t('hiddenChip'));
  }

  private later(fn: () => unknown, ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(fn, ms);
  }

  /** What the chip shows. Only the root changes: the host keeps its size and says nothing. */
  show(what: ChipShows): void {
    const b = this.button;
    let view: StatusView;
    if (what.kind === 'pending') {
      this.pending = true;
      this.badge = null;
      view = { state: 'pending', text: '', face: '', muted: false, due: false };
      b.setAttribute('aria-label', t('checking', this.name));
    } else if (what.kind === 'saved') {
      this.pending = false;
      this.badge = what.badge;
      view = { state: 'saved', text: t('saved'), face: t('saved'), muted: false, due: false };
    } else {
      this.pending = false;
      this.badge = what.badge;
      view = statusOf(what.badge, what.suggests);
    }
    b.className = `chip ${view.state}${view.muted ? ' muted' : ''}${view.due ? ' due' : ''}${this.busy ? ' busy' : ''}`;
    b.textContent = view.face;
    if (what.kind !== 'pending') b.title = view.text;
    if (this.badge) {
      b.setAttribute('aria-label', t('known', this.name, view.text));
      b.setAttribute('aria-haspopup', 'menu');
      b.setAttribute('aria-expanded', String(this.menu !== null));
    } else {
      if (what.kind === 'status') b.setAttribute('aria-label', t(what.suggests ? 'captureReachOut' : 'capture', this.name));
      b.removeAttribute('aria-haspopup');
      b.removeAttribute('aria-expanded');
    }
    this.exposure.mirror(this.host, this.profileKey, view.state);
    if (this.card) this.showCard();
  }

  setBusy(busy: boolean): void {
    // What an action ends with is announced in the live region: it is there before the action's result.
    if (busy) this.liveRegion();
    this.busy = busy;
    this.button.classList.toggle('busy', busy);
    this.button.setAttribute('aria-busy', String(busy));
  }

  /** The polite live region, made on first need: most chips of a feed never need one. */
  private liveRegion(): HTMLElement {
    if (!this.live) {
      const live = (this.live = this.host.ownerDocument.createElement('span'));
      live.className = 'sr';
      live.setAttribute('role', 'status');
      live.setAttribute('aria-live', 'polite');
      this.root.append(live);
    }
    return this.live;
  }

  /** A short readable line in the tooltip and the live region; never an alert. */
  showError(message: string): void {
    const text = t('saveFailed', message);
    this.button.classList.add('error');
    this.button.title = text;
    this.liveRegion().textContent = text;
  }

  announce(text: string): void {
    this.button.classList.remove('error');
    this.liveRegion().textContent = text;
  }

  get cardOpen(): boolean {
    return this.card !== null;
  }

  /** An action button in the menu or card: the user's own, on a visible chip, or nothing. */
  private actionButton(item: MenuItem, role: string | null, then: () => void): HTMLButtonElement {
    const doc = this.host.ownerDocument;
    const b = doc.createElement('button');
    b.type = 'button';
    if (role) b.setAttribute('role', role);
    b.dataset.action = item.action;
    b.textContent = item.label;
    if (item.detail) {
      const d = doc.createElement('span');
      d.className = 'detail';
      d.textContent = item.detail;
      b.append(d);
    }
    b.addEventListener('click', (e) => {
      this.swallow(e);
      if (!this.handlers.guard.isUsers(e, this)) return;
      this.whenVisible(() => {
        then();
        item.run();
      }, true);
    });
    return b;
  }

  /** Shows (or refreshes) the card of a known person; nothing while the menu is open or when the chip is not visibly ours. */
  showCard(): void {
    clearTimeout(this.timer);
    const b = this.badge;
    if (!b || this.menu || !this.host.isConnected || this.handlers.guard.visible(this) === false) return this.hideCard();
    const doc = this.host.ownerDocument;
    const el = (tag: string, text: string, cls?: string): HTMLElement => {
      const x = doc.createElement(tag);
      x.textContent = text;
      if (cls) x.className = cls;
      return x;
    };
    const card = el('div', '', 'card');
    card.id = 'card';
    card.setAttribute('role', 'group');
    card.setAttribute('aria-label', t('cardLabel', this.name));
    card.append(el('b', this.name), el('span', statusOf(b).text, 'detail'));
    for (const line of cardLines(b, this.handlers.now?.() ?? Date.now())) card.append(el('p', line));
    const actions = this.handlers.cardActions?.(this) ?? [];
    if (actions.length) {
      const acts = el('div', '', 'acts');
      for (const item of actions) {
        acts.append(
          this.actionButton(item, null, () => {
            const back = this.card?.contains(this.root.activeElement);
            this.hideCard();
            if (back) this.focusQuietly();
          }),
        );
      }
      card.append(acts);
    }
    if (this.card) {
      this.card.replaceWith(card);
    } else {
      const win = doc.defaultView;
      const esc = (e: KeyboardEvent): void => {
        if (e.key !== 'Escape') return;
        if (this.card?.contains(this.root.activeElement)) this.focusQuietly();
        this.hideCard();
      };
      const away = (): void => this.hideCard();
      doc.addEventListener('keydown', esc, true);
      win?.addEventListener('scroll', away, true);
      this.closeCardListeners = () => {
        doc.removeEventListener('keydown', esc, true);
        win?.removeEventListener('scroll', away, true);
      };
      this.root.append(card);
      this.button.setAttribute('aria-describedby', 'card');
    }
    this.card = card;
    this.place(card);
  }

  hideCard(): void {
    clearTimeout(this.timer);
    if (!this.card) return;
    this.closeCardListeners?.();
    this.closeCardListeners = null;
    this.card.remove();
    this.card = null;
    this.button.removeAttribute('aria-describedby');
  }

  private focusQuietly(): void {
    const q = this.quietFocus;
    this.quietFocus = true;
    this.button.focus();
    this.quietFocus = q;
  }

  openMenu(items: readonly MenuItem[]): void {
    this.closeMenu(false);
    this.hideCard();
    const doc = this.host.ownerDocument;
    const menu = doc.createElement('div');
    menu.setAttribute('role', 'menu');
    menu.setAttribute('aria-label', t('menuLabel', this.name));
    const buttons = items.map((item) => {
      const b = this.actionButton(item, 'menuitem', () => this.closeMenu(true));
      b.tabIndex = -1;
      return b;
    });
    menu.append(...buttons);
    menu.addEventListener('keydown', (e) => this.onMenuKey(e, buttons, items));
    this.root.append(menu);
    this.menu = menu;
    this.place(menu);
    this.button.setAttribute('aria-expanded', 'true');

    const win = doc.defaultView;
    const outside = (e: Event): void => {
      if (e.target !== this.host && !e.composedPath().includes(this.host)) this.closeMenu(false);
    };
    const away = (): void => this.closeMenu(false);
    doc.addEventListener('pointerdown', outside, true);
    doc.addEventListener('focusin', outside, true);
    win?.addEventListener('resize', away);
    win?.addEventListener('scroll', away, true);
    this.closeMenuListeners = () => {
      doc.removeEventListener('pointerdown', outside, true);
      doc.removeEventListener('focusin', outside, true);
      win?.removeEventListener('resize', away);
      win?.removeEventListener('scroll', away, true);
    };
    buttons[0]?.focus({ preventScroll: true });
  }

  closeMenu(returnFocus: boolean): void {
    if (!this.menu) return;
    this.closeMenuListeners?.();
    this.closeMenuListeners = null;
    this.menu.remove();
    this.menu = null;
    if (this.badge) this.button.setAttribute('aria-expanded', 'false');
    if (returnFocus) this.focusQuietly();
  }

  remove(): void {
    this.closeMenu(false);
    this.hideCard();
    this.host.remove();
  }

  private onMenuKey(e: KeyboardEvent, buttons: HTMLButtonElement[], items: readonly MenuItem[]): void {
    const i = buttons.indexOf(this.root.activeElement as HTMLButtonElement);
    const go = (n: number): void => buttons[(n + buttons.length) % buttons.length]?.focus({ preventScroll: true });
    switch (e.key) {
      case 'ArrowDown':
        go(i + 1);
        break;
      case 'ArrowUp':
        go(i - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(buttons.length - 1);
        break;
      case 'Escape':
        this.closeMenu(true);
        break;
      case 'Tab':
        this.closeMenu(false);
        return;
      case 'Enter':
      case ' ': {
        // The key itself is the user's act (a click() from here would not be trusted).
        const item = items[i];
        if (item && this.handlers.guard.isUsers(e, this)) {
          this.whenVisible(() => {
            this.closeMenu(true);
            item.run();
          }, true);
        }
        break;
      }
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  }

  /** Fixed, below the chip (above when there is no room), inside the viewport: escapes the site's overflow:hidden boxes. */
  private place(box: HTMLElement): void {
    // In the top layer, fixed means the viewport even inside a transformed row (X's lists), and
    // no containment or overflow of the page clips it.
    if (typeof box.showPopover === 'function' && box.isConnected) {
      box.popover = 'manual';
      try {
        box.showPopover();
      } catch {
        // Already shown, or not supported here: fixed positioning still applies.
      }
    }
    const r = this.button.getBoundingClientRect();
    const own = box.getBoundingClientRect();
    const w = own.width || 220;
    const h = own.height || 200;
    const win = this.host.ownerDocument.defaultView;
    const vh = win?.innerHeight ?? 0;
    const vw = win?.innerWidth ?? 0;
    box.style.left = `${Math.max(4, Math.min(r.left, vw - w - 4))}px`;
    if (vh && r.bottom + h + 4 > vh && r.top > h + 4) box.style.bottom = `${vh - r.top + 4}px`;
    else box.style.top = `${r.bottom + 4}px`;
  }
}
