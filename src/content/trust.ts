/**
 * The user's own act on a chip they can see, or nothing. A page can script clicks and focus,
 * restyle or move our host, cover it, or fade it out and slide it under the user's cursor
 * (clickjacking). An act counts only when:
 * - the event is trusted (the user's input, not a script's);
 * - a key acts only on a chip whose focus came from the user (Tab or a press), not from focus();
 *   a pointer acts only inside the chip's own box;
 * - the chip is drawn as we drew it, where we put it: no page attribute on the host, still beside
 *   its name, at its own size (no ancestor scales it), opaque, not hidden, and the topmost thing
 *   at that point; where the browser can tell (Chromium's IntersectionObserver v2), also not
 *   obscured or faded by anything the page draws, as the browser itself sees it.
 * Bitwarden's inline menu is the model for restoring what the page tampered with.
 */
import type { ActGuard, Chip } from './chip';
import type { Exposure } from './exposure';
import type { Life } from './life';

/** Input this recent (ms) explains a focus change: a Tab, a click. */
const INPUT_EXPLAINS_FOCUS = 100;
/** How long to wait for the browser's own visibility verdict on a chip. */
const VERDICT_WAIT = 300;
/** Stop watching a chip this long after the user last came near it. */
const WATCH_FOR = 5_000;
/** An ancestor chain fainter than this is not "visible". */
const MIN_OPACITY = 0.9;
/**
 * The share of the chip that must be on screen and unclipped. A chip a pixel past the window's
 * edge is still plainly ours to a user (they scroll, then click); a sliver is not.
 */
const MIN_SHOWN = 0.5;

interface Verdict {
  visible: boolean;
  /** performance.now() when it was taken. */
  at: number;
}

/** IntersectionObserver v2's options and entry field, where the browser has them. */
type TrackingInit = IntersectionObserverInit & { trackVisibility: boolean; delay: number };
type TrackedEntry = IntersectionObserverEntry & { isVisible?: boolean };

export class UserActs implements ActGuard {
  private lastInput = -Infinity;
  /** Where the user's last click on a chip landed: that point, not the chip's centre, must be ours. */
  private point: { host: Element; x: number; y: number; at: number } | null = null;
  /** The element the user last moved the focus to (retargeted to our host for a chip). */
  private userFocus: Element | null = null;
  private readonly io: IntersectionObserver | null;
  private readonly verdicts = new WeakMap<Element, Verdict>();
  private readonly watched = new Map<Element, { since: number; stop: () => void; waiters: ((v: Verdict) => void)[] }>();

  constructor(
    private readonly doc: Document,
    private readonly exposure: Exposure,
    private readonly life: Life,
    /** The chip's host is expected right after this element, under the same parent. */
    private readonly anchorOf: (chip: Chip) => Element | null,
  ) {
    const win = doc.defaultView;
    const input = (e: Event): void => {
      if (e.isTrusted) this.lastInput = performance.now();
    };
    if (win) {
      life.listen(win, 'keydown', input, true);
      life.listen(win, 'pointerdown', input, true);
    }
    // Focus events are trusted even when a page script called focus(): only the user's own key
    // or press just before tells their focus from the page's. Captured at the document, this runs
    // before the chip's own focus listener.
    life.listen(doc, 'focus', (e) => {
      const target = this.inDocument(e.target as Element | null);
      // A move inside the chip the user is on (our menu) keeps it theirs.
      if (target && target === this.userFocus) return;
      this.userFocus = performance.now() - this.lastInput < INPUT_EXPLAINS_FOCUS ? target : null;
    }, true);
    this.io = tracksVisibility(win) ? this.observer(win!) : null;
    life.onStop(() => this.io?.disconnect());
  }

  private observer(win: Window): IntersectionObserver {
    const init: TrackingInit = { threshold: [MIN_SHOWN, 1], trackVisibility: true, delay: 100 };
    return new (win as Window & typeof globalThis).IntersectionObserver((entries: IntersectionObserverEntry[]) => {
      for (const e of entries as TrackedEntry[]) {
        const v = { visible: e.isVisible === true && e.intersectionRatio >= MIN_SHOWN, at: performance.now() };
        this.verdicts.set(e.target, v);
        const w = this.watched.get(e.target);
        if (w) for (const done of w.waiters.splice(0)) done(v);
      }
    }, init);
  }

  trusted(e: Event): boolean {
    return e.isTrusted;
  }

  isUsers(e: Event, chip: Chip): boolean {
    if (!e.isTrusted) return false;
    // By type, not instanceof: in Firefox the event is the page's object, seen through a wrapper.
    if (e.type === 'keydown') return this.focusedByUser(chip);
    if (e.type !== 'click') return false;
    const m = e as MouseEvent;
    // A click the keyboard made (Enter or Space on the focused button) counts no presses.
    if (m.detail === 0) return this.focusedByUser(chip);
    // Our listeners sit inside the root: the target is our own button (the chip's, or a menu's).
    const r = (e.target as Element).getBoundingClientRect();
    if (m.clientX < r.left || m.clientX > r.right || m.clientY < r.top || m.clientY > r.bottom) return false;
    this.point = { host: chip.host, x: m.clientX, y: m.clientY, at: performance.now() };
    return true;
  }

