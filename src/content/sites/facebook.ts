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
 * - a comment is a [role=article] nested in the post's [role=article]; replies nest deeper;
 * - the reactions list is a [role=dialog] of rows, each an avatar link and a name link to one profile;
 * - a Messenger thread is [role=main] holding a [role=grid] of [role=row]; the other person's
 *   rows carry their avatar as a link to their profile, our own rows do not.
 * Profile links: /<vanity>, /profile.php?id=, /people/<name>/<id>, /groups/<g>/user/<id>.
 */

const COMMENT = '[role="article"] [role="article"]';
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
const TRACKING = (n: string): boolean => n.startsWith('__') || n === 'comment_id' || n === 'reply_comment_id' || n === 'ref' || n === 'notif_id' || n === 'notif_t';

/** The post's permalink: a link of post shape inside the outermost article, or the page when none. */
function postUrlOf(el: Element, page: URL): string | null {
  // The reactions dialog sits outside any article: it belongs to the post the page shows.
  if (!el.closest('[role="article"]') && el.closest('[role="dialog"]')) {
    return POST_PATH.test(page.pathname) ? withoutParams(page, TRACKING) : null;
  }
  let post: Element | null = el.closest('[role="article"]');
  for (let up = post?.parentElement?.closest('[role="article"]'); up; up = up.parentElement?.closest('[role="article"]')) post = up;
  if (!post) return null;
  for (const a of Array.from(post.querySelectorAll('a[href]'))) {
    if (a.closest('[role="article"]') !== post) continue; // a comment's own links
    const u = parsed(hrefOf(a) ?? '', page);
    if (u && isFacebookHost(u.hostname) && POST_PATH.test(u.pathname)) return withoutParams(u, TRACKING);
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
    return { profileUrl: href, name, avatarUrl: avatarOf(imageIn(rowOf(a, page)), page), contextUrl: threadUrl(page), anchor: a };
  }
  return null;
}

function readMessage(row: Element, page: URL): RawDmMessage | null {
  const cells = Array.from(row.querySelectorAll('[role="gridcell"]'));
  const bubble = cells.flatMap((c) => Array.from(c.querySelectorAll('[dir="auto"]'))).find((d) => textOf(d) !== '');
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
    id: row.getAttribute('data-message-id') ?? row.querySelector('[data-message-id]')?.getAttribute('data-message-id') ?? undefined,
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
    // Messenger in Facebook and on messenger.com: [role=main] with the partner's header link (messages-thread.html).
    { id: 'thread-main-grid', seen: '2026-11-23', surface: 'dm', selector: '[role="main"]', extract: threadPartner },
  ],
  pageTypes: [
    { name: 'post comments', surface: 'comment', selector: COMMENT },
    { name: 'reactions dialog', surface: 'reaction', selector: '[role="dialog"] [role="tablist"]' },
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
};

