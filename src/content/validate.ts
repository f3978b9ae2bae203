/**
 * The one gate between what an adapter reads out of a page and what leaves the page.
 * Once, for every site: an adapter may be fooled by hostile markup; this never throws and
 * never lets through anything but an http(s) profile of the site the page is on.
 */
import { profileOfUrl, siteOfHost } from '../domain/identity';
import { LIMITS } from '../domain/limits';
import type { Site } from '../domain/types';
import { cleanText } from '../domain/text';
import { resolved } from './sites/dom';
import type { RawPerson } from './sites/types';

/** The only import of domain/types' values in content/: see the note on bundle size in index.ts. */
export { LIMITS, cleanText };

export interface PagePersonView {
  profileKey: string;
  profileUrl: string;
  name: string;
  avatarUrl?: string;
  contextUrl?: string;
  text?: string;
}

/** An absolute http(s) address within the URL bound, or undefined. */
export function httpUrl(raw: unknown, page: URL): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const out = resolved(raw.trim(), page);
  return out !== null && /^https?:\/\//i.test(out) && out.length <= LIMITS.url ? out : undefined;
}

/** httpUrl, parsed: the URL itself, or undefined. */
function httpUrlOf(raw: string, page: URL): URL | undefined {
  if (raw.trim() === '') return undefined;
  try {
    const u = new URL(raw.trim(), page);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.href.length <= LIMITS.url ? u : undefined;
  } catch {
    return undefined;
  }
}

/** The page as a person's pageUrl: no fragment, and within the bound even with a huge query string. */
export function pageUrlOf(page: URL): string {
  const u = new URL(page.href);
  u.hash = '';
  return u.href.length <= LIMITS.url ? u.href : `${u.origin}${u.pathname}`.slice(0, LIMITS.url);
}

export function validatePerson(raw: RawPerson | null | undefined, page: URL, site: Site): PagePersonView | null {
  try {
    if (!raw || typeof raw.profileUrl !== 'string') return null;
    if (siteOfHost(page.hostname) !== site) return null;
    // Parsed once (a profile address is new on every comment: nothing to remember).
    const resolved = httpUrlOf(raw.profileUrl, page);
    if (!resolved) return null;
    const ref = profileOfUrl(resolved);
    if (!ref || ref.site !== site) return null;
    const name = cleanText(raw.name, LIMITS.name) || ref.handle || '';
    if (!name) return null;
    const out: PagePersonView = { profileKey: ref.profileKey, profileUrl: ref.canonicalUrl, name };
    const avatar = httpUrl(raw.avatarUrl, page);
    if (avatar) out.avatarUrl = avatar;
    const context = httpUrl(raw.contextUrl, page);
    if (context) out.contextUrl = context;
    const text = cleanText(raw.text, LIMITS.text);
    if (text) out.text = text;
    return out;
  } catch {
    return null;
  }
}
