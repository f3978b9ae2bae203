import type { RawDmMessage, RawPerson, SiteAdapter } from './types';
import { SITE_RULES } from '../../domain/sites';
import { avatarOf, hrefOf, isPersonHref, pageContext, parsed, textOf, timeOf } from './dom';

/**
 * X (Twitter). Everything stands on X's data-testid attributes, which its own tests use:
 * - a reply is article[data-testid=tweet]; its author is the first link in [data-testid=User-Name];
 * - likes and reposts lists are [data-testid=UserCell] rows;
 * - a DM thread is [data-testid=DmActivityContainer] with [data-testid=messageEntry] rows; the other
 *   person's messages carry [data-testid=DM_Conversation_Avatar], ours do not;
 * - the newer chat (/i/chat) is [data-testid=dm-conversation-panel]: the partner's links in its
 *   dm-conversation-header, one [data-testid=message-<id>] per message, ours aligned by justify-end;
 *   it may render inside an open shadow root (shadowHosts: the observer reads inside);
 * - a quotes list (/status/<id>/quotes) is tweets: each quoter reacted to the post.
 * Profile links are /<handle> (1-15 letters, digits, underscore).
 */

const TWEET = 'article[data-testid="tweet"]';
const USER_CELL = '[data-testid="UserCell"]';
const DM = '[data-testid="DmActivityContainer"]';
const CHAT = '[data-testid="dm-conversation-panel"]';
/** The newer chat may render inside an open shadow root; its host is assumed to be the chat's container. */
const SHADOW_HOSTS = '[data-testid="dm-container"]';
/** One message of the newer chat: message-<id>, not its message-text-<id> bubble. */
const CHAT_MESSAGE = `${CHAT} [data-testid^="message-"]:not([data-testid^="message-text-"])`;
const MESSAGE = `[data-testid="DmActivityContainer"] [data-testid="messageEntry"], ${CHAT_MESSAGE}`;
/** A clock time at the end of a chat bubble ("9:15", "10:24 AM"): shown, not a timestamp. */
const TRAILING_CLOCK = /\s*\d{1,2}:\d{2}(\s?[AaPp]\.?\s?[Mm]\.?)?$/;

export const isXPersonHref = (href: string, page: URL): boolean => isPersonHref('x', href, page);

/** /<handle>/status/<id>, without /photo/1, /likes, /retweets or a query. */
function statusUrl(u: URL): string | null {
  const m = /^\/[A-Za-z0-9_]{1,15}\/status\/\d+/.exec(u.pathname);
  return m ? new URL(m[0], u).href : null;
}

function ownStatusOf(tweet: Element, page: URL): string | null {
  for (const a of Array.from(tweet.querySelectorAll('a[href*="/status/"]'))) {
    if (!a.querySelector('time')) continue; // the timestamp link is the tweet's own permalink
    const u = parsed(hrefOf(a) ?? '', page);
    const s = u ? statusUrl(u) : null;
    if (s) return s;
  }
  return null;
}

function postUrlOf(el: Element, page: URL): string | null {
  const tweet = el.closest(TWEET);
  return tweet ? ownStatusOf(tweet, page) : statusUrl(page);
}

/** The author: the first link in User-Name is the display name, the second the @handle. */
function authorLink(root: Element): Element | null {
  const nameBox = root.querySelector('[data-testid="User-Name"]') ?? root;
  return Array.from(nameBox.querySelectorAll('a[href]')).find((a) => {
    const t = textOf(a);
    return t !== '' && !t.startsWith('@');
  }) ?? nameBox.querySelector('a[href]');
}

const isQuotesPage = (page: URL): boolean => /^\/[A-Za-z0-9_]{1,15}\/status\/\d+\/quotes\/?$/.test(page.pathname);

function replyPerson(tweet: Element, page: URL): RawPerson | null {
  if (isQuotesPage(page)) return null;
  return tweetPerson(tweet, page);
}

/** A quote on the post's quotes list: the quoter reacted to the post (their words stay on X). */
function quotePerson(tweet: Element, page: URL): RawPerson | null {
  if (!isQuotesPage(page)) return null;
  const p = tweetPerson(tweet, page);
  return p ? { ...p, text: undefined } : null;
}

function tweetPerson(tweet: Element, page: URL): RawPerson | null {
  const own = ownStatusOf(tweet, page);
  const pageStatus = statusUrl(page);
  // Replies live on a post's page; a home-timeline tweet is not a comment. The post the page is
  // about is the user's own: only the replies under it are people to capture.
  if (!pageStatus || (own && own === pageStatus)) return null;
  const link = authorLink(tweet);
  const href = hrefOf(link);
  if (!link || !href || !isXPersonHref(href, page)) return null;
  return {
    profileUrl: href,
    name: textOf(link) || href,
    avatarUrl: avatarOf(tweet.querySelector('[data-testid="Tweet-User-Avatar"] img'), page),
    contextUrl: pageStatus,
    text: textOf(tweet.querySelector('[data-testid="tweetText"]')),
    anchor: link,
  };
}

