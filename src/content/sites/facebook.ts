import { SITE_RULES } from '../../domain/sites';
import type { RawDmMessage, RawPerson, SiteAdapter } from './types';
import {
  avatarOf,
  hrefOf,
  imageIn,
  isPersonHref,
  ownQueryAll,
  pageContext,
  parsed,
  rowOf,
  textOf,
  timeOf,
  withoutParams,
} from './dom';

/**
 * Facebook and Messenger. Facebook's class names are generated and change weekly, so this
 * adapter stands on roles and link shapes only:
 * - a comment is a [role=article] nested in the post's [role=article]; replies nest deeper. Where the
 *   post is no article (newer feeds and groups), a top-level comment is an outermost [role=article]
 *   carrying an aria-label of its own (in the user's language: only its presence is read), while a
 *   post is labelled by reference (aria-labelledby, aria-describedby) or is a feed item (aria-posinset);
 * - m.facebook.com's touch layout marks each comment and inline reply with data-sigil="comment";
 * - the reactions list is a [role=dialog] of rows, each an avatar link and a name link to one profile,
 *   or the full page /ufi/reaction/profile/browser/ of the same rows;
 * - a Messenger thread is [role=main] holding a [role=grid] of [role=row]; the other person's
 *   rows carry their avatar as a link to their profile, our own rows do not.
 * Profile links: /<vanity>, /profile.php?id=, /people/<name>/<id>, /groups/<g>/user/<id>.
 */

const COMMENT = '[role="article"] [role="article"]';
const ARTICLE = '[role="article"]';
const LABELLED_ARTICLE = '[role="article"][aria-label]';
const TOUCH_COMMENT = '[data-sigil~="comment"]';
const REACTIONS_PAGE = '/ufi/reaction/profile/browser/';
const PAGE_ROWS = '[id^="reaction_profile_browser"] a[href], [role="main"] a[href]';
const DIALOG_LINK = '[role="dialog"] a[href]';
const THREAD_ROW = '[role="main"] [role="grid"] [role="row"]';

const isFacebookHost = (h: string): boolean => h === 'facebook.com' || h.endsWith('.facebook.com');

/** A person's profile by identity's rules; messenger.com/t/<id> is a conversation, not a person link. */
export function isFacebookPersonHref(href: string, page: URL): boolean {
  const u = parsed(href, page);
  if (u && /(^|\.)messenger\.com$/i.test(u.hostname)) return false;
  return isPersonHref('facebook', href, page);
}

const POST_PATH = /\/(posts|permalink|videos|reel)\/|\/permalink\.php|\/story\.php|\/photo\/?$|\/photo\.php|\/watch\/?$/;
const TRACKING = (n: string): boolean => n.startsWith('__') || n === 'comment_id' || n === 'reply_comment_id' || n === 'ref' || n === 'refid' || n === 'notif_id' || n === 'notif_t';

/** A comment's article, not a post's: labelled by a text of its own rather than by reference or feed position. */
function isCommentArticle(a: Element): boolean {
  return a.hasAttribute('aria-label') && !a.hasAttribute('aria-labelledby') && !a.hasAttribute('aria-describedby') && !a.hasAttribute('aria-posinset');
}

/** A link of post shape, without tracking parameters, or null. */
function postLink(a: Element, page: URL): string | null {
  const u = parsed(hrefOf(a) ?? '', page);
  return u && isFacebookHost(u.hostname) && POST_PATH.test(u.pathname) ? withoutParams(u, TRACKING) : null;
}

/**
 * The post's permalink: a link of post shape that belongs to the post itself (not to one of its
 * comments), or the page when none. The post is the outermost article, or, where posts are no
 * articles, the feed item or the page's main region around the comment.
 */
function postUrlOf(el: Element, page: URL): string | null {
  // The reactions dialog sits outside any article: it belongs to the post the page shows.
  if (!el.closest(ARTICLE) && el.closest('[role="dialog"]')) {
    return POST_PATH.test(page.pathname) ? withoutParams(page, TRACKING) : null;
  }
  let outer: Element | null = el.closest(ARTICLE);
  for (let up = outer?.parentElement?.closest(ARTICLE); up; up = up.parentElement?.closest(ARTICLE)) outer = up;
  if (!outer) return null;
  const post = isCommentArticle(outer) ? outer.closest('[aria-posinset]') ?? outer.closest('[role="main"]') : outer;
  if (post) {
    for (const a of Array.from(post.querySelectorAll('a[href]'))) {
      const owner = a.closest(ARTICLE);
      if (owner && owner !== post) continue; // a comment's own links
      const url = postLink(a, page);
      if (url) return url;
    }
  }
  // No post link around: the comment's own permalink (its time) names the post.
  for (const a of ownQueryAll(outer, 'a[href]', ARTICLE)) {
    const url = postLink(a, page);
    if (url) return url;
  }
  return null;
}

function contextOf(el: Element, page: URL): string {
  return postUrlOf(el, page) ?? withoutParams(page, TRACKING);
}

