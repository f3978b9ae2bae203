import type { RawPerson, SiteAdapter } from './types';
import { SITE_RULES } from '../../domain/sites';
import { avatarOf, hrefOf, isPersonHref, pageContext, textOf } from './dom';

/**
 * TikTok. Class names are generated (css-xxxx-DivCommentItemContainer); TikTok's own test hooks,
 * data-e2e, are the stable part: comment-username-1 / comment-username-2 wrap the author of a
 * comment / a reply, comment-level-1 / comment-level-2 its text, comment-avatar-1/2 its picture.
 * The username element is the one element per person this adapter matches. Profiles are /@handle.
 * TikTok has put the profile link in three places around it: inside it (a div holding the link),
 * around it (a StyledUserLinkName link holding a span), and on it (the link itself carries the hook).
 * Each placement is its own variant, so each element is read by exactly one.
 */

const USERNAME = '[data-e2e="comment-username-1"], [data-e2e="comment-username-2"]';

export const isTikTokPersonHref = (href: string, page: URL): boolean => isPersonHref('tiktok', href, page);

/** The video: /@user/video/<id> (or /photo/<id>), without query. */
function videoUrl(page: URL): string | null {
  const m = /^\/@[^/]+\/(video|photo)\/\d+/.exec(page.pathname);
  return m ? new URL(m[0], page).href : null;
}

/** The comment box: the widest ancestor that still holds only this one author of this level. */
function commentBox(user: Element, level: string): Element {
  let box = user;
  for (let up = user.parentElement; up && up.tagName !== 'BODY'; up = up.parentElement) {
    if (up.querySelectorAll(`[data-e2e="comment-username-${level}"]`).length > 1) break;
    box = up;
  }
  return box;
}

/** The username element's profile link, by placement. */
type Placement = (user: Element) => Element | null;
const linkInside: Placement = (user) => (user.matches('a[href]') || user.closest('a[href]') ? null : user.querySelector('a[href]'));
const linkAround: Placement = (user) => (user.matches('a[href]') ? null : user.closest('a[href]'));
const linkOn: Placement = (user) => (user.matches('a[href]') ? user : null);

const commentPerson =
  (placement: Placement) =>
  (user: Element, page: URL): RawPerson | null => {
    const link = placement(user);
    return link ? personOf(user, link, page) : null;
  };

function personOf(user: Element, link: Element, page: URL): RawPerson | null {
  const level = user.getAttribute('data-e2e') === 'comment-username-2' ? '2' : '1';
  const href = hrefOf(link);
  if (!href || !isTikTokPersonHref(href, page)) return null;
  const name = textOf(link);
  if (!name) return null;
  const box = commentBox(user, level);
  return {
    profileUrl: href,
    name,
    avatarUrl: avatarOf(box.querySelector(`[data-e2e="comment-avatar-${level}"] img`), page),
    contextUrl: videoUrl(page) ?? pageContext(page),
    text: textOf(box.querySelector(`[data-e2e="comment-level-${level}"]`)),
    anchor: link,
  };
}

export const tiktok: SiteAdapter = {
  site: 'tiktok',
  hosts: SITE_RULES.tiktok.hosts,
  people: [
    // data-e2e comment-username-1/2 holding the /@handle link (video-comments.html).
    { id: 'comment-username-e2e', seen: '2026-11-23', surface: 'comment', selector: USERNAME, extract: commentPerson(linkInside) },
    // The 2023 markup: a.StyledUserLinkName around span[data-e2e=comment-username-1].SpanUserNameText (a TikTok
    // comment extension's test sample and Selenium scrapers in the public GitHub index; video-comments-link-around-username.html).
    { id: 'comment-username-in-link', seen: '2026-12-07', surface: 'comment', selector: USERNAME, extract: commentPerson(linkAround) },
    // The hook on the link itself: a[data-e2e=comment-username-1][href=/@handle] (public TikTok comment tools reading
    // a[data-e2e="comment-username-1"] and "a[data-e2e*='comment-username'] p"; photo-comments-link-on-username.html).
    { id: 'comment-username-is-link', seen: '2026-12-07', surface: 'comment', selector: USERNAME, extract: commentPerson(linkOn) },
  ],
  pageTypes: [{ name: 'video comments', surface: 'comment', selector: '[data-e2e="comment-level-1"]' }],
  postUrlOf: (_el, page) => videoUrl(page),
};