function cellPerson(cell: Element, page: URL): RawPerson | null {
  const link = authorLink(cell);
  const href = hrefOf(link);
  if (!link || !href || !isXPersonHref(href, page)) return null;
  return {
    profileUrl: href,
    name: textOf(link),
    avatarUrl: avatarOf(cell.querySelector('img'), page),
    contextUrl: statusUrl(page) ?? pageContext(page),
    anchor: link,
  };
}

/** /messages/<conversation id> (classic) and /i/chat/<id> (new). */
function threadUrl(page: URL): string {
  const m = /^\/(messages\/[^/]+|i\/chat\/[^/]+)/.exec(page.pathname);
  return m ? new URL(m[0], page).href : pageContext(page);
}

function partner(container: Element, page: URL): RawPerson | null {
  // The newer chat names the partner in its header; the classic thread anywhere above the messages.
  const header = container.querySelector('[data-testid="dm-conversation-header"]') ?? container;
  for (const a of Array.from(header.querySelectorAll('a[href]'))) {
    if (a.closest('[data-testid="messageEntry"], [data-testid^="message-"]')) continue;
    const href = hrefOf(a);
    const t = textOf(a);
    if (!href || !t || t.startsWith('@') || !isXPersonHref(href, page)) continue;
    return {
      profileUrl: href,
      name: t,
      avatarUrl: avatarOf(container.querySelector('[data-testid="DM_Conversation_Avatar"] img') ?? header.querySelector('img'), page),
      contextUrl: threadUrl(page),
      anchor: a,
    };
  }
  return null;
}

/** The first match inside the open shadow roots of the site's shadow hosts (the document's own query stops at them). */
function inOpenRoots(doc: Document, selector: string): Element | null {
  for (const host of Array.from(doc.querySelectorAll(SHADOW_HOSTS))) {
    const el = host.shadowRoot?.querySelector(selector);
    if (el) return el;
  }
  return null;
}

function readChatMessage(entry: Element): RawDmMessage | null {
  const bubble = entry.querySelector('[data-testid^="message-text-"]');
  const text = textOf(bubble).replace(TRAILING_CLOCK, '');
  if (!text && !entry.querySelector('img, video')) return null;
  return {
    direction: /(^|\s)justify-end(\s|$)/.test(entry.getAttribute('class') ?? '') ? 'outbound' : 'inbound',
    at: timeOf(entry.querySelector('time[datetime]')),
    id: entry.getAttribute('data-testid')?.slice('message-'.length) || undefined,
    text: text || undefined,
  };
}

function readMessage(entry: Element): RawDmMessage | null {
  if (entry.matches(CHAT_MESSAGE)) return readChatMessage(entry);
  const body = entry.querySelector('[data-testid="tweetText"]');
  const text = textOf(body);
  if (!text && !entry.querySelector('img, video')) return null;
  return {
    direction: entry.querySelector('[data-testid="DM_Conversation_Avatar"]') ? 'inbound' : 'outbound',
    at: timeOf(entry.querySelector('time[datetime]')),
    id: entry.getAttribute('data-message-id') ?? undefined,
    text: text || undefined,
  };
}

export const x: SiteAdapter = {
  site: 'x',
  hosts: SITE_RULES.x.hosts,
  people: [
    // Replies under a post: article[data-testid=tweet] after the first cell (status-replies.html).
    { id: 'reply-tweet', seen: '2026-11-23', surface: 'comment', selector: TWEET, extract: replyPerson },
    // Likes and reposts lists: [data-testid=UserCell] rows (likes.html, reposts.html).
    { id: 'user-cell', seen: '2026-11-23', surface: 'reaction', selector: USER_CELL, extract: cellPerson },
    // Classic DMs: DmActivityContainer with messageEntry rows (dm-thread.html, dm-chat.html).
    { id: 'dm-activity', seen: '2026-11-23', surface: 'dm', selector: DM, extract: partner },
    // The newer X Chat: dm-conversation-panel, its header and message-<id> rows, as public X automation
    // scripts read it (chat-conversation.html).
    { id: 'chat-conversation-panel', seen: '2026-12-07', surface: 'dm', selector: CHAT, extract: partner },
    // The quotes list: the status-page timeline of quoting tweets (quotes.html; no public markup copy found).
    { id: 'quote-tweet', seen: '2026-12-07', surface: 'reaction', selector: TWEET, extract: quotePerson },
  ],
  pageTypes: [
    { name: 'replies', surface: 'comment', selector: `[data-testid="cellInnerDiv"] ~ [data-testid="cellInnerDiv"] ${TWEET}` },
    { name: 'likes or reposts list', surface: 'reaction', selector: USER_CELL },
    { name: 'dm conversation', surface: 'dm', selector: MESSAGE },
  ],
  dm: {
    messageSelector: MESSAGE,
    readMessage,
    partner(doc, page) {
      const c = doc.querySelector(`${DM}, ${CHAT}`) ?? inOpenRoots(doc, CHAT);
      return c ? partner(c, page) : null;
    },
  },
  postUrlOf,
  shadowHosts: SHADOW_HOSTS,
  threadPage: (page) => /^\/(messages\/[^/]+|i\/chat\/[^/]+)/.test(page.pathname),
  likesPage: (page) => /^\/[A-Za-z0-9_]{1,15}\/status\/\d+\/(likes|retweets|reposts|quotes)\/?$/.test(page.pathname),
};