function commentPerson(el: Element, page: URL): RawPerson | null {
  // The author's name link is the first own link with text; avatar links hold only an image.
  const links = ownQueryAll(el, 'a[href]', '[role="article"]');
  const nameLink = links.find((a) => textOf(a) !== '');
  const href = hrefOf(nameLink);
  if (!nameLink || !href || !isFacebookPersonHref(href, page)) return null;
  const name = textOf(nameLink);
  const avatarLink = links.find((a) => a !== nameLink && hrefOf(a) === href && imageIn(a));
  const body = ownQueryAll(el, '[dir="auto"]', '[role="article"]').find(
    (d) => !d.closest('a') && !d.contains(nameLink) && !d.parentElement?.closest('[dir="auto"]'),
  );
  return {
    profileUrl: href,
    name,
    avatarUrl: avatarOf(avatarLink ? imageIn(avatarLink) : null, page),
    contextUrl: contextOf(el, page),
    text: textOf(body),
    anchor: nameLink,
  };
}

/** A top-level comment where the post is no article: an outermost, self-labelled article. */
function topLevelCommentPerson(el: Element, page: URL): RawPerson | null {
  if (el.parentElement?.closest(ARTICLE) || !isCommentArticle(el)) return null; // replies and posts: other variants
  return commentPerson(el, page);
}

/** m.facebook.com's touch layout: the first own link with text names the author; the avatar link holds the img.profpic. */
function touchCommentPerson(el: Element, page: URL): RawPerson | null {
  const links = ownQueryAll(el, 'a[href]', TOUCH_COMMENT);
  const nameLink = links.find((a) => textOf(a) !== '');
  const href = hrefOf(nameLink);
  if (!nameLink || !href || !isFacebookPersonHref(href, page)) return null;
  const avatarLink = links.find((a) => a !== nameLink && hrefOf(a) === href && imageIn(a));
  const body = ownQueryAll(el, '[data-sigil~="comment-body"]', TOUCH_COMMENT)[0];
  return {
    profileUrl: href,
    name: textOf(nameLink),
    avatarUrl: avatarOf(avatarLink ? imageIn(avatarLink) : null, page),
    contextUrl: contextOf(el, page),
    text: textOf(body),
    anchor: nameLink,
  };
}

const isReactionsPage = (page: URL): boolean => page.pathname === REACTIONS_PAGE || page.pathname === REACTIONS_PAGE.slice(0, -1);

/** The full reactions page: rows of links; the dialog variant reads the dialog, navigation and tabs are no one. */
function reactionsPagePerson(link: Element, page: URL): RawPerson | null {
  if (!isReactionsPage(page) || link.closest('[role="dialog"], [role="navigation"], [role="banner"]')) return null;
  const person = reactionPerson(link, page);
  // A row also holds an action link ("Add Friend"), so the avatar is looked for a few levels up.
  if (person && !person.avatarUrl) {
    const href = hrefOf(link);
    for (let up = link.parentElement, i = 0; up && i < 4 && !person.avatarUrl; up = up.parentElement, i++) {
      const a = Array.from(up.querySelectorAll('a[href]')).find((x) => x !== link && hrefOf(x) === href && imageIn(x));
      if (a) person.avatarUrl = avatarOf(imageIn(a), page);
    }
  }
  return person;
}

function reactionPerson(link: Element, page: URL): RawPerson | null {
  const href = hrefOf(link);
  const name = textOf(link);
  // Links inside articles are comments shown in a post dialog, not the reactions list.
  if (!href || !name || link.closest('[role="tablist"], [role="article"]') || !isFacebookPersonHref(href, page)) return null;
  const row = rowOf(link, page);
  return {
    profileUrl: href,
    name,
    avatarUrl: avatarOf(imageIn(row), page),
    contextUrl: pageContext(page),
    anchor: link,
  };
}

/** facebook.com/messages/t/<id>, facebook.com/messages/e2ee/t/<id>, messenger.com/t/<id>. */
function isThreadPage(page: URL): boolean {
  const host = page.hostname.toLowerCase();
  if (host === 'messenger.com' || host.endsWith('.messenger.com')) return /^\/(e2ee\/)?t\/[^/]+/.test(page.pathname);
  return /^\/messages\/(e2ee\/)?t\/[^/]+/.test(page.pathname);
}

function threadUrl(page: URL): string {
  const m = /^(\/messages)?\/(e2ee\/)?t\/[^/]+/.exec(page.pathname);
  return m ? new URL(m[0], page).href : pageContext(page);
}

function threadPartner(main: Element, page: URL): RawPerson | null {
  if (!isThreadPage(page)) return null;
  for (const a of Array.from(main.querySelectorAll('a[href]'))) {
    if (a.closest('[role="grid"]')) continue; // the messages themselves
    const href = hrefOf(a);
    const name = textOf(a);
    if (!href || !name || !isFacebookPersonHref(href, page)) continue;
    // A header link that also holds the name as a heading: the heading is the name.
    const heading = a.querySelector('h1, h2, h3, h4, h5, h6');
    const shown = heading && textOf(heading) !== '' ? textOf(heading) : name;
    return { profileUrl: href, name: shown, avatarUrl: avatarOf(imageIn(rowOf(a, page)), page), contextUrl: threadUrl(page), anchor: a };
  }
  return null;
}

