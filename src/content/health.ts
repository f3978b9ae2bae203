/**
 * Site health: what each page showed, told to the background once per page and finding, so a
 * site's markup change is never silent (the options page shows it per site and page type):
 * - people found by the site's selector variants;
 * - people found only by the structural fallback: a variant is stale;
 * - nobody, on a page the adapter recognises (a post with comments, a reactions list, a thread).
 * When the variants found nobody, the check also asks the structural fallback to take over.
 */
import type { Surface } from '../domain/types';
import type { HealthFinding } from '../messages/wire-names';
import type { Life } from './life';
import type { Registry } from './registry';
import type { SiteAdapter } from './sites/types';
import { pageUrlOf } from './validate';
import { warnOnce } from './warn';
import type { ContentSend } from './wire';

type PersonSurface = Exclude<Surface, 'link'>;

export class SiteHealth {
  private readonly reported = new Set<string>();
  private cancel: (() => void) | null = null;

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
      /** Turns the structural fallback on when it finds people; the surfaces it found them on. */
      fallback: () => PersonSurface[];
    },
  ) {}

  /** After load and after navigation: check once the page has had time to render its people. */
  schedule(): void {
    this.cancel?.();
    this.cancel = this.deps.life.timeout(() => {
      this.cancel = null;
      this.check();
    }, this.deps.delayMs);
  }

  /** The page changed while nobody was found: check once it had time, without postponing a check already due. */
  scheduleOnce(): void {
    if (!this.cancel) this.schedule();
  }

  private pageType(surface: PersonSurface): string {
    return this.deps.adapter.pageTypes.find((pt) => pt.surface === surface)?.name ?? surface;
  }

  private report(found: HealthFinding, pageType: string, url: string): void {
    const k = `${found}\n${pageType}\n${url}`;
    if (this.reported.has(k)) return;
    this.reported.add(k);
    const { adapter, send } = this.deps;
    this.deps.track(send('reportSiteHealth', { site: adapter.site, pageType, url, found }));
  }

  check(): void {
    const { adapter, doc, registry } = this.deps;
    try {
      this.deps.flush();
      const url = pageUrlOf(new URL(doc.location.href));
      const found = new Map<PersonSurface, HealthFinding>();
      for (const e of registry.entries()) if (e.el.isConnected) found.set(e.surface, e.viaFallback ? 'fallback' : 'selectors');
      if (found.size === 0) for (const s of this.deps.fallback()) found.set(s, 'fallback');
      for (const [surface, how] of found) this.report(how, this.pageType(surface), url);
      for (const pt of adapter.pageTypes) {
        if (!found.has(pt.surface) && doc.querySelector(pt.selector)) this.report('nobody', pt.name, url);
      }
    } catch (e) {
      warnOnce('site health check failed', e);
    }
  }
}
