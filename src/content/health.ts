/**
 * Site health: when the adapter recognises a page type (a post with comments, a reactions list, a
 * thread) but nobody was found in it, the background is told once per page type and address, so
 * a site's markup change is never silent (the options page lists these).
 */
import type { Surface } from '../domain/types';
import type { Life } from './life';
import type { Registry } from './registry';
import type { SiteAdapter } from './sites/types';
import { pageUrlOf } from './validate';
import { warnOnce } from './warn';
import type { ContentSend } from './wire';

export class SiteHealth {
  private readonly reported = new Set<string>();
  private cancel: () => void = () => {};

  constructor(
    private readonly deps: {
      adapter: SiteAdapter;
      doc: Document;
      registry: Registry;
      send: ContentSend;
      life: Life;
      delayMs: number;
      /** Processes what the page added so far before the check. */
      flush: () => void;
      /** Background requests are tracked by the core (idle(), errors). */
      track: (p: Promise<unknown>) => void;
    },
  ) {}

  /** After load and after navigation: check once the page has had time to render its people. */
  schedule(): void {
    this.cancel();
    this.cancel = this.deps.life.timeout(() => this.check(), this.deps.delayMs);
  }

  private found(surface: Surface): boolean {
    return this.deps.registry.find((e) => e.surface === surface && e.el.isConnected) !== undefined;
  }

  check(): void {
    const { adapter, doc, send } = this.deps;
    try {
      this.deps.flush();
      const url = pageUrlOf(new URL(doc.location.href));
      for (const pt of adapter.pageTypes) {
        const k = `${pt.name}\n${url}`;
        if (this.reported.has(k) || !doc.querySelector(pt.selector) || this.found(pt.surface)) continue;
        this.reported.add(k);
        this.deps.track(send('reportSiteHealth', { site: adapter.site, pageType: pt.name, url }));
      }
    } catch (e) {
      warnOnce('site health check failed', e);
    }
  }
}
