import type { RawDmMessage, RawPerson, SiteAdapter } from './types';
import { SITE_RULES } from '../../domain/sites';
import { avatarOf, hrefOf, isPersonHref, ownQuery, ownQueryAll, pageContext, textOf, timeOf } from './dom';

/**
 * LinkedIn. Its markup is Ember with hand-written BEM class names, but this adapter leans first on
 * attributes and link shapes:
 * - a comment is article[data-id^="urn:li:comment:"]; the id also names the post it belongs to;
 *   replies are nested comment articles;
 * - in the newer server-driven UI (React, SDUI) a comment is div[componentkey="replaceableComment_<urn>"],
 *   three nested elements sharing the key, with no article and no data-id; replies nest inside;
 * - people are /in/<slug>; /company/, /school/, /showcase/ authors are not people;
 * - the reactions list is a [role=dialog] of rows linking /in/<slug>; since the 2026-05 refresh it
 *   may have no role=dialog: a native dialog or an [aria-modal=true] element of such rows;
 * - a message is [data-event-urn]; the other person's carry the BEM modifier
 *   msg-s-event-listitem--other (LinkedIn has no attribute for it);
 * - messaging also opens over any page as overlay bubbles (section.msg-overlay-conversation-bubble),
 *   each naming its partner in its header, with the same message rows as the full page.
 * LinkedIn writes each name twice, an aria-hidden copy for the eye and a visually hidden sentence for
 * screen readers ("View Ana's profile"); the aria-hidden copy is the name.
 */

const COMMENT = 'article[data-id^="urn:li:comment:"]';
const SDUI_COMMENT = '[componentkey^="replaceableComment_urn:li:comment:"]';
/** Either kind of comment: where one comment's own links end. */
const ANY_COMMENT = `${COMMENT}, ${SDUI_COMMENT}`;
const DIALOG_LINK = '[role="dialog"] a[href]';
const MODAL_LINK = ':is(dialog, [aria-modal="true"]):not([role="dialog"]) a[href]';
const MESSAGE = '[data-event-urn]';
const BUBBLE = '.msg-overlay-conversation-bubble';

export const isLinkedInPersonHref = (href: string, page: URL): boolean => isPersonHref('linkedin', href, page);

/** The name as shown: the aria-hidden copy when LinkedIn doubles it for screen readers. */
function shownName(el: Element | null): string {
  if (!el) return '';
  const shown = Array.from(el.querySelectorAll('[aria-hidden="true"]')).map(textOf).find((t) => t !== '');
  return shown ?? textOf(el);
}

/**
 * urn:li:comment:(activity:123,456), or in the SDUI key urn:li:comment:(urn:li:activity:123,456),
 * → https://www.linkedin.com/feed/update/urn:li:activity:123/
 */
