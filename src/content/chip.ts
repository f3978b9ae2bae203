/**
 * The chip: one small button next to a person's name, in an open shadow root under our own
 * <handraiser-chip> element (never registered with customElements: content scripts' registry
 * is unreliable). Styles live only inside the root; text from pages only through textContent.
 */
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
}

const FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,sans-serif';
const STYLE = `
:host{all:initial;display:inline-block;position:relative;vertical-align:middle;margin:0 4px;line-height:1;font:600 11px/1 ${FONT}}
.chip{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;height:18px;max-width:16em;padding:0 7px;border-radius:9px;border:1px solid #e07a1f;background:#fff7ed;color:#8a3f06;cursor:pointer;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font:inherit}
.chip:focus-visible{outline:2px solid #2563eb;outline-offset:1px}
:host([data-state=unknown]) .chip{background:#e07a1f;border-color:#c2620f;color:#fff}
:host([data-state=prospect]) .chip{background:#ecfdf5;border-color:#059669;color:#065f46}
:host([data-state=customer]) .chip,:host([data-state=team-member]) .chip{background:#eff6ff;border-color:#2563eb;color:#1e3a8a}
:host([data-state=reach-out]) .chip{background:#fff;border-style:dashed}
:host([data-muted]) .chip{background:#f3f4f6;border-color:#d1d5db;color:#6b7280}
:host([data-due]) .chip{border-color:#dc2626}
:host([aria-busy=true]) .chip{opacity:.6;cursor:progress}
:host([data-error]) .chip{border-color:#dc2626;border-width:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
[role=menu]{position:fixed;z-index:2147483647;min-width:210px;max-width:320px;box-sizing:border-box;padding:4px;background:#fff;color:#1f2933;border:1px solid #d1d5db;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.18);font:400 13px/1.3 ${FONT};text-align:left}
[role=menuitem]{all:unset;box-sizing:border-box;display:block;width:100%;padding:6px 10px;border-radius:5px;cursor:pointer}
[role=menuitem]:hover,[role=menuitem]:focus{background:#fff1e0}
.detail{display:block;margin-top:2px;color:#6b7280;font-size:11px}
`;

export class Chip {
  readonly host: HTMLElement;
  readonly button: HTMLButtonElement;
  badge: Badge | null = null;
  private readonly root: ShadowRoot;
  private readonly live: HTMLElement;
  private menu: HTMLElement | null = null;
  private closeMenuListeners: (() => void) | null = null;

  constructor(
    doc: Document,
    readonly profileKey: string,
    readonly name: string,
    private readonly handlers: ChipHandlers,
  ) {
    this.host = doc.createElement(CHIP_TAG);
    this.host.setAttribute('data-profile-key', profileKey);
    this.root = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = STYLE;
    this.button = doc.createElement('button');
    this.button.type = 'button';
    this.button.className = 'chip';
    this.live = doc.createElement('span');
    this.live.className = 'sr';
    this.live.setAttribute('role', 'status');
    this.live.setAttribute('aria-live', 'polite');
    this.root.append(style, this.button, this.live);
    this.button.addEventListener('click', (e) => {
      // Ours alone: the site's link or card under the chip must not navigate or react.
      e.preventDefault();
      e.stopPropagation();
      if (this.host.getAttribute('aria-busy') === 'true') return;
      this.handlers.activate(this);
    });
    // Keys typed at our chip are not the site's shortcuts.
    this.root.addEventListener('keydown', (e) => e.stopPropagation());
    this.render(null);
  }

  render(badge: Badge | null): void {
    this.badge = badge;
    const v = statusOf(badge);
    const h = this.host;
    h.setAttribute('data-state', v.state);
    toggle(h, 'data-muted', v.muted);
    toggle(h, 'data-due', v.due);
    this.button.textContent = v.text;
    if (badge) {
      this.button.setAttribute('aria-label', `${this.name}: ${v.text}. Open Handraiser menu`);
      this.button.setAttribute('aria-haspopup', 'menu');
      this.button.setAttribute('aria-expanded', String(this.menu !== null));
    } else {
      this.button.setAttribute('aria-label', `Capture ${this.name} as lead`);
      this.button.removeAttribute('aria-haspopup');
      this.button.removeAttribute('aria-expanded');
    }
  }

  setBusy(busy: boolean): void {
    this.host.setAttribute('aria-busy', String(busy));
  }

  /** A short readable line in the tooltip and the live region; never an alert. */
  showError(message: string): void {
    const text = `Couldn't save: ${message}`;
    this.host.setAttribute('data-error', '');
    this.button.title = text;
    this.live.textContent = text;
  }

  announce(text: string): void {
    this.host.removeAttribute('data-error');
    this.button.removeAttribute('title');
    this.live.textContent = text;
  }

  get menuOpen(): boolean {
    return this.menu !== null;
  }

  openMenu(items: readonly MenuItem[]): void {
    this.closeMenu(false);
    const doc = this.host.ownerDocument;
    const menu = doc.createElement('div');
    menu.setAttribute('role', 'menu');
    menu.setAttribute('aria-label', `Handraiser: ${this.name}`);
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
        e.preventDefault();
        e.stopPropagation();
        this.closeMenu(true);
        item.run();
      });
      return b;
    });
    menu.append(...buttons);
    menu.addEventListener('keydown', (e) => this.onMenuKey(e, buttons));
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
    buttons[0]?.focus();
  }

  closeMenu(returnFocus: boolean): void {
    if (!this.menu) return;
    this.closeMenuListeners?.();
    this.closeMenuListeners = null;
    this.menu.remove();
    this.menu = null;
    if (this.badge) this.button.setAttribute('aria-expanded', 'false');
    if (returnFocus) this.button.focus();
  }

  remove(): void {
    this.closeMenu(false);
    this.host.remove();
  }

  private onMenuKey(e: KeyboardEvent, items: HTMLButtonElement[]): void {
    const i = items.indexOf(this.root.activeElement as HTMLButtonElement);
    const go = (n: number): void => items[(n + items.length) % items.length]?.focus();
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
        go(items.length - 1);
        break;
      case 'Escape':
        this.closeMenu(true);
        break;
      case 'Tab':
        this.closeMenu(false);
        return;
      case 'Enter':
      case ' ':
        items[i]?.click();
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  }

  /** Fixed, below the chip (above when there is no room): escapes the site's overflow:hidden boxes. */
  private place(menu: HTMLElement): void {
    const r = this.button.getBoundingClientRect();
    const win = this.host.ownerDocument.defaultView;
    const vh = win?.innerHeight ?? 0;
    const vw = win?.innerWidth ?? 0;
    menu.style.left = `${Math.max(4, Math.min(r.left, vw - 224))}px`;
    if (vh && r.bottom + 200 > vh && r.top > 200) menu.style.bottom = `${vh - r.top + 4}px`;
    else menu.style.top = `${r.bottom + 4}px`;
  }
}

function toggle(el: Element, attr: string, on: boolean): void {
  if (on) el.setAttribute(attr, '');
  else el.removeAttribute(attr);
}
