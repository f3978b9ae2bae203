import type { RawDmMessage, RawPerson, SiteAdapter } from './types';
import { SITE_RULES } from '../../domain/sites';
import { avatarOf, hrefOf, isPersonHref, ownQuery, ownQueryAll, pageContext, textOf, timeOf } from './dom';

/**
 * LinkedIn. Its markup is Ember with hand-written BEM class names, but this adapter leans first on
 * attributes and link shapes:
 * - a comment is article[data-id^="urn:li:comment:"]; the id also names the post it belongs to;
 *   replies are nested comment articles;
 * - people are /in/<slug>; /company/, /school/, /showcase/ authors are not people;
 * - the reactions list is a [role=dialog] of rows linking /in/<slug>;
 * - a message is [data-event-urn]; the other person's carry the BEM modifier
 *   msg-s-event-listitem--other (LinkedIn has no attribute for it).
 * LinkedIn writes each name twice, an aria-hidden copy for the eye and a visually hidden sentence for
 * screen readers ("View Ana's profile"); the aria-hidden copy is the name.
 */

const COMMENT = 'article[data-id^="urn:li:comment:"]';
const DIALOG_LINK = '[role="dialog"] a[href]';
const MESSAGE = '[data-event-urn]';

export const isLinkedInPersonHref = (href: string, page: URL): boolean => isPersonHref('linkedin', href, page);

/** The name as shown: the aria-hidden copy when LinkedIn doubles it for screen readers. */
function shownName(el: Element | null): string {
  if (!el) return '';
  const shown = Array.from(el.querySelectorAll('[aria-hidden="true"]')).map(textOf).find((t) => t !== '');
  return shown ?? textOf(el);
}

