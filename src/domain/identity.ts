import { LIMITS } from './limits';
import { SITE_RULES } from './sites';
import type { Site } from './types';

/**
 * One person on one site, whatever URL form the user met them by: the key is what
 * de-duplicates people, so every variant of a profile URL must land on the same key.
 */
export interface ProfileRef {
  site: Site;
  profileKey: string;
  canonicalUrl: string;
  handle?: string;
}

/** Registrable domains and their site (docs/domain.md "Who is the same person"): any sub-domain belongs to it. */
const SITE_DOMAINS: ReadonlyArray<readonly [string, Site]> = (Object.keys(SITE_RULES) as Site[]).flatMap((site) =>
  SITE_RULES[site].domains.map((d) => [d, site] as const),
);

const DEMO_HOSTS = new Set(SITE_RULES.demo.hosts);

function bareHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  // Strip a port; IPv6 literals are never one of our sites.
  const colon = h.lastIndexOf(':');
  if (colon > -1 && !h.includes(']')) h = h.slice(0, colon);
  return h;
}

export function siteOfHost(host: string): Site | null {
  const h = bareHost(host);
  if (DEMO_HOSTS.has(h)) return 'demo';
  for (const [domain, site] of SITE_DOMAINS) {
    // Exact domain or a true sub-domain: `facebook.com.evil.io` and `notfacebook.com` fail both.
    if (h === domain || h.endsWith(`.${domain}`)) return site;
  }
  return null;
}

