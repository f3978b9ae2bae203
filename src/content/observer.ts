/**
 * Finds new elements on endless feeds, cheaply: ONE MutationObserver for the page whose
 * callback only queues added element roots; once per animation frame the queued subtrees
 * (and only those) are matched against the adapter's selectors. No full-document scan per
 * mutation. Each element is reported once (WeakSet). The frame callback also notices
 * single-page navigation (location.href changed without a reload).
 *
 * Why not refined-github's CSS-animation trick: it needs a <style> in the site's own document
 * (which the site can override, and which does not fire for display:none subtrees such as
 * collapsed reply threads or hidden likes dialogs), and happy-dom/jsdom never fire
 * animationstart, so the path the tests exercise would not be the one users run.
 */
import { CHIP_TAG } from './chip';

export interface Match {
  el: Element;
  /** Index into the selectors given. */
  kind: number;
}

export interface ObserverOptions {
  doc: Document;
  selectors: readonly string[];
  /** New matches of one frame, in document order of their roots; never called with an empty list. */
  onMatches(matches: Match[]): void;
  /** The page's URL changed since the last frame (single-page navigation). */
  onNavigate(href: string): void;
  onError(e: unknown): void;
  /** Defaults to requestAnimationFrame (falls back to a timer where frames do not run). */
  schedule?: (cb: () => void) => void;
}

export interface PageObserver {
  /** Processes whatever is queued now, synchronously. */
  flush(): void;
  /** Forget what was seen: the next scan reports everything again (after settings turn the site back on). */
  rescan(): void;
  stop(): void;
}

function defaultSchedule(doc: Document): (cb: () => void) => void {
  const win = doc.defaultView;
  return (cb) => {
    // A background tab gets no frames: a timer makes sure the queue still drains, slowly.
    let done = false;
    const run = (): void => {
      if (done) return;
      done = true;
      cb();
    };
    win?.requestAnimationFrame?.(run);
    setTimeout(run, 250);
  };
}

export function observePage(opts: ObserverOptions): PageObserver {
  const { doc, selectors } = opts;
  const schedule = opts.schedule ?? defaultSchedule(doc);
  const combined = selectors.join(',');
  let seen = new WeakSet<Element>();
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

  const mo = new MutationObserver((records) => {
    try {
      for (const r of records) {
        const added = r.addedNodes;
        // Our own chips (inserted by the core) are never matched: skipped before any query.
        for (let i = 0; i < added.length; i++) {
          const n = added[i]!;
          if (n.nodeType === 1 && (n as Element).localName !== CHIP_TAG) enqueue(n as Element);
        }
      }
    } catch (e) {
      opts.onError(e);
    }
  });

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
      const candidates = root.matches(combined) ? [root] : [];
      if (root.firstElementChild) candidates.push(...Array.from(root.querySelectorAll(combined)));
      for (const el of candidates) {
        if (seen.has(el)) continue;
        seen.add(el);
        selectors.forEach((sel, kind) => {
          if (el.matches(sel)) out.push({ el, kind });
        });
      }
    }
    return out;
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
      const matches = collect();
      if (matches.length > 0) opts.onMatches(matches);
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
    rescan() {
      seen = new WeakSet();
      enqueue(doc.documentElement);
    },
    stop() {
      stopped = true;
      queue = [];
      mo.disconnect();
      doc.defaultView?.removeEventListener('popstate', onPop);
    },
  };
}
