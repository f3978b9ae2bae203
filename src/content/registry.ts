/**
 * The people found on the page: one entry per name element, indexed by profile key (a person can
 * appear many times) and by chip host. Endless feeds recycle their elements, so entries whose
 * element left the page are dropped, in a scan amortised over the page's growth.
 */
import type { Surface } from '../domain/types';
import type { Chip } from './chip';
import type { PagePersonView } from './validate';
import type { Badge } from './wire';

/** Entries kept before the first scan for elements the site removed. */
const PRUNE_FLOOR = 2000;

export interface Entry {
  el: Element;
  anchor: Element;
  surface: Exclude<Surface, 'link'>;
  person: PagePersonView;
  /** Null for someone unknown; undefined until the look-up answers. */
  badge: Badge | null | undefined;
  chip: Chip | null;
  /** Found by the structural fallback, not a selector variant. */
  viaFallback?: true;
}

export class Registry {
  private all = new Set<Entry>();
  private byKey = new Map<string, Set<Entry>>();
  private anchors = new WeakSet<Element>();
  private owners = new WeakMap<Element, Entry>();
  private pruneAt = PRUNE_FLOOR;

  get empty(): boolean {
    return this.all.size === 0;
  }

  /** Whether this name element already has its entry. */
  holds(anchor: Element): boolean {
    return this.anchors.has(anchor);
  }

  add(e: Entry): void {
    this.all.add(e);
    this.anchors.add(e.anchor);
    let set = this.byKey.get(e.person.profileKey);
    if (!set) this.byKey.set(e.person.profileKey, (set = new Set()));
    set.add(e);
  }

  /** Remembers whose chip a host is (a host is made once, after its entry). */
  own(host: Element, e: Entry): void {
    this.owners.set(host, e);
  }

  ownerOf(host: Element): Entry | undefined {
    return this.owners.get(host);
  }

  withKey(key: string): ReadonlySet<Entry> {
    return this.byKey.get(key) ?? new Set();
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  entries(): Entry[] {
    return [...this.all];
  }

  has(e: Entry): boolean {
    return this.all.has(e);
  }

  find(pred: (e: Entry) => boolean): Entry | undefined {
    for (const e of this.all) if (pred(e)) return e;
    return undefined;
  }

  private drop(e: Entry): void {
    e.chip?.remove();
    this.all.delete(e);
    const set = this.byKey.get(e.person.profileKey);
    set?.delete(e);
    if (set?.size === 0) this.byKey.delete(e.person.profileKey);
  }

  /** After new entries: forget those whose element left the page, once the page has doubled since the last scan. */
  pruneIfGrown(): void {
    if (this.all.size <= this.pruneAt) return;
    this.prune();
    this.pruneAt = Math.max(PRUNE_FLOOR, this.all.size * 2);
  }

  prune(): void {
    for (const e of this.all) if (!e.el.isConnected) this.drop(e);
  }

  /** Every chip off the page, every entry forgotten (the site was turned off). */
  clear(): void {
    for (const e of this.all) e.chip?.remove();
    this.all = new Set();
    this.byKey = new Map();
    this.anchors = new WeakSet();
    this.owners = new WeakMap();
  }
}