function postOfComment(el: Element, page: URL): string | null {
  const id = el.getAttribute('data-id') ?? el.getAttribute('componentkey')?.replace(/^replaceableComment_/, '') ?? '';
  const m = /^urn:li:comment:\((?:urn:li:)?(activity|ugcPost|share):(\d+),/.exec(id);
  if (m) return `${page.origin}/feed/update/urn:li:${m[1]}:${m[2]}/`;
  const urn = el.closest('[data-urn^="urn:li:activity:"]')?.getAttribute('data-urn');
  return urn ? `${page.origin}/feed/update/${urn}/` : null;
}

function postUrlOf(el: Element, page: URL): string | null {
  const comment = el.closest(ANY_COMMENT);
  if (comment) return postOfComment(comment, page);
  const urn = el.closest('[data-urn^="urn:li:activity:"]')?.getAttribute('data-urn');
  if (urn) return `${page.origin}/feed/update/${urn}/`;
  if (/^\/feed\/update\/urn:li:[a-zA-Z]+:\d+/.test(page.pathname)) return pageContext(page).split('?')[0]!;
  // A post's own page: /posts/<author>_<words>-activity-<id>-<code>/ is that activity.
  const post = /^\/posts\/[^/]*-activity-(\d+)-/.exec(page.pathname);
  return post ? `${page.origin}/feed/update/urn:li:activity:${post[1]}/` : null;
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

/**
 * The SDUI comment an element of the nested trio stands for: its innermost element, read once, from
 * the outermost (the two inner ones return null). Replies carry keys of their own.
 */
function sduiComment(el: Element): Element | null {
  const key = el.getAttribute('componentkey');
  if (el.parentElement?.closest(`[componentkey]`)?.getAttribute('componentkey') === key) return null;
  let inner = el;
  for (let c = inner.firstElementChild; c; c = inner.firstElementChild) {
    if (c.getAttribute('componentkey') !== key || c.nextElementSibling) break;
    inner = c;
  }
  return inner;
}

/** The name in an SDUI author link: its first piece of text, before "• 2nd", "Author" and badges. */
function leadingText(link: Element): string {
  for (const el of Array.from(link.querySelectorAll('*'))) {
    if (el.firstElementChild === null && el.closest('[aria-hidden="true"]') === null) {
      const t = textOf(el);
      if (t) return t;
    }
  }
  return textOf(link);
}

function sduiCommentPerson(el: Element, page: URL): RawPerson | null {
  const comment = sduiComment(el);
  if (!comment) return null;
  const first = ownQuery(comment, AUTHOR_LINK, SDUI_COMMENT);
  const href = hrefOf(first);
  if (!first || !href || !isLinkedInPersonHref(href, page)) return null;
  const sameAuthor = ownQueryAll(comment, 'a[href]', SDUI_COMMENT).filter((a) => hrefOf(a) === href);
  const anchor = sameAuthor.find((a) => textOf(a) !== '');
  const name = anchor ? leadingText(anchor) : '';
  if (!anchor || !name) return null;
  return {
    profileUrl: href,
    name,
    avatarUrl: avatarOf(sameAuthor.find((a) => a.querySelector('img'))?.querySelector('img'), page),
    contextUrl: postOfComment(el, page) ?? pageContext(page),
    text: textOf(ownQuery(comment, '[data-testid="expandable-text-box"]', SDUI_COMMENT)),
    anchor,
  };
}

function reactionPerson(link: Element, page: URL): RawPerson | null {
  const href = hrefOf(link);
  if (!href || link.closest(`${ANY_COMMENT}, ${BUBBLE}`) || !isLinkedInPersonHref(href, page)) return null;
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

/** An overlay bubble's partner: the first named /in/ link of its header. */
function bubblePartner(bubble: Element, page: URL): RawPerson | null {
  const header = bubble.querySelector('.msg-overlay-bubble-header') ?? bubble;
  const link = Array.from(header.querySelectorAll('a[href*="/in/"]')).find(
    (a) => shownName(a) !== '' && isLinkedInPersonHref(hrefOf(a) ?? '', page),
  );
  if (!link) return null;
  const thread = hrefOf(bubble.querySelector('a[href*="/messaging/thread/"]'));
  return {
    profileUrl: hrefOf(link)!,
    name: shownName(link),
    avatarUrl: avatarOf(header.querySelector('img'), page),
    contextUrl: thread ? new URL(thread, page).href : pageContext(page),
    anchor: link,
  };
}

/** The thread's partner: the full page's, or else the one open overlay bubble's (with two open, messages wait). */
function partnerOf(doc: Document, page: URL): RawPerson | null {
  if (isThreadPage(page)) return partnerIn(doc, page);
  const bubbles = doc.querySelectorAll(BUBBLE);
  return bubbles.length === 1 ? bubblePartner(bubbles[0]!, page) : null;
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
    // SDUI comments and replies: nested div[componentkey=replaceableComment_<urn>] trios, as
    // alexey-pelykh/lhremote PRs #778 and #803 describe the React post-detail page (post-comments-sdui.html).
    { id: 'comment-sdui-componentkey', seen: '2026-05-06', surface: 'comment', selector: SDUI_COMMENT, extract: sduiCommentPerson },
    // The reactions dialog of /in/ rows (reactions.html).
    { id: 'reactions-dialog', seen: '2026-11-23', surface: 'reaction', selector: DIALOG_LINK, extract: reactionPerson },
    // The reactions list without role=dialog after the 2026-05 refresh: a native dialog or an aria-modal
    // element, as alexey-pelykh/lhremote's wait-for-reactions-modal.ts resolves it (reactions-sdui.html).
    { id: 'reactions-modal-no-role', seen: '2026-05-05', surface: 'reaction', selector: MODAL_LINK, extract: reactionPerson },
    // Messaging thread page: msg-s-event-listitem rows under a title bar linking /in/ (messaging-thread.html).
    { id: 'messaging-page', seen: '2026-11-23', surface: 'dm', selector: 'main', extract: (el, page) => partnerIn(el, page) },
    // Messaging overlay bubbles over any page: section.msg-overlay-conversation-bubble with the partner in
    // its header (messaging-overlay.html; jonathancs/l1nk3d1n_Chrome_Extension open_message/content.js).
    { id: 'messaging-overlay-bubble', seen: '2026-12-07', surface: 'dm', selector: BUBBLE, extract: bubblePartner },
  ],
  pageTypes: [
    { name: 'post comments', surface: 'comment', selector: ANY_COMMENT },
    { name: 'reactions list', surface: 'reaction', selector: '[role="dialog"] [role="tablist"], :is(dialog, [aria-modal="true"]) button[aria-label$=" All reactions"]' },
    { name: 'messaging thread', surface: 'dm', selector: MESSAGE },
  ],
  dm: {
    messageSelector: MESSAGE,
    readMessage,
    partner: partnerOf,
  },
  postUrlOf,
  threadPage: isThreadPage,
};
