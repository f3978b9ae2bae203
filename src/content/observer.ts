/**
 * Finds new elements on endless feeds, cheaply: ONE MutationObserver for the page whose
 * callback only queues added element roots; right after the page's task, at most once per
 * animation frame, the queued subtrees (and only those) are matched against the adapter's
 * selectors. No full-document scan per mutation. Each element is reported once (WeakSet). The
 * scan also notices single-page navigation (location.href changed without a reload).
 *
 * Why not refined-github's CSS-animation trick: it needs a <style> in the site's own document
 * (which the site can override, and which does not fire for display:none subtrees such as
 * collapsed reply threads or hidden likes dialogs), and happy-dom/jsdom never fire
 * animationstart, so the path the tests exercise would not be the one users run.
 */
export interface Match {
  el: Element;
  /** Index into the selectors given. */
  kind: number;
}

export interface ObserverOptions {
  doc: Document;
  selectors: readonly string[];
  /** Our own chips' element name: never matched, skipped before any query. */
  ownTag: string;
  /**
   * Elements of the site that hold part of the page in an open shadow root (X's chat): their
   * roots are watched and matched like the page itself. Only these, found by selector: checking
   * every element of an endless feed for a root would cost a walk of the whole tree per batch.
   */
  shadowHosts?: string;
  /** New matches of one frame, in document order of their roots; never called with an empty list. */
  onMatches(matches: Match[]): void;
  /** The page's URL changed since the last frame (single-page navigation). */
  onNavigate(href: string): void;
  /** The page added elements (whether or not any matched). */
  onActivity?: () => void;
  onError(e: unknown): void;
  /** Defaults to right after the page's task, at most once a frame (see defaultSchedule). */
  schedule?: (cb: () => void) => void;
}

export interface PageObserver {
  /** Processes whatever is queued now, synchronously. */
  flush(): void;
  /**
   * Takes the mutation records pending now, synchronously. Called right after our own chips are
   * mounted: their records are dropped here, without a callback into the content script of
   * their own (anything else the page added meanwhile is queued as usual).
   */
  settle(): void;
  stop(): void;
}

/**
 * Runs `cb` in the next animation frame; a background tab gets no frames, so a timer makes sure
 * it still runs, slowly.
 */
export function nextFrame(doc: Document): (cb: () => void) => void {
  const win = doc.defaultView;
  return (cb) => {
    let done = false;
    const run = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      cb();
    };
    const timer = setTimeout(run, 250);
    win?.requestAnimationFrame?.(run);
  };
}

/**
 * Runs `cb` in a task of its own right after the next frame (or the background tab's timer): for
 * work spread over frames, a slice per frame, kept out of the frame's own task, which already
 * styles, lays out and paints what the previous slice added.
 */
export function afterNextFrame(doc: Document): (cb: () => void) => void {
  const frame = nextFrame(doc);
  return (cb) => frame(() => setTimeout(cb, 0));
}

/** The current animation frame's time: the same in every task until the next frame; null where there is no timeline. */
function frameTime(doc: Document): number | null {
  const t = (doc as { timeline?: { currentTime?: unknown } }).timeline?.currentTime;
  return typeof t === 'number' ? t : null;
}

/**
 * When to match what the page added: as soon as the page's own task is over (a 0 ms timer), at
 * most once per animation frame (after a scan, the next in the same frame waits for the next
 * frame, so a page that adds elements in many small tasks still gets one scan a frame). Not in
 * the next frame's callbacks, as this did: there our scan and its look-up message (0.5-2 ms on
 * the shared bench machine, much of it the browser opening a message channel) lengthened the
 * very task that styles, lays out and paints the page's new elements, the longest task of a
 * growing feed; and the look-up left later than it can, so the chips did too. "This frame" is
 * the document timeline's time, which only moves from one frame to the next: no callback of ours
 * runs just to notice that a frame went by.
 */
function defaultSchedule(doc: Document): (cb: () => void) => void {
  const frame = nextFrame(doc);
  let scannedAt: number | null = null;
  return (cb) => {
    const now = frameTime(doc);
    if (now !== null && now === scannedAt) return frame(cb);
    setTimeout(() => {
      scannedAt = frameTime(doc);
      cb();
    }, 0);
  };
}

