import { SITE_RULES } from '../../domain/sites';
import type { RawPerson, SiteAdapter } from './types';
import { absolute, avatarOf, hrefOf, ownQuery, pageContext, parsed, textOf, timeOf } from './dom';

/**
 * The bundled demo page (demo/index.html, demo/feed.html). Its hooks are ours, so they are
 * plain data-testid attributes; the other adapters show how real sites differ.
 */

const COMMENT = '[data-testid="comment"]';
const REACTION_ROW = '[data-testid="reaction-row"]';
const DM_THREAD = '[data-testid="dm-thread"]';
const DM_PARTNER = '[data-testid="dm-thread"] [data-testid="dm-partner"]';
const NAME = 'a[data-testid="author"]';

/** Profiles live at /demo/profile/<slug>; anything else (a post, a page) is not a person. */
function isProfileHref(href: string, page: URL): boolean {
  const u = parsed(href, page);
  if (!u || !/^https?:$/.test(u.protocol)) return true; // not ours to judge: the core validates
  return /^\/demo\/profile\/[^/]+\/?$/.test(u.pathname);
}

function postUrlOf(el: Element, page: URL): string | null {
  const post = el.closest('[role="article"][data-post-url]');
  const raw = post?.getAttribute('data-post-url') ?? hrefOf(post?.querySelector('a[data-testid="permalink"]'));
  return raw ? absolute(raw, page) : null;
}

function personIn(root: Element, page: URL, boundary: string, contextUrl: string): RawPerson | null {
  const link = ownQuery(root, NAME, boundary);
  const href = hrefOf(link);
  if (!link || !href || !isProfileHref(href, page)) return null;
  const name = textOf(link);
  if (!name) return null;
  return {
    profileUrl: href,
    name,
    avatarUrl: avatarOf(ownQuery(root, 'img', boundary), page),
    contextUrl,
    anchor: link,
  };
}

function threadUrl(doc: ParentNode, page: URL): string {
  const raw = doc.querySelector(DM_THREAD)?.getAttribute('data-thread-url');
  return raw ? absolute(raw, page) : pageContext(page);
}

export const demo: SiteAdapter = {
  site: 'demo',
  hosts: SITE_RULES.demo.hosts,
  // Our own page (demo/index.html, demo/feed.html): one variant per surface.
  people: [
    {
      id: 'comment',
      seen: '2026-11-23',
      surface: 'comment',
      selector: COMMENT,
      extract(el, page) {
        const person = personIn(el, page, COMMENT, postUrlOf(el, page) ?? pageContext(page));
        if (!person) return null;
        return { ...person, text: textOf(ownQuery(el, '[data-testid="comment-text"]', COMMENT)) };
      },
    },
    {
      id: 'reaction-row',
      seen: '2026-11-23',
      surface: 'reaction',
      selector: REACTION_ROW,
      extract: (el, page) => personIn(el, page, REACTION_ROW, postUrlOf(el, page) ?? pageContext(page)),
    },
    {
      id: 'dm-partner',
      seen: '2026-11-23',
      surface: 'dm',
      selector: DM_PARTNER,
      extract: (el, page) => personIn(el, page, DM_PARTNER, threadUrl(el.ownerDocument, page)),
    },
  ],
  pageTypes: [
    { name: 'post comments', surface: 'comment', selector: '[role="article"] [data-testid="comments"] [data-testid="comment"]' },
    { name: 'likes list', surface: 'reaction', selector: REACTION_ROW },
    { name: 'message thread', surface: 'dm', selector: DM_THREAD },
  ],
  dm: {
    messageSelector: '[data-testid="dm-thread"] [data-testid="dm-message"]',
    readMessage(el) {
      const dir = el.getAttribute('data-direction');
      if (dir !== 'in' && dir !== 'out') return null;
      return {
        direction: dir === 'in' ? 'inbound' : 'outbound',
        at: timeOf(el.querySelector('time')),
        id: el.getAttribute('data-message-id') ?? undefined,
        text: textOf(el.querySelector('p')) || undefined,
      };
    },
    partner(doc, page) {
      const el = doc.querySelector(DM_PARTNER);
      return el ? personIn(el, page, DM_PARTNER, threadUrl(doc, page)) : null;
    },
  },
  postUrlOf,
};