function readMessage(row: Element, page: URL): RawDmMessage | null {
  // The text is in the first gridcell that has any: its last dir=auto outside headings (a heading names the
  // sender, "You sent"; a quoted message comes before the reply; a later cell holds the actions).
  let bubble: Element | undefined;
  for (const cell of Array.from(row.querySelectorAll('[role="gridcell"]'))) {
    const texts = Array.from(cell.querySelectorAll('[dir="auto"]')).filter((d) => !d.closest('h1, h2, h3, h4, h5, h6') && textOf(d) !== '');
    bubble = texts[texts.length - 1];
    if (bubble) break;
  }
  if (!bubble) return null; // date separators, typing indicators
  // The other person's messages carry their avatar, linked to their profile; ours carry none.
  const fromThem = Array.from(row.querySelectorAll('a[href]')).some((a) => {
    const href = hrefOf(a);
    const u = href === null ? null : parsed(href, page);
    return !!u && /^https?:$/.test(u.protocol) && isFacebookHost(u.hostname.toLowerCase()) && isFacebookPersonHref(href!, page);
  });
  const stamp = row.querySelector('time[datetime], [data-utime]');
  const utime = Number(stamp?.getAttribute('data-utime'));
  return {
    direction: fromThem ? 'inbound' : 'outbound',
    at: timeOf(stamp) ?? (utime > 0 ? utime * 1000 : undefined),
    id: row.getAttribute('data-message-id') ?? row.querySelector('[data-message-id]')?.getAttribute('data-message-id') ?? row.querySelector('[id^="mid."]')?.id ?? undefined,
    text: textOf(bubble),
  };
}

export const facebook: SiteAdapter = {
  site: 'facebook',
  hosts: SITE_RULES.facebook.hosts,
  people: [
    // Comet web UI: comments as [role=article] nested in the post's article. Public scrapers:
    // disrex-group/FB-Comments-Exporter-User-script, rjcreluda/fb-gps (post-comments.html, group-feed.html).
    { id: 'comment-nested-articles', seen: '2026-11-23', surface: 'comment', selector: COMMENT, extract: commentPerson },
    // The reactions dialog: rows of an avatar link and a name link (reactions-dialog*.html).
    { id: 'reactions-dialog', seen: '2026-11-23', surface: 'reaction', selector: DIALOG_LINK, extract: reactionPerson },
    // Messenger in Facebook and on messenger.com: [role=main] with the partner's header link (messages-thread.html);
    // the 2025 components, h5 sender headings and quoted replies (rayguang6/messenger-closing-extension) (messages-e2ee-thread.html).
    // Feeds and groups where the post is no article (jackwener/OpenCLI issue #2089, 2026-07-05) and comments
    // are articles labelled in the user's language (dmatis2/usesul-scripts facebook/comments-to-csv.js, Slovak;
    // disrex-group/FB-Comments-Exporter-User-script, Dutch) (feed-comments-no-article.html, group-post-comments-sk.html).
    { id: 'comment-top-level-article', seen: '2026-07-05', surface: 'comment', selector: LABELLED_ARTICLE, extract: topLevelCommentPerson },
    // m.facebook.com's touch layout: div[data-sigil="comment"] and "comment inline-reply"
    // (kevinzg/facebook-scraper facebook_scraper/extractors.py) (touch-comments.html).
    { id: 'comment-touch-sigil', seen: '2022-12-06', surface: 'comment', selector: TOUCH_COMMENT, extract: touchCommentPerson },
    // The reactions as a full page, /ufi/reaction/profile/browser/, rows in #reaction_profile_browser
    // (kevinzg/facebook-scraper facebook_scraper/extractors.py) (reactions-page.html).
    { id: 'reactions-page', seen: '2022-12-06', surface: 'reaction', selector: PAGE_ROWS, extract: reactionsPagePerson },
    { id: 'thread-main-grid', seen: '2026-11-23', surface: 'dm', selector: '[role="main"]', extract: threadPartner },
  ],
  pageTypes: [
    { name: 'post comments', surface: 'comment', selector: COMMENT },
    { name: 'feed comments', surface: 'comment', selector: '[aria-posinset]:not([role="article"]) [role="article"][aria-label]' },
    { name: 'touch comments', surface: 'comment', selector: TOUCH_COMMENT },
    { name: 'reactions dialog', surface: 'reaction', selector: '[role="dialog"] [role="tablist"]' },
    { name: 'reactions page', surface: 'reaction', selector: '[id^="reaction_profile_browser"]' },
    { name: 'messenger thread', surface: 'dm', selector: THREAD_ROW },
  ],
  dm: {
    messageSelector: THREAD_ROW,
    readMessage,
    partner(doc, page) {
      const main = doc.querySelector('[role="main"]');
      return main ? threadPartner(main, page) : null;
    },
  },
  postUrlOf,
  threadPage: isThreadPage,
  likesPage: isReactionsPage,
};