export function observePage(opts: ObserverOptions): PageObserver {
  const { doc, selectors, ownTag, shadowHosts } = opts;
  const roots = new WeakSet<ShadowRoot>();
  const schedule = opts.schedule ?? defaultSchedule(doc);
  const combined = selectors.join(',');
  const seen = new WeakSet<Element>();
  let queue: Element[] = [];
  let scheduled = false;
  let stopped = false;
  let href = doc.location?.href ?? '';

  const enqueue = (el: Element): void => {
    queue.push(el);
    if (!scheduled && !stopped) {
      scheduled = true;
      schedule(frame);
    }
  };

  const onRecords = (records: MutationRecord[]): void => {
    try {
      for (const r of records) {
        const added = r.addedNodes;
        for (let i = 0; i < added.length; i++) {
          const n = added[i]!;
          if (n.nodeType === 1 && (n as Element).localName !== ownTag) enqueue(n as Element);
        }
      }
    } catch (e) {
      opts.onError(e);
    }
  };
  const mo = new MutationObserver(onRecords);

  function collect(): Match[] {
    const roots = queue;
    queue = [];
    const out: Match[] = [];
    if (combined === '') return out;
    const inQueue = new Set(roots);
    for (const root of roots) {
      if (!root.isConnected) continue;
      // A root inside another queued root is covered by that one's querySelectorAll.
      let covered = false;
      for (let p = root.parentElement; p; p = p.parentElement) {
        if (inQueue.has(p)) {
          covered = true;
          break;
        }
      }
      if (covered) continue;
      if (root.matches(combined)) found(root, out);
      if (root.firstElementChild) {
        const inside = root.querySelectorAll(combined);
        for (let i = 0; i < inside.length; i++) found(inside[i]!, out);
      }
      if (shadowHosts) watchRoots(root, out);
    }
    return out;
  }

  /** Open shadow roots of the site's shadow hosts in and at `el`: watched from now on, and read as they are. */
  function watchRoots(el: Element, out: Match[]): void {
    const hosts = el.matches(shadowHosts!) ? [el] : [];
    const inside = el.querySelectorAll(shadowHosts!);
    for (let i = 0; i < inside.length; i++) hosts.push(inside[i]!);
    for (const host of hosts) {
      const sr = host.shadowRoot;
      if (!sr || roots.has(sr)) continue;
      roots.add(sr);
      mo.observe(sr, { childList: true, subtree: true });
      const all = sr.querySelectorAll(combined);
      for (let i = 0; i < all.length; i++) found(all[i]!, out);
      for (let c = sr.firstElementChild; c; c = c.nextElementSibling) watchRoots(c, out);
    }
  }

  /** An element matching some selector: reported once, under each selector it matches. */
  function found(el: Element, out: Match[]): void {
    if (seen.has(el)) return;
    seen.add(el);
    if (selectors.length === 1) {
      out.push({ el, kind: 0 });
      return;
    }
    for (let kind = 0; kind < selectors.length; kind++) if (el.matches(selectors[kind]!)) out.push({ el, kind });
  }

  function frame(): void {
    scheduled = false;
    if (stopped) return;
    try {
      const now = doc.location?.href ?? '';
      if (now !== href) {
        href = now;
        opts.onNavigate(now);
      }
      const active = queue.length > 0;
      const matches = collect();
      if (matches.length > 0) opts.onMatches(matches);
      if (active) opts.onActivity?.();
    } catch (e) {
      opts.onError(e);
    }
  }

  const onPop = (): void => {
    if (!scheduled && !stopped) {
      scheduled = true;
      schedule(frame);
    }
  };

  mo.observe(doc.documentElement, { childList: true, subtree: true });
  doc.defaultView?.addEventListener('popstate', onPop);
  enqueue(doc.documentElement);

  return {
    flush() {
      frame();
    },
    settle() {
      const records = mo.takeRecords();
      if (records.length > 0) onRecords(records);
    },
    stop() {
      stopped = true;
      queue = [];
      mo.disconnect();
      doc.defaultView?.removeEventListener('popstate', onPop);
    },
  };
}
