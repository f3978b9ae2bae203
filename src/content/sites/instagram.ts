import type { RawDmMessage, RawPerson, SiteAdapter } from './types';
import { SITE_RULES } from '../../domain/sites';
import { avatarOf, hrefOf, isPersonHref, pageContext, parsed, rowOf, textOf, timeOf } from './dom';

/**
 * Instagram. Class names are generated (_aacl _aaco...) and there are no test ids, so this adapter
 * stands on link shapes and roles:
 * - every comment and reply has exactly one permalink /p/<code>/c/<id>/ (or /reel/...) around its
 *   <time>; that <time> marks the comment, and the nearest ancestor with a profile link is its box;
 * - the likes list is a [role=dialog] (or the /liked_by/ page) of rows linking /<username>/, with no
 *   <time> in it (a post opened in a dialog has times, and is not a likes list);
 * - a direct thread (/direct/t/<id>/) is a [role=grid] of [role=row] with a header link to the other
 *   person outside it, either in [role=main] or in the nearest ancestor of the grid that holds one; the
 *   other person's rows carry their avatar linked to their profile, ours do not. A row's first
 *   gridcell may start with a heading naming the sender ("You sent"): the text is the last
 *   dir=auto element outside headings.
 * Profiles are /<username>/ (letters, digits, dot, underscore; up to 30).
 */

const COMMENT_TIME = 'a[href*="/c/"] time';
const LIKES_LINK = '[role="dialog"] a[href], main a[href]';
const THREAD_ROW = '[role="main"] [role="grid"] [role="row"], [role="grid"][aria-label] [role="row"]';
const HEADING = 'h1, h2, h3, h4, h5, h6';

const isInstagramHost = (h: string): boolean => h === 'instagram.com' || h.endsWith('.instagram.com');

export const isInstagramPersonHref = (href: string, page: URL): boolean => isPersonHref('instagram', href, page);

function isProfileLink(a: Element, page: URL): boolean {
  const href = hrefOf(a);
  return href !== null && textOf(a) !== '' && isInstagramPersonHref(href, page);
}

/** /p/<code>/ or /reel/<code>/ from a comment permalink or the page; the Reels tab's /reels/<code>/ is that reel. */
function postOf(u: URL): string | null {
  const path = u.pathname.endsWith('/') ? u.pathname : u.pathname + '/';
  const tab = /^\/reels\/([\w-]+)\//.exec(path);
  if (tab) return new URL(`/reel/${tab[1]}/`, u).href;
  const m = /^(?:\/[A-Za-z0-9._]+)?\/(p|reel|tv)\/[\w-]+\//.exec(path);
  return m ? new URL(m[0], u).href : null;
}

function postUrlOf(el: Element, page: URL): string | null {
  const link = el.closest('a[href*="/c/"]') ?? el.querySelector('a[href*="/c/"]');
  const u = link ? parsed(hrefOf(link) ?? '', page) : null;
  return (u && postOf(u)) ?? postOf(page);
}

function commentPerson(time: Element, page: URL): RawPerson | null {
  const permalink = time.closest('a[href]');
  if (!permalink) return null;
  // The author is the first text link in the nearest ancestor that has one besides the permalink;
  // the avatar sits further out, in the widest ancestor holding no other comment's permalink.
  let author: Element | null = null;
  let box: Element = permalink;
  for (let up = permalink.parentElement; up && up.tagName !== 'BODY' && !author; up = up.parentElement) {
    author = Array.from(up.querySelectorAll('a[href]')).find((a) => a !== permalink && textOf(a) !== '') ?? null;
    box = up;
  }
  let wide: Element = box;
  for (let up = box.parentElement; up && up.tagName !== 'BODY'; up = up.parentElement) {
    if (up.querySelectorAll(COMMENT_TIME).length > 1) break;
    wide = up;
  }
  const href = hrefOf(author);
  if (!author || !href || !isInstagramPersonHref(href, page)) return null;
  // The text: the outermost span[dir=auto] that is neither the author's, the time's nor a button's. It shares
  // the author's box in older markup; in newer markup it sits in the next block, within the comment's wide box.
  const isBody = (s: Element): boolean =>
    !s.closest('a') &&
    // A button around the author is the whole comment (older markup); one beside it is "Reply".
    (s.closest('[role="button"]')?.contains(author) ?? true) &&
    !s.parentElement?.closest('span[dir="auto"]') &&
    !s.contains(author) &&
    !s.querySelector('time') &&
    textOf(s) !== '';
  const body = Array.from(box.querySelectorAll('span[dir="auto"]')).find(isBody) ?? Array.from(wide.querySelectorAll('span[dir="auto"]')).find(isBody);
  const avatar = Array.from(wide.querySelectorAll('a[href]')).find((a) => hrefOf(a) === href && a.querySelector('img'));
  return {
    profileUrl: href,
    name: textOf(author),
    avatarUrl: avatarOf(avatar?.querySelector('img'), page),
    contextUrl: postUrlOf(time, page) ?? pageContext(page),
    text: textOf(body),
    anchor: author,
  };
}

function likerPerson(link: Element, page: URL): RawPerson | null {
  const dialog = link.closest('[role="dialog"]');
  const onLikedByPage = /\/liked_by\/?$/.test(page.pathname);
  if (!dialog && !onLikedByPage) return null;
  if (dialog && dialog.querySelector('time, article')) return null; // a post opened in a dialog
  if (!isProfileLink(link, page)) return null;
  return {
    profileUrl: hrefOf(link)!,
    name: textOf(link),
    avatarUrl: avatarOf(rowOf(link, page).querySelector('img'), page),
    contextUrl: postOf(page) ?? pageContext(page),
    anchor: link,
  };
}

