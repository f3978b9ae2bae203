/**
 * The chip: one small button next to a person's name, in an open shadow root under our own
 * <handraiser-chip> element (never registered with customElements: content scripts' registry
 * is unreliable). Styles live only inside the root; text from pages only through textContent.
 *
 * Cost per chip on a growing feed (profiled on demo/feed.html at 2,000 comments, bench 1):
 * - A <style> per root with the same text, not one constructed sheet adopted by every root. Browsers
 *   parse an inline sheet once and share it between roots with the same text (Chromium and Gecko
 *   both cache sheet contents by text), and in Chromium the style recalc of new roots that adopt a
 *   constructed sheet cost 2-4 times that of roots with the same <style> (20 new chips on the
 *   2,000-comment feed: about 4 ms against 1.7 ms a step).
 *   Inline styles from a content script are not subject to the page's CSP (checked in Chromium
 *   and Firefox ESR on a page with style-src 'self').
 * - The root's content (style and button) is cloned from a per-document template: one DOM call
 *   instead of a dozen. One listener object (handleEvent) for all the chip's events, and the
 *   card's only once the person is known.
 * - The live region (an absolutely positioned, clipped element: a paint layer of its own) is made
 *   when the chip's first action starts, before anything is announced in it: most chips of a feed
 *   never need one (about 5 ms less main-thread time per step of 20 chips in an A/B run).
 * - Containment and a fixed height on the host (a chip never reflows the line); position:relative
 *   and layout containment keep the live region's containing block inside the chip (without both,
 *   it is laid out by the page's root on every layout).
 * - No layout reads until a menu or card opens. The menu and card DOM is built only then.
 */
import { cardLines } from './card';
import { t } from './i18n';
import { statusOf } from './status';
import type { Badge } from './wire';

export const CHIP_TAG = 'handraiser-chip';

export interface MenuItem {
  /** Stable name of the action (data-action), the same in every language. */
  action: 'promote' | 'capture' | 'reopen' | 'not-interested' | 'hand-raise' | 'open' | 'log-touch';
  label: string;
  /** A second, muted line (the reason of a promotion). */
  detail?: string;
  run(): void;
}

export interface ChipHandlers {
  /** The button was clicked (or Enter/Space): capture an unknown person, or open the menu. */
  activate(chip: Chip): void;
  /** The one-click actions of the hover/focus card of a known person. */
  cardActions?(chip: Chip): MenuItem[];
  /** Act only on the user's own clicks and keys: a page script can click() into an open shadow root. */
  trustedOnly?: boolean;
  now?: () => number;
}

const FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,sans-serif';
/** Exported for tests: every chip root holds exactly this text in its one <style>. */
export const STYLE = `
:host{all:initial;display:inline-block;position:relative;vertical-align:middle;margin:0 4px;height:18px;font:600 11px/18px ${FONT};contain:layout style}
:host([data-open]){contain:style}
.chip{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;height:18px;max-width:16em;padding:0 7px;border-radius:9px;border:1px solid #e07a1f;background:#fff7ed;color:#8a3f06;cursor:pointer;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font:inherit;line-height:16px}
.chip:focus-visible,.acts button:focus-visible{outline:2px solid #2563eb;outline-offset:1px}
:host([data-state=unknown]) .chip{background:#e07a1f;border-color:#c2620f;color:#fff}
:host([data-state=prospect]) .chip{background:#ecfdf5;border-color:#059669;color:#065f46}
:host([data-state=customer]) .chip,:host([data-state=team-member]) .chip{background:#eff6ff;border-color:#2563eb;color:#1e3a8a}
:host([data-state=reach-out]) .chip{background:#fff;border-style:dashed}
:host([data-muted]) .chip{background:#f3f4f6;border-color:#d1d5db;color:#6b7280}
:host([data-due]) .chip{border-color:#dc2626}
:host([aria-busy=true]) .chip{opacity:.6;cursor:progress}
:host([data-error]) .chip{border-color:#dc2626;border-width:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
[role=menu],.card{position:fixed;inset:auto;margin:0;z-index:2147483647;min-width:210px;max-width:320px;box-sizing:border-box;padding:4px;background:#fff;color:#1f2933;border:1px solid #d1d5db;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.18);font:400 13px/1.3 ${FONT};text-align:left}
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
    button.className = 'chip';
    tpl.append(style, button);
    templates.set(doc, tpl);
  }
  return tpl.cloneNode(true) as DocumentFragment;
}

/** Hover this long before the card shows; leave this long (to cross into the card) before it hides. */
const HOVER_MS = 300;
const GRACE_MS = 200;

export class Chip implements EventListenerObject {
  readonly host: HTMLElement;
  readonly button: HTMLButtonElement;
  badge: Badge | null = null;
  private readonly root: ShadowRoot;
  private live: HTMLElement | null = null;
  private menu: HTMLElement | null = null;
  private closeMenuListeners: (() => void) | null = null;
  private card: HTMLElement | null = null;
  private closeCardListeners: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The next focus of the button is not the keyboard's (a pointer, or our own focus()): no card. */
  private quietFocus = false;
  private cardEvents = false;

  constructor(
    doc: Document,
    readonly profileKey: string,
    readonly name: string,
    private readonly handlers: ChipHandlers,
    badge: Badge | null = null,
    /** Unknown, one click stores a "reach out" suggestion, not a lead (statusOf); the core keeps it current. */
    public suggests = false,
  ) {
    const h = (this.host = doc.createElement(CHIP_TAG));
    h.setAttribute('data-profile-key', profileKey);
    const root = (this.root = h.attachShadow({ mode: 'open' }));
    const content = rootContent(doc);
    this.button = content.lastElementChild as HTMLButtonElement;
    root.append(content);
    // One listener object for every event (see handleEvent): no closures per chip.
    this.button.addEventListener('click', this);
    // Keys typed at our chip are not the site's shortcuts.
    root.addEventListener('keydown', this);
    // Complete before it enters the page: one insertion, no second style pass for its status.
    this.render(badge);
  }

  /** The card's events, from the first status on: unknown people have no card (most chips of a feed). */
  private listenForCard(): void {
    if (this.cardEvents) return;
    this.cardEvents = true;
    const h = this.host;
    // The card: after a short hover, or at once on keyboard focus.
    h.addEventListener('pointerenter', this);
    h.addEventListener('pointerleave', this);
    h.addEventListener('pointerdown', this);
    this.button.addEventListener('focus', this);
    this.root.addEventListener('focusout', this);
  }

  /** @internal The chip's own events: its button, its root, its host. */
  handleEvent(e: Event): void {
    switch (e.type) {
      case 'click':
        if (!this.mine(e) || this.host.getAttribute('aria-busy') === 'true') return;
        this.handlers.activate(this);
        return;
      case 'keydown':
        e.stopPropagation();
        return;
      case 'pointerenter':
        if (this.card) clearTimeout(this.timer);
        else if ((e as PointerEvent).pointerType !== 'touch') this.later(() => this.showCard(), HOVER_MS);
        return;
      case 'pointerleave':
        this.later(() => this.card?.contains(this.root.activeElement) || this.hideCard(), GRACE_MS);
        return;
      case 'pointerdown':
        // A focus that follows a press (in the same task) is the pointer's, not the keyboard's.
        this.quietFocus = true;
        setTimeout(() => (this.quietFocus = false));
        return;
      case 'focus':
        if (!this.quietFocus) this.showCard();
        return;
      case 'focusout':
        if (!this.root.contains((e as FocusEvent).relatedTarget as Node | null)) this.hideCard();
        return;
    }
  }

  /** Our event alone (the site's link or card under the chip must not react), and the user's own. */
  private mine(e: Event): boolean {
    e.preventDefault();
    e.stopPropagation();
    return !this.handlers.trustedOnly || e.isTrusted;
  }

  private later(fn: () => unknown, ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(fn, ms);
  }

  render(badge: Badge | null): void {
    this.badge = badge;
    const v = statusOf(badge, this.suggests);
    const h = this.host;
    h.setAttribute('data-state', v.state);
    toggle(h, 'data-muted', v.muted);
    toggle(h, 'data-due', v.due);
    this.button.textContent = v.text;
    if (badge) {
      this.listenForCard();
      this.button.setAttribute('aria-label', t('known', this.name, v.text));
      this.button.setAttribute('aria-haspopup', 'menu');
      this.button.setAttribute('aria-expanded', String(this.menu !== null));
    } else {
      this.button.setAttribute('aria-label', t(this.suggests ? 'captureReachOut' : 'capture', this.name));
      this.button.removeAttribute('aria-haspopup');
      this.button.removeAttribute('aria-expanded');
    }
    if (this.card) this.showCard();
  }

  setBusy(busy: boolean): void {
    // What an action ends with is announced in the live region: it is there before the action's result.
    if (busy) this.liveRegion();
    this.host.setAttribute('aria-busy', String(busy));
  }

  /** The polite live region, made on first need (see the note at the top). */
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
    this.host.setAttribute('data-error', '');
    this.button.title = text;
    this.liveRegion().textContent = text;
  }

  announce(text: string): void {
    this.host.removeAttribute('data-error');
    this.button.removeAttribute('title');
    this.liveRegion().textContent = text;
  }

  get menuOpen(): boolean {
    return this.menu !== null;
  }

  get cardOpen(): boolean {
    return this.card !== null;
  }

  /** Shows (or refreshes) the card of a known person; nothing while the menu is open. */
  showCard(): void {
    clearTimeout(this.timer);
    const b = this.badge;
    if (!b || this.menu || !this.host.isConnected) return this.hideCard();
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
        const btn = el('button', item.label) as HTMLButtonElement;
        btn.type = 'button';
        btn.dataset.action = item.action;
        btn.addEventListener('click', (e) => {
          if (!this.mine(e)) return;
          const back = this.card?.contains(this.root.activeElement);
          this.hideCard();
          if (back) this.focusQuietly();
          item.run();
        });
        acts.append(btn);
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
    this.opened();
    this.place(card);
  }

  hideCard(): void {
    clearTimeout(this.timer);
    if (!this.card) return;
    this.closeCardListeners?.();
    this.closeCardListeners = null;
    this.card.remove();
    this.card = null;
    this.opened();
    this.button.removeAttribute('aria-describedby');
  }

  /** Layout containment would make the chip the containing block of the fixed menu/card where there is no top layer: off while open. */
  private opened(): void {
    toggle(this.host, 'data-open', this.menu !== null || this.card !== null);
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
    const choose = (item: MenuItem): void => {
      this.closeMenu(true);
      item.run();
    };
    const buttons = items.map((item) => {
      const b = doc.createElement('button');
      b.type = 'button';
      b.setAttribute('role', 'menuitem');
      b.dataset.action = item.action;
      b.tabIndex = -1;
      b.textContent = item.label;
      if (item.detail) {
        const d = doc.createElement('span');
        d.className = 'detail';
        d.textContent = item.detail;
        b.append(d);
      }
      b.addEventListener('click', (e) => {
        if (this.mine(e)) choose(item);
      });
      return b;
    });
    menu.append(...buttons);
    menu.addEventListener('keydown', (e) => this.onMenuKey(e, buttons, items, choose));
    this.root.append(menu);
    this.menu = menu;
    this.opened();
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
    this.opened();
    if (this.badge) this.button.setAttribute('aria-expanded', 'false');
    if (returnFocus) this.focusQuietly();
  }

  remove(): void {
    this.closeMenu(false);
    this.hideCard();
    this.host.remove();
  }

  private onMenuKey(e: KeyboardEvent, buttons: HTMLButtonElement[], items: readonly MenuItem[], choose: (item: MenuItem) => void): void {
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
      case ' ':
        // The key itself is the user's act (a click() from here would not be trusted).
        if (items[i] && this.mine(e)) choose(items[i]);
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  }

  /** Fixed, below the chip (above when there is no room), inside the viewport: escapes the site's overflow:hidden boxes. */
  private place(box: HTMLElement): void {
    // In the top layer, fixed means the viewport even inside a transformed row (X's lists);
    // otherwise the site's transform would become the containing block and misplace us.
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

function toggle(el: Element, attr: string, on: boolean): void {
  if (on) el.setAttribute(attr, '');
  else el.removeAttribute(attr);
}