  focusedByUser(chip: Chip): boolean {
    // A chip inside the site's own shadow root is seen by the document as that root's host.
    const host = chip.host;
    const scope = host.getRootNode() as Document | ShadowRoot;
    return this.userFocus === this.inDocument(host) && this.inDocument(this.doc.activeElement) === this.userFocus && scope.activeElement === host;
  }

  /** The element the user focused, if it still has the focus. */
  userFocused(): Element | null {
    return this.userFocus && this.inDocument(this.doc.activeElement) === this.userFocus ? this.userFocus : null;
  }

  /** The element as the document sees it: a node inside a shadow root stands for its host. */
  private inDocument(el: Element | null): Element | null {
    let x = el;
    while (x && x.getRootNode() !== this.doc) x = hostOf(x);
    return x;
  }

  watch(chip: Chip): void {
    if (!this.io) return;
    const host = chip.host;
    const w = this.watched.get(host);
    if (w) {
      w.stop();
      w.stop = this.life.timeout(() => this.unwatch(host), WATCH_FOR);
      return;
    }
    this.io.observe(host);
    this.watched.set(host, { since: performance.now(), stop: this.life.timeout(() => this.unwatch(host), WATCH_FOR), waiters: [] });
  }

  private unwatch(host: Element): void {
    const w = this.watched.get(host);
    if (!w) return;
    w.stop();
    this.watched.delete(host);
    this.io?.unobserve(host);
    for (const done of w.waiters.splice(0)) done({ visible: false, at: performance.now() });
  }

  visible(chip: Chip, inOwnBox = false): boolean | Promise<boolean> {
    if (inOwnBox) return this.unreplaced(chip) && this.pointIsOurs(chip, chip.host.getBoundingClientRect());
    if (!this.drawnAsOurs(chip)) return false;
    if (!this.io) return true;
    this.watch(chip);
    const w = this.watched.get(chip.host)!;
    const v = this.verdicts.get(chip.host);
    if (v && v.at >= w.since && v.visible) return true;
    // The browser's first verdict on a chip the user just reached comes within a frame or two; a
    // "not visible" may be our own card going away (its shadow falls on the chip): wait for the next.
    return new Promise((resolve) => {
      const cancel = this.life.timeout(() => resolve(v && v.at >= w.since ? false : this.drawnAsOurs(chip)), VERDICT_WAIT);
      w.waiters.push((verdict) => {
        cancel();
        resolve(verdict.visible && this.drawnAsOurs(chip));
      });
    });
  }

  /** The checks every browser can make at once (the header lists them). */
  drawnAsOurs(chip: Chip): boolean {
    const host = chip.host;
    const win = this.doc.defaultView;
    if (!win || !this.unreplaced(chip)) return false;
    const style = win.getComputedStyle(host);
    if (style.visibility !== 'visible' || style.display === 'none') return false;
    const r = host.getBoundingClientRect();
    // Any scale from an ancestor's transform shows as a box unlike the chip's own layout size.
    if (r.width < 8 || Math.abs(r.width - host.offsetWidth) > 1 || Math.abs(r.height - host.offsetHeight) > 1) return false;
    let opacity = 1;
    for (let el: Element | null = host; el; el = el.parentElement ?? hostOf(el)) {
      const s = el === host ? style : win.getComputedStyle(el);
      opacity *= Number(s.opacity);
      const faded = /opacity\(([\d.]+)(%?)\)/.exec(s.filter);
      if (faded) opacity *= Number(faded[1]) / (faded[2] ? 100 : 1);
      if (!(opacity >= MIN_OPACITY)) return false;
    }
    return this.pointIsOurs(chip, r);
  }

  /** Still beside its name, with no attribute the page wrote. */
  private unreplaced(chip: Chip): boolean {
    const host = chip.host;
    const anchor = this.anchorOf(chip);
    return host.isConnected && !!anchor?.isConnected && anchor.parentNode === host.parentNode && !this.tampered(host);
  }

  /** The topmost thing where the user clicked (the chip, or its menu or card), else at the chip's centre, is ours. */
  private pointIsOurs(chip: Chip, r: DOMRect): boolean {
    const host = chip.host;
    const win = this.doc.defaultView;
    const p = this.point?.host === host && performance.now() - this.point.at < 1_000 ? this.point : null;
    const x = p ? p.x : r.left + r.width / 2;
    const y = p ? p.y : r.top + r.height / 2;
    if (!win || x < 0 || y < 0 || x >= win.innerWidth || y >= win.innerHeight) return false;
    // Asked of the tree the chip is in: the document, or the site's own shadow root around it.
    return (host.getRootNode() as Document | ShadowRoot).elementFromPoint(x, y) === host;
  }

  /** Attributes the page put on our host: removed, and this act refused. */
  private tampered(host: HTMLElement): boolean {
    const foreign = Array.from(host.attributes, (a) => a.name).filter((n) => !this.exposure.hostAttributes.includes(n));
    for (const name of foreign) host.removeAttribute(name);
    return foreign.length > 0;
  }
}

function hostOf(el: Element): Element | null {
  const root = el.getRootNode() as Partial<ShadowRoot>;
  return root.nodeType === 11 ? (root.host ?? null) : null;
}

function tracksVisibility(win: Window | null): boolean {
  const Entry = (win as (Window & typeof globalThis) | null)?.IntersectionObserverEntry;
  return !!Entry && 'isVisible' in Entry.prototype;
}