function isThreadPage(page: URL): boolean {
  return /^\/direct\/t\/[^/]+/.test(page.pathname);
}

function threadUrl(page: URL): string {
  const m = /^\/direct\/t\/[^/]+\//.exec(page.pathname.endsWith('/') ? page.pathname : page.pathname + '/');
  return m ? new URL(m[0], page).href : pageContext(page);
}

/** The partner from their header link: the name is the link's heading when it has one (the link also shows the username). */
function partnerFrom(link: Element, scope: Element, page: URL): RawPerson {
  const href = hrefOf(link)!;
  const heading = link.querySelector(HEADING);
  const avatar = Array.from(scope.querySelectorAll('a[href]')).find((a) => hrefOf(a) === href && a.querySelector('img') && !a.closest('[role="grid"]'));
  return {
    profileUrl: href,
    name: heading && textOf(heading) !== '' ? textOf(heading) : textOf(link),
    avatarUrl: avatarOf(avatar?.querySelector('img'), page),
    contextUrl: threadUrl(page),
    anchor: link,
  };
}

function threadPartner(main: Element, page: URL): RawPerson | null {
  if (!isThreadPage(page)) return null;
  const link = Array.from(main.querySelectorAll('a[href]')).find((a) => !a.closest('[role="grid"]') && isProfileLink(a, page));
  return link ? partnerFrom(link, main, page) : null;
}

/** Where no [role=main] wraps the thread: the header link in the nearest ancestor of the messages grid that has one. */
function gridPartner(grid: Element, page: URL): RawPerson | null {
  if (!isThreadPage(page) || grid.closest('[role="main"]')) return null; // [role=main]: the direct-main-grid variant
  for (let up = grid.parentElement; up && up.tagName !== 'BODY'; up = up.parentElement) {
    const link = Array.from(up.querySelectorAll('a[href]')).find(
      (a) => !a.closest('[role="grid"], [role="navigation"]') && isProfileLink(a, page),
    );
    if (link) return partnerFrom(link, up, page);
  }
  return null;
}

function readMessage(row: Element, page: URL): RawDmMessage | null {
  // The first gridcell is the message; a later one holds its actions ("Details and actions").
  const cell = row.querySelector('[role="gridcell"]');
  const texts = cell ? Array.from(cell.querySelectorAll('[dir="auto"]')).filter((d) => !d.closest(HEADING) && textOf(d) !== '') : [];
  const bubble = texts[texts.length - 1];
  if (!bubble) return null;
  const fromThem = Array.from(row.querySelectorAll('a[href]')).some((a) => {
    const u = parsed(hrefOf(a) ?? '', page);
    return !!u && /^https?:$/.test(u.protocol) && isInstagramHost(u.hostname.toLowerCase()) && isInstagramPersonHref(u.href, page);
  });
  return {
    direction: fromThem ? 'inbound' : 'outbound',
    at: timeOf(row.querySelector('time[datetime]')),
    id: row.getAttribute('data-message-id') ?? row.querySelector('[id^="mid."]')?.id ?? undefined,
    text: textOf(bubble),
  };
}

export const instagram: SiteAdapter = {
  site: 'instagram',
  hosts: SITE_RULES.instagram.hosts,
  people: [
    // Web post page and dialog: each comment's <time> inside its /p/<code>/c/<id>/ permalink (post-comments.html).
    { id: 'comment-permalink-time', seen: '2026-11-23', surface: 'comment', selector: COMMENT_TIME, extract: commentPerson },
    // The likes dialog and the /liked_by/ page: rows linking /<username>/ (likes-dialog.html, liked-by-page.html);
    // the list dialog's aria-labelledby rows over the Reels tab (YanMetelitsa/Instagram-parser) (reel-likes-dialog.html).
    { id: 'likes-rows', seen: '2026-11-23', surface: 'reaction', selector: LIKES_LINK, extract: likerPerson },
    // Direct threads share Messenger's components: [role=main], a header link, [role=grid] rows (direct-thread.html).
    { id: 'direct-main-grid', seen: '2026-11-23', surface: 'dm', selector: '[role="main"]', extract: threadPartner },
    // Direct threads with no [role=main]: a labelled conversation header beside the messages grid
    // (rayguang6/AIA-closingbot-ig sample.html, a saved thread) (direct-thread-pagelet.html).
    { id: 'direct-conversation-grid', seen: '2025-08-06', surface: 'dm', selector: '[role="grid"]', extract: gridPartner },
  ],
  pageTypes: [
    { name: 'post comments', surface: 'comment', selector: COMMENT_TIME },
    { name: 'likes list', surface: 'reaction', selector: '[role="dialog"]:not(:has(time, article)) :is(a[href] img, [aria-labelledby] a[href])' },
    { name: 'direct thread', surface: 'dm', selector: THREAD_ROW },
  ],
  dm: {
    messageSelector: THREAD_ROW,
    readMessage,
    partner(doc, page) {
      const main = doc.querySelector('[role="main"]');
      if (main) return threadPartner(main, page);
      const grid = doc.querySelector('[role="grid"]');
      return grid ? gridPartner(grid, page) : null;
    },
  },
  postUrlOf,
  threadPage: isThreadPage,
  likesPage: (page) => /\/liked_by\/?$/.test(page.pathname),
};
