/**
 * Small pure DOM readers shared by the site adapters. No browser APIs beyond the DOM element
 * handed in; the only import is the site rules of domain/identity: adapters stay data plus
 * functions, and judge a profile address exactly as the rest of Handraiser does.
 */
import { profileOfUrl, siteOfHost } from '../../domain/identity';
import type { Site } from '../../domain/types';

const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/**
 * Visible text of an element, whitespace collapsed: the text nodes' data only, never markup,
 * and never the source of a <script> or <style> sitting inside a comment body.
 */
export function textOf(el: Element | null | undefined): string {
  if (!el) return '';
  // Text only (a name link, a comment's paragraph): the browser's own concatenation.
  if (el.firstElementChild === null) return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  let out = '';
  const walk = (node: Node): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out += (c as Text).data;
      else if (c.nodeType === 1 && !NOT_TEXT.has((c as Element).tagName.toUpperCase())) walk(c);
    }
  };
  walk(el);
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * The first descendant matching `selector` that belongs to `root` itself: no element matching
 * `boundary` lies between them (a reply nested inside a comment has its own name link).
 */
export function ownQuery(root: Element, selector: string, boundary: string): Element | null {
  const all = root.querySelectorAll(selector);
  for (let i = 0; i < all.length; i++) {
    if (belongsTo(all[i]!, root, boundary)) return all[i]!;
  }
  return null;
}

/** All descendants matching `selector` that belong to `root` itself (see ownQuery). */
export function ownQueryAll(root: Element, selector: string, boundary: string): Element[] {
  return Array.from(root.querySelectorAll(selector)).filter((el) => belongsTo(el, root, boundary));
}

/** No element matching `boundary` strictly between `el` and `root`: one native closest() instead of a matches() per ancestor. */
function belongsTo(el: Element, root: Element, boundary: string): boolean {
  const b = el.parentElement?.closest(boundary);
  return !b || b === root || !root.contains(b);
}

/**
 * The one memo of resolved addresses, for the last page seen: every comment of a feed repeats its
 * post's and avatars' addresses, and parsing URLs is a noticeable part of the script's time.
 */
let memoPage = '';
let memo = new Map<string, string | null>();

/** A possibly relative address resolved against the page, or null when it cannot be parsed. */
export function resolved(raw: string, page: URL): string | null {
  const base = page.href;
  if (base !== memoPage || memo.size >= 512) {
    memoPage = base;
    memo = new Map();
  }
  let out = memo.get(raw);
  if (out === undefined) {
    try {
      out = new URL(raw, page).href;
    } catch {
      out = null;
    }
    memo.set(raw, out);
  }
  return out;
}

/** resolved(), with unparsable input returned unchanged (the core's gate rejects it later). */
export function absolute(raw: string, page: URL): string {
  return resolved(raw, page) ?? raw;
}

/** The raw href attribute as written in the page (may be relative), or null. */
export function hrefOf(el: Element | null | undefined): string | null {
  const href = el?.getAttribute('href');
  return href == null || href.trim() === '' ? null : href.trim();
}

/** Path of an href resolved against the page, or null when it cannot be parsed. */
export function parsed(href: string, page: URL): URL | null {
  try {
    return new URL(href, page);
  } catch {
    return null;
  }
}

/** The avatar: src of the first image matched, resolved against the page when it is a relative address. */
export function avatarOf(img: Element | null | undefined, page: URL): string | undefined {
  const src = img?.getAttribute('src') ?? img?.getAttribute('xlink:href') ?? img?.getAttribute('href');
  if (!src) return undefined;
  if (/^(data|blob|javascript):/i.test(src.trim())) return src.trim();
  return absolute(src.trim(), page);
}

/** ms since epoch of a <time datetime> (or any element with that attribute), undefined when absent or unparsable. */
export function timeOf(el: Element | null | undefined): number | undefined {
  const raw = el?.getAttribute('datetime');
  if (!raw) return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The page URL without its fragment: the context when the element carries no permalink. */
export function pageContext(page: URL): string {
  const u = new URL(page.href);
  u.hash = '';
  return u.href;
}

/**
 * The row a link sits in: climbs while the parent still holds links to one profile only
 * (a list row has an avatar link and a name link to the same person).
 */
export function rowOf(link: Element, page: URL, maxUp = 6): Element {
  const key = parsed(hrefOf(link) ?? '', page)?.pathname;
  let row = link;
  for (let i = 0; i < maxUp; i++) {
    const parent = row.parentElement;
    if (!parent || parent.tagName === 'BODY') break;
    const others = Array.from(parent.querySelectorAll('a[href]')).some(
      (a) => parsed(hrefOf(a) ?? '', page)?.pathname !== key,
    );
    if (others) break;
    row = parent;
  }
  return row;
}

/** First image of an element: an <img>, or an SVG <image> (Facebook draws avatars so). */
export function imageIn(el: Element): Element | null {
  return el.querySelector('img, image');
}

/**
 * The names of a query's parameters, each once. By forEach, never keys(): in a Firefox content
 * script the iterator keys() returns is not iterable (spread and new Set throw, Array.from gives
 * []), as with every web-platform keys/values/entries (lint rule handraiser/no-web-iterators).
 */
export function paramNames(params: URLSearchParams): string[] {
  const names: string[] = [];
  params.forEach((_value, name) => {
    if (!names.includes(name)) names.push(name);
  });
  return names;
}

/** The address with tracking parameters and the fragment removed: a clean context URL. */
export function withoutParams(u: URL, drop: (name: string) => boolean): string {
  const out = new URL(u.href);
  out.hash = '';
  for (const name of paramNames(out.searchParams)) if (drop(name)) out.searchParams.delete(name);
  return out.href;
}

/**
 * Whether a link is a person on `site` by the site's own profile rules (domain/identity, from the
 * one site table). An address that is not the site's at all (javascript:, another host) is not
 * ours to judge: it passes, as found, and the core's gate refuses it, so hostile links stay visible
 * to the tests that plant them.
 */
export function isPersonHref(site: Site, href: string, page: URL): boolean {
  const u = parsed(href, page);
  if (!u || !/^https?:$/.test(u.protocol) || siteOfHost(u.hostname) !== site) return true;
  return profileOfUrl(u)?.site === site;
}