function parseHttpUrl(url: string, base?: string): URL | null {
  if (typeof url !== 'string') return null;
  const raw = url.trim();
  if (raw === '' || raw.length > LIMITS.url) return null;
  let u: URL;
  try {
    u = base === undefined ? new URL(raw) : new URL(raw, base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return u;
}

/** Path segments, percent-decoded (a malformed escape keeps its raw form), empty ones dropped. */
function segmentsOf(u: URL): string[] {
  return u.pathname
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

function lower(s: string): string {
  return s.toLowerCase();
}

// ---------------------------------------------------------------- facebook

const FB_RESERVED = SITE_RULES.facebook.reserved;
/** Tabs of a profile: `/<vanity>/about` is still the person; anything else after the vanity is content. */
const FB_PROFILE_TABS = SITE_RULES.facebook.tabs;

const FB_VANITY = /^[A-Za-z0-9.]{1,50}$/;
const DIGITS = /^\d{1,20}$/;

function fbById(id: string): ProfileRef {
  return {
    site: 'facebook',
    profileKey: `facebook:id:${id}`,
    canonicalUrl: `https://www.facebook.com/profile.php?id=${id}`,
  };
}

function fbByVanity(vanity: string): ProfileRef | null {
  if (DIGITS.test(vanity)) return fbById(vanity);
  if (!FB_VANITY.test(vanity) || !/[a-z]/i.test(vanity)) return null;
  const v = lower(vanity);
  if (FB_RESERVED.has(v) || v.startsWith('.') || v.endsWith('.')) return null;
  // `favicon.ico`, `home.php` and the like are files, not people.
  if (/\.(php|ico|txt|xml|html?|js|css|png|jpe?g|gif)$/.test(v)) return null;
  return {
    site: 'facebook',
    profileKey: `facebook:${v}`,
    canonicalUrl: `https://www.facebook.com/${v}`,
    handle: v,
  };
}

/** A messenger thread id or vanity: the same key as the profile. */
function fbThreadPartner(who: string | undefined): ProfileRef | null {
  if (who === undefined) return null;
  return fbByVanity(who);
}

function facebookProfile(u: URL, segs: string[]): ProfileRef | null {
  const host = bareHost(u.hostname);
  if (host === 'messenger.com' || host.endsWith('.messenger.com')) {
    return segs[0] === 't' && segs.length === 2 ? fbThreadPartner(segs[1]) : null;
  }
  const first = segs[0];
  if (first === undefined) return null;
  const f = lower(first);
  if (f === 'profile.php') {
    const id = u.searchParams.get('id');
    return id !== null && DIGITS.test(id) ? fbById(id) : null;
  }
  if (f === 'people') {
    // /people/Some-Name/123 (the name part is decoration)
    const id = segs[2];
    return id !== undefined && DIGITS.test(id) ? fbById(id) : null;
  }
  if (f === 'groups') {
    // /groups/<group>/user/<id>: a member seen inside a group
    const id = segs[3];
    return segs[2] === 'user' && id !== undefined && DIGITS.test(id) ? fbById(id) : null;
  }
  if (f === 'messages') {
    return segs[1] === 't' && segs.length === 3 ? fbThreadPartner(segs[2]) : null;
  }
  if (segs.length === 1) return fbByVanity(first);
  const tab = segs[1];
  if (segs.length === 2 && tab !== undefined && FB_PROFILE_TABS.has(lower(tab))) return fbByVanity(first);
  return null;
}

// ---------------------------------------------------------------- instagram

const IG_RESERVED = SITE_RULES.instagram.reserved;
const IG_PROFILE_TABS = SITE_RULES.instagram.tabs;
const IG_HANDLE = /^[A-Za-z0-9._]{1,30}$/;

function instagramProfile(segs: string[]): ProfileRef | null {
  const h = segs[0];
  if (h === undefined || !IG_HANDLE.test(h)) return null;
  if (segs.length > 2) return null;
  const tab = segs[1];
  if (tab !== undefined && !IG_PROFILE_TABS.has(lower(tab))) return null;
  const handle = lower(h);
  if (IG_RESERVED.has(handle) || handle.startsWith('.') || handle.endsWith('.')) return null;
  return {
    site: 'instagram',
    profileKey: `instagram:${handle}`,
    canonicalUrl: `https://www.instagram.com/${handle}/`,
    handle,
  };
}

// ---------------------------------------------------------------- linkedin

const LI_SLUG = /^[\p{L}\p{N}\p{M}_-]{2,100}$/u;
/**
 * Member ids (`/in/ACoAAB...`) are case-sensitive and long; vanity slugs are case-insensitive.
 * The id shape is strict so that a slug that merely starts with "aco" is still lowercased.
 */
const LI_MEMBER_ID = /^ACo[A-Za-z0-9_-]{20,}$/;

function linkedinProfile(segs: string[]): ProfileRef | null {
  const s = lower(segs[0] ?? '') === 'mwlite' ? segs.slice(1) : segs;
  if (lower(s[0] ?? '') !== 'in') return null;
  const rawSlug = s[1];
  if (rawSlug === undefined) return null;
  // Anything after the slug (locale `/de`, `/detail/...`, `/recent-activity/`) is still the person.
  const nfc = rawSlug.normalize('NFC');
  if (!LI_SLUG.test(nfc)) return null;
  const slug = LI_MEMBER_ID.test(nfc) ? nfc : lower(nfc);
  return {
    site: 'linkedin',
    profileKey: `linkedin:${slug}`,
    canonicalUrl: `https://www.linkedin.com/in/${encodeURIComponent(slug)}/`,
    handle: slug,
  };
}

// ---------------------------------------------------------------- x / twitter

const X_RESERVED = SITE_RULES.x.reserved;
const X_PROFILE_TABS = SITE_RULES.x.tabs;
const X_HANDLE = /^[A-Za-z0-9_]{1,15}$/;

function xProfile(segs: string[]): ProfileRef | null {
  const h = segs[0];
  if (h === undefined || !X_HANDLE.test(h) || segs.length > 2) return null;
  const tab = segs[1];
  if (tab !== undefined && !X_PROFILE_TABS.has(lower(tab))) return null;
  const handle = lower(h);
  if (X_RESERVED.has(handle)) return null;
  return { site: 'x', profileKey: `x:${handle}`, canonicalUrl: `https://x.com/${handle}`, handle };
}

// ---------------------------------------------------------------- youtube

const YT_HANDLE = /^@[\p{L}\p{N}\p{M}._-]{1,100}$/u;
const YT_CHANNEL_ID = /^[A-Za-z0-9_-]{10,40}$/;
const YT_NAME = /^[\p{L}\p{N}\p{M}._-]{1,100}$/u;

function youtubeProfile(segs: string[]): ProfileRef | null {
  const first = segs[0];
  if (first === undefined) return null;
  if (first.startsWith('@')) {
    const nfc = first.normalize('NFC');
    if (!YT_HANDLE.test(nfc)) return null;
    const handle = lower(nfc);
    return {
      site: 'youtube',
      profileKey: `youtube:${handle}`,
      canonicalUrl: `https://www.youtube.com/${encodeURIComponent(handle).replace('%40', '@')}`,
      handle,
    };
  }
  const second = segs[1];
  if (second === undefined) return null;
  if (first === 'channel') {
    if (!YT_CHANNEL_ID.test(second)) return null;
    return {
      site: 'youtube',
      profileKey: `youtube:channel:${second}`,
      canonicalUrl: `https://www.youtube.com/channel/${second}`,
    };
  }
  if (first === 'c' || first === 'user') {
    const nfc = second.normalize('NFC');
    if (!YT_NAME.test(nfc)) return null;
    const name = lower(nfc);
    return {
      site: 'youtube',
      profileKey: `youtube:${first}:${name}`,
      canonicalUrl: `https://www.youtube.com/${first}/${encodeURIComponent(name)}`,
      handle: name,
    };
  }
  return null;
}

// ---------------------------------------------------------------- tiktok

const TT_HANDLE = /^@[A-Za-z0-9._]{1,30}$/;

function tiktokProfile(segs: string[]): ProfileRef | null {
  const h = segs[0];
  if (h === undefined || segs.length !== 1 || !TT_HANDLE.test(h)) return null;
  const handle = lower(h);
  return {
    site: 'tiktok',
    profileKey: `tiktok:${handle}`,
    canonicalUrl: `https://www.tiktok.com/${handle}`,
    handle,
  };
}

// ---------------------------------------------------------------- demo

const DEMO_SLUG = /^[A-Za-z0-9._-]{1,100}$/;

function demoProfile(u: URL, segs: string[]): ProfileRef | null {
  const slug = segs[2];
  if (segs.length !== 3 || segs[0] !== 'demo' || segs[1] !== 'profile' || slug === undefined) return null;
  if (!DEMO_SLUG.test(slug)) return null;
  const s = lower(slug);
  return {
    site: 'demo',
    profileKey: `demo:${s}`,
    canonicalUrl: `${u.protocol}//${u.host}/demo/profile/${s}`,
    handle: s,
  };
}

/** The person a URL points at, or null when it points at anything else (a post, a group, a page of the site). */
export function profileOf(url: string, base?: string): ProfileRef | null {
  const u = parseHttpUrl(url, base);
  return u === null ? null : profileOfUrl(u);
}

/**
 * profileOf for an address already parsed (http or https, within the URL bound): the content
 * script checks the address it resolves and reads the person from it without parsing it again.
 */
export function profileOfUrl(u: URL): ProfileRef | null {
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const site = siteOfHost(u.hostname);
  if (site === null) return null;
  const segs = segmentsOf(u);
  switch (site) {
    case 'facebook':
      return facebookProfile(u, segs);
    case 'instagram':
      return instagramProfile(segs);
    case 'linkedin':
      return linkedinProfile(segs);
    case 'x':
      return xProfile(segs);
    case 'youtube':
      return youtubeProfile(segs);
    case 'tiktok':
      return tiktokProfile(segs);
    case 'demo':
      return demoProfile(u, segs);
  }
}

export function isProfileUrlOf(url: string, site: Site, base?: string): boolean {
  return profileOf(url, base)?.site === site;
}

/** Query parameters that carry the post's identity, per site; every other one is tracking or view state. */
const POST_PARAMS: Partial<Record<Site, readonly string[]>> = {
  facebook: ['fbid', 'id', 'story_fbid', 'v'],
  youtube: ['v'],
};

/**
 * A normalised key for a post (hand-raise posts): `<site>:<path>[?kept params]`.
 * The host prefix, trailing slash, fragment and tracking parameters do not matter.
 * Paths keep their case (post ids such as Instagram shortcodes are case-sensitive),
 * except on X where the only case-sensitive part, the status id, is digits.
 */
export function postKeyOf(url: string): string | null {
  const u = parseHttpUrl(url);
  if (u === null) return null;
  const host = bareHost(u.hostname);
  if (host === 'youtu.be' || host === 'www.youtu.be') {
    const id = segmentsOf(u)[0];
    return id !== undefined && YT_CHANNEL_ID.test(id) ? `youtube:/watch?v=${id}` : null;
  }
  const site = siteOfHost(host);
  if (site === null) return null;
  let path = u.pathname.replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  if (path === '') return null;
  if (site === 'x') path = lower(path);
  const kept = (POST_PARAMS[site] ?? [])
    .map((k) => [k, u.searchParams.get(k)] as const)
    .filter((kv): kv is readonly [string, string] => kv[1] !== null && kv[1] !== '')
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return `${site}:${path}${kept.length > 0 ? `?${kept.join('&')}` : ''}`;
}
