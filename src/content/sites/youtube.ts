import type { RawPerson, SiteAdapter } from './types';
import { SITE_RULES } from '../../domain/sites';
import { avatarOf, hrefOf, isPersonHref, pageContext, textOf } from './dom';

/**
 * YouTube. Comments are Polymer/Lit custom elements whose tag names and ids are the stable part:
 * ytd-comment-thread-renderer holds a comment (ytd-comment-view-model in the current UI,
 * ytd-comment-renderer in the older one) and its replies under #replies; in each comment
 * #author-text is the name link (/@handle, /channel/UC..., /c/..., /user/...), #content-text the body,
 * #author-thumbnail the avatar.
 *
 * m.youtube.com draws comments as ytm-comment-renderer with class names instead of ids
 * (YtmCommentRendererHost): the author's name is plain text (span.YtmCommentRendererTitle, inside a
 * button that opens the replies, hidden from assistive technology), and the only link to the channel
 * is the avatar, a.YtmCommentRendererIconContainer, labelled with the name.
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

/** Where a comment's parts are, in one layout. */
interface Parts {
  link: Element | null;
  /** The name: the link's text, unless the layout shows it elsewhere. */
  name: (link: Element) => string;
  avatar: Element | null;
  text: Element | null;
}

/** The person of one comment, read from its parts; the chip goes after the link. */
function personOf(parts: Parts, page: URL): RawPerson | null {
  const { link } = parts;
  const href = hrefOf(link);
  if (!link || !href || !isYouTubePersonHref(href, page)) return null;
  const name = parts.name(link);
  if (!name) return null;
  return {
    profileUrl: href,
    name,
    avatarUrl: avatarOf(parts.avatar, page),
    contextUrl: videoUrl(page) ?? pageContext(page),
    text: textOf(parts.text),
    anchor: link,
  };
}

// Each comment is its own element; replies are separate elements, so no nested lookups reach them
// except through #replies, which sits outside the comment element itself.
const commentPerson = (el: Element, page: URL): RawPerson | null =>
  personOf({ link: el.querySelector('#author-text'), name: textOf, avatar: el.querySelector('#author-thumbnail img'), text: el.querySelector('#content-text') }, page);

/** The avatar link of a mobile comment: its own, not one of a nested reply's. */
const MOBILE_AVATAR = ':scope > a.YtmCommentRendererIconContainer[href]';

/**
 * A comment on m.youtube.com. The chip goes after the avatar link: the name sits inside the page's
 * own button and under aria-hidden, where a chip could be neither clicked apart nor announced.
 */
function mobileCommentPerson(el: Element, page: URL): RawPerson | null {
  const link = el.querySelector(MOBILE_AVATAR);
  return personOf(
    {
      link,
      name: (a) => textOf(el.querySelector('.YtmCommentRendererTitle')) || (a.getAttribute('aria-label') ?? '').trim(),
      avatar: link?.querySelector('img') ?? null,
      text: el.querySelector('.YtmCommentRendererText'),
    },
    page,
  );
}

export const youtube: SiteAdapter = {
  site: 'youtube',
  hosts: SITE_RULES.youtube.hosts,
  people: [
    // ytd-comment-view-model (current) and ytd-comment-renderer (older), #author-text the name link
    // (watch-comments.html, watch-comments-legacy.html).
    { id: 'comment-view-model-or-renderer', seen: '2026-11-23', surface: 'comment', selector: COMMENT, extract: commentPerson },
    // m.youtube.com: ytm-comment-renderer.YtmCommentRendererHost, name as plain text, the avatar the only
    // link (a DOM captured from m.youtube.com in varshneydevansh/FilterTube, docs/json_paths_encyclopedia.md,
    // "COMMENT DOM", commit 22323b74 of 2026-03-04; mobile-comments.html).
    { id: 'mobile-comment-avatar-link', seen: '2026-03-04', surface: 'comment', selector: 'ytm-comment-renderer', extract: mobileCommentPerson },
  ],
  pageTypes: [
    { name: 'video comments', surface: 'comment', selector: `ytd-comment-thread-renderer` },
    { name: 'mobile video comments', surface: 'comment', selector: 'ytm-comment-thread-renderer' },
  ],
  postUrlOf: (_el, page) => videoUrl(page),
};