/** urn:li:comment:(activity:123,456) → https://www.linkedin.com/feed/update/urn:li:activity:123/ */
function postOfComment(el: Element, page: URL): string | null {
  const m = /^urn:li:comment:\((activity|ugcPost|share):(\d+),/.exec(el.getAttribute('data-id') ?? '');
  if (m) return `${page.origin}/feed/update/urn:li:${m[1]}:${m[2]}/`;
  const urn = el.closest('[data-urn^="urn:li:activity:"]')?.getAttribute('data-urn');
  return urn ? `${page.origin}/feed/update/${urn}/` : null;
}

function postUrlOf(el: Element, page: URL): string | null {
  const comment = el.closest(COMMENT);
  if (comment) return postOfComment(comment, page);
  const urn = el.closest('[data-urn^="urn:li:activity:"]')?.getAttribute('data-urn');
  if (urn) return `${page.origin}/feed/update/${urn}/`;
  return /^\/feed\/update\/urn:li:[a-zA-Z]+:\d+/.test(page.pathname) ? pageContext(page).split('?')[0]! : null;
}

/** A link to an author: a person (/in/) or not (/company/, /school/, /showcase/). */
const AUTHOR_LINK = 'a[href*="/in/"], a[href*="/company/"], a[href*="/school/"], a[href*="/showcase/"], a[href^="javascript:"], a[href^="http"]';

function commentPerson(el: Element, page: URL): RawPerson | null {
  const first = ownQuery(el, AUTHOR_LINK, COMMENT);
  const href = hrefOf(first);
  if (!first || !href || !isLinkedInPersonHref(href, page)) return null;
  const sameAuthor = ownQueryAll(el, 'a[href]', COMMENT).filter((a) => hrefOf(a) === href);
  const nameEl =
    ownQuery(el, '.comments-comment-meta__description-title, .comments-post-meta__name-text', COMMENT) ??
    sameAuthor.find((a) => textOf(a) !== '') ??
    null;
  const name = shownName(nameEl);
  if (!name) return null;
  const anchor = sameAuthor.find((a) => nameEl && a.contains(nameEl)) ?? sameAuthor.find((a) => textOf(a) !== '') ?? first;
  const avatarLink = sameAuthor.find((a) => a.querySelector('img'));
  const body = ownQuery(el, '.comments-comment-item__main-content, .comments-comment-item-content-body', COMMENT);
  return {
    profileUrl: href,
    name,
    avatarUrl: avatarOf(avatarLink?.querySelector('img'), page),
    contextUrl: postOfComment(el, page) ?? pageContext(page),
    text: textOf(body),
    anchor,
  };
}

function reactionPerson(link: Element, page: URL): RawPerson | null {
  const href = hrefOf(link);
  if (!href || link.closest(COMMENT) || !isLinkedInPersonHref(href, page)) return null;
  const name = shownName(link.querySelector('.artdeco-entity-lockup__title') ?? link);
  if (!name) return null;
  return {
    profileUrl: href,
    name,
    avatarUrl: avatarOf(link.querySelector('img'), page),
    contextUrl: postUrlOf(link, page) ?? pageContext(page),
    anchor: link,
  };
}

function isThreadPage(page: URL): boolean {
  return /^\/messaging\/thread\/[^/]+/.test(page.pathname);
}

function threadUrl(page: URL): string {
  const m = /^\/messaging\/thread\/[^/]+\//.exec(page.pathname + '/');
  return m ? new URL(m[0], page).href : pageContext(page);
}

/** The other person: the nearest /in/ link above the messages that is not inside a message. */
function partnerIn(root: ParentNode, page: URL): RawPerson | null {
  if (!isThreadPage(page)) return null;
  const firstMessage = root.querySelector(MESSAGE);
  for (let box = firstMessage?.parentElement; box; box = box.parentElement) {
    const link = Array.from(box.querySelectorAll('a[href*="/in/"]')).find(
      (a) => !a.closest(MESSAGE) && shownName(a) !== '' && isLinkedInPersonHref(hrefOf(a) ?? '', page),
    );
    if (!link) continue;
    return {
      profileUrl: hrefOf(link)!,
      name: shownName(link),
      avatarUrl: avatarOf(link.querySelector('img') ?? box.querySelector('img'), page),
      contextUrl: threadUrl(page),
      anchor: link,
    };
  }
  return null;
}

function readMessage(el: Element): RawDmMessage | null {
  const text = textOf(el.querySelector('.msg-s-event-listitem__body'));
  if (!text && !el.querySelector('img, video, a[href]')) return null;
  return {
    direction: el.matches('.msg-s-event-listitem--other') || el.querySelector('.msg-s-event-listitem--other') ? 'inbound' : 'outbound',
    at: timeOf(el.querySelector('time[datetime]')),
    id: el.getAttribute('data-event-urn') ?? undefined,
    text: text || undefined,
  };
}

export const linkedin: SiteAdapter = {
  site: 'linkedin',
  hosts: SITE_RULES.linkedin.hosts,
  people: [
    // Ember comments: article.comments-comment-item[data-id=urn:li:comment:…] (post-comments.html).
    { id: 'comment-ember-article', seen: '2026-11-23', surface: 'comment', selector: COMMENT, extract: commentPerson },
    // The reactions dialog of /in/ rows (reactions.html).
    { id: 'reactions-dialog', seen: '2026-11-23', surface: 'reaction', selector: DIALOG_LINK, extract: reactionPerson },
    // Messaging thread page: msg-s-event-listitem rows under a title bar linking /in/ (messaging-thread.html).
    { id: 'messaging-page', seen: '2026-11-23', surface: 'dm', selector: 'main', extract: (el, page) => partnerIn(el, page) },
  ],
  pageTypes: [
    { name: 'post comments', surface: 'comment', selector: COMMENT },
    { name: 'reactions list', surface: 'reaction', selector: '[role="dialog"] [role="tablist"]' },
    { name: 'messaging thread', surface: 'dm', selector: MESSAGE },
  ],
  dm: {
    messageSelector: MESSAGE,
    readMessage,
    partner: (doc, page) => partnerIn(doc, page),
  },
  postUrlOf,
  threadPage: isThreadPage,
};
