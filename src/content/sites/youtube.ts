import type { RawPerson, SiteAdapter } from './types';
import { SITE_RULES } from '../../domain/sites';
import { avatarOf, hrefOf, isPersonHref, pageContext, textOf } from './dom';

/**
 * YouTube. Comments are Polymer/Lit custom elements whose tag names and ids are the stable part:
 * ytd-comment-thread-renderer holds a comment (ytd-comment-view-model in the current UI,
 * ytd-comment-renderer in the older one) and its replies under #replies; in each comment
 * #author-text is the name link (/@handle, /channel/UC..., /c/..., /user/...), #content-text the body,
 * #author-thumbnail the avatar.
 */

const COMMENT = 'ytd-comment-view-model, ytd-comment-renderer';

export const isYouTubePersonHref = (href: string, page: URL): boolean => isPersonHref('youtube', href, page);

/** The video: /watch?v=<id> or /shorts/<id>, without playlist, time or comment parameters. */
function videoUrl(page: URL): string | null {
  const v = page.searchParams.get('v');
  if (page.pathname === '/watch' && v) return `${page.origin}/watch?v=${encodeURIComponent(v)}`;
  const m = /^\/(shorts|live)\/[\w-]+/.exec(page.pathname);
  return m ? new URL(m[0], page).href : null;
}

function commentPerson(el: Element, page: URL): RawPerson | null {
  // Each comment is its own element; replies are separate elements, so no nested lookups reach them
  // except through #replies, which sits outside the comment element itself.
  const link = el.querySelector('#author-text');
  const href = hrefOf(link);
  if (!link || !href || !isYouTubePersonHref(href, page)) return null;
  const name = textOf(link);
  if (!name) return null;
  return {
    profileUrl: href,
    name,
    avatarUrl: avatarOf(el.querySelector('#author-thumbnail img'), page),
    contextUrl: videoUrl(page) ?? pageContext(page),
    text: textOf(el.querySelector('#content-text')),
    anchor: link,
  };
}

export const youtube: SiteAdapter = {
  site: 'youtube',
  hosts: SITE_RULES.youtube.hosts,
  people: [
    // ytd-comment-view-model (current) and ytd-comment-renderer (older), #author-text the name link
    // (watch-comments.html, watch-comments-legacy.html).
    { id: 'comment-view-model-or-renderer', seen: '2026-11-23', surface: 'comment', selector: COMMENT, extract: commentPerson },
  ],
  pageTypes: [{ name: 'video comments', surface: 'comment', selector: `ytd-comment-thread-renderer` }],
  postUrlOf: (_el, page) => videoUrl(page),
};
