/**
 * Each supported site's one home for what is not markup: the hosts its adapter runs on (the
 * manifest's content-script matches and host access are made from them, for both browsers), the
 * domains whose addresses belong to it, the first path segments that are never a person, and the
 * profile tabs that still are the person. domain/identity reads its profile rules from here,
 * content/sites its hosts, vite.config.ts the matches. No zod and no DOM: the content script
 * carries it.
 */
import type { Site } from './types';

export interface SiteRules {
  /** Host names (lowercase, no port) where the site's adapter runs. */
  hosts: readonly string[];
  /** Registrable domains: an address on any of them, or on a subdomain, belongs to the site. */
  domains: readonly string[];
  /** First path segments that are the site's own pages, never a person. */
  reserved: ReadonlySet<string>;
  /** Second segments after a profile that still mean that person (`/<name>/about`). */
  tabs: ReadonlySet<string>;
}

const set = (...words: string[]): ReadonlySet<string> => new Set(words);

export const SITE_RULES: Readonly<Record<Site, SiteRules>> = {
  facebook: {
    hosts: ['www.facebook.com', 'facebook.com', 'm.facebook.com', 'web.facebook.com', 'mbasic.facebook.com', 'www.messenger.com', 'messenger.com'],
    domains: ['facebook.com', 'fb.com', 'messenger.com'],
    reserved: set(
      'about', 'ads', 'ajax', 'api', 'appcenter', 'apps', 'bookmarks', 'business', 'campaign', 'careers', 'checkpoint',
      'commerce', 'comment', 'composer', 'dialog', 'donate', 'events', 'explore', 'feed', 'feeds', 'find-friends',
      'friends', 'fundraisers', 'games', 'gaming', 'groups', 'hashtag', 'help', 'home', 'instant_games', 'invite', 'jobs',
      'l', 'latest', 'legal', 'lite', 'live', 'login', 'logout', 'marketplace', 'me', 'media', 'memories', 'messages',
      'mobile', 'notes', 'notifications', 'offers', 'onthisday', 'page', 'pages', 'people-you-may-know', 'permalink',
      'pg', 'photo', 'photos', 'places', 'plugins', 'policies', 'posts', 'privacy', 'reactions', 'recover', 'reel',
      'reels', 'reg', 'saved', 'search', 'security', 'settings', 'share', 'sharer', 'shops', 'signup', 'stories',
      'story', 't', 'terms', 'ufi', 'video', 'videos', 'watch', 'watchparty', 'weather',
    ),
    tabs: set(
      'about', 'friends', 'photos', 'videos', 'reels_tab', 'followers', 'following', 'likes', 'music', 'movies', 'books',
      'sports', 'map', 'mentions', 'reviews', 'photos_by', 'photos_of', 'photos_albums', 'friends_mutual', 'friends_all',
    ),
  },
  instagram: {
    hosts: ['www.instagram.com', 'instagram.com', 'm.instagram.com'],
    domains: ['instagram.com'],
    reserved: set(
      'p', 'reel', 'reels', 'explore', 'stories', 'direct', 'accounts', 'about', 'developer', 'legal', 'tv', 'web', 'emails',
      'challenge', 'session', 'privacy', 'terms', 'api', 'graphql', 'static', 'oauth', 'ar', 'create', 'nametag',
      'directory', 'help', 'press', 'blog', 'download', 'lite', 'invites', 'your_activity', 'notifications', 'threads',
      'locations', 'topics',
    ),
    tabs: set('tagged', 'reels', 'followers', 'following', 'saved', 'guides', 'channel', 'feed'),
  },
  linkedin: {
    hosts: ['www.linkedin.com', 'linkedin.com'],
    domains: ['linkedin.com'],
    reserved: set(),
    tabs: set(),
  },
  x: {
    hosts: ['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'],
    domains: ['x.com', 'twitter.com'],
    reserved: set(
      'home', 'explore', 'notifications', 'messages', 'i', 'search', 'settings', 'compose', 'hashtag', 'login', 'signup',
      'tos', 'privacy', 'intent', 'share', 'logout', 'account', 'jobs', 'about', 'download', 'search-advanced',
      'who_to_follow', 'rules', 'help', 'oauth', 'following', 'followers', 'lists', 'topics', 'communities', 'bookmarks',
      'premium',
    ),
    tabs: set(
      'with_replies', 'media', 'likes', 'highlights', 'articles', 'followers', 'following', 'verified_followers',
      'followers_you_follow', 'affiliates', 'superfollows',
    ),
  },
  youtube: {
    hosts: ['www.youtube.com', 'youtube.com', 'm.youtube.com'],
    domains: ['youtube.com'],
    reserved: set(),
    tabs: set(),
  },
  tiktok: {
    hosts: ['www.tiktok.com', 'tiktok.com', 'm.tiktok.com'],
    domains: ['tiktok.com'],
    reserved: set(),
    tabs: set(),
  },
  demo: {
    hosts: ['127.0.0.1', 'localhost'],
    domains: [],
    reserved: set(),
    tabs: set(),
  },
};

/** The sites with real pages (the demo page is only in dev builds, always allowed there). */
export type SupportedSite = Exclude<Site, 'demo'>;
export const SUPPORTED_SITES: readonly SupportedSite[] = (Object.keys(SITE_RULES) as Site[]).filter((s): s is SupportedSite => s !== 'demo');

/**
 * A site's host patterns: its content script's matches and its host access in the manifest
 * (vite.config.ts), and what the popup checks and asks for when the user withheld access.
 */
export const hostPatterns = (site: SupportedSite): string[] => SITE_RULES[site].hosts.map((h) => `https://${h}/*`);
