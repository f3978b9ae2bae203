/**
 * The structural fallback: people found without any of a site's own attributes, class names or
 * element names, for the day a site ships a layout no selector variant knows. It reads only what
 * every layout keeps: links, the site's profile-address rules (domain/identity), ARIA roles and
 * landmarks, and where text sits.
 * - Only links in the page's content: never in navigation, banners, headers, footers or tabs (a
 *   panel's own header in the content, such as a chat's, is content).
 * - Never the logged-in user: a profile linked from the navigation or banner is theirs.
 * - A link inside a sentence (text beside it in the same line) is a mention, not an author.
 * - The post itself is not a comment: an outermost article that holds articles and is a feed's
 *   item or labelled by its heading (ARIA's feed and article patterns) is a post, and a link of
 *   its own (not in a nested article) is the post's. An article inside a feed item that is no article
 *   (a wrapper with aria-posinset, as Facebook's newer feeds) is a comment, not the post.
 * - One person per item: a comment's avatar, name and @handle links are one person; the first
 *   link with words in it is their chip's place. Where the item has no such link (the name is plain
 *   text, as on m.youtube.com), an avatar link labelled with the name (aria-label) is.
 * - The surface follows the page: a conversation page is a thread, and so is a dialog with a
 *   message box that links one person; a dialog with no times or posts in it (or a likes page) is a
 *   reactions list, anything else comments.
 * People found this way are reported in site health: it working means a variant is stale.
 */
import { profileOfUrl } from '../../domain/identity';
import type { Site, Surface } from '../../domain/types';
import { hrefOf, parsed, textOf } from './dom';
import type { RawPerson, SiteAdapter } from './types';

/** Links in the page's content, where people are. */
export const FALLBACK_LINKS = 'a[href]';
const CHROME = 'nav, [role="navigation"], [role="banner"], [role="contentinfo"], [role="tablist"], [role="search"], [role="menu"]';
/** Where a run of text ends: a mention shares one of these with its sentence. */
const BLOCK = /^(DIV|P|LI|ARTICLE|SECTION|H[1-6]|TD|BLOCKQUOTE|MAIN|BODY|UL|OL|DL|DD|DT|FORM|FIGURE)$/;

export interface FallbackPerson extends RawPerson {
  surface: Exclude<Surface, 'link'>;
}

/** Whether a link sits in a run of text beside words of its own: "@ana same here" or "Replying to @ana". */
function inSentence(link: Element): boolean {
  for (let el: Element | null = link; el && !BLOCK.test(el.tagName.toUpperCase()); el = el.parentElement) {
    const parent: Element | null = el.parentElement;
    if (!parent) break;
    for (let n: ChildNode | null = parent.firstChild; n; n = n.nextSibling) {
      if (n !== el && n.nodeType === 3 && (n as Text).data.trim() !== '') return true;
    }
    if (BLOCK.test(parent.tagName.toUpperCase())) break;
  }
  return false;
}

const ARTICLE = 'article, [role="article"]';

const DIALOG = '[role="dialog"], dialog, [aria-modal="true"]';

/**
 * Headers and footers are skipped, with one exception: the header of a panel in the page's content
 * (a section or aside in main) or of a dialog, not a post's article, is content. X's chat and
 * LinkedIn's message bubbles name the partner in one.
 */
const PANEL = `main section, main aside, [role="main"] section, [role="main"] aside, ${DIALOG}`;

function inChrome(el: Element): boolean {
  if (el.closest(CHROME)) return true;
  const edge = el.closest('header, footer');
  if (!edge) return false;
  const up = edge.parentElement;
  return !up?.closest(PANEL) || up.closest(ARTICLE) !== null;
}

/** A link of the post, not of a comment (see the header). */
function postLevel(link: Element): boolean {
  const article = link.closest(ARTICLE);
  if (!article || article.parentElement?.closest(ARTICLE) || !article.querySelector(ARTICLE)) return false;
  // A feed's item, unless a feed item (aria-posinset) wraps it: then it is a comment inside that item.
  const inFeed = article.parentElement?.closest('[role="feed"]') != null && article.parentElement?.closest('[aria-posinset]') == null;
  return article.hasAttribute('aria-posinset') || article.hasAttribute('aria-labelledby') || inFeed;
}

/** Profile keys of the user's own profile: linked from the page's navigation or banner. */
function ownProfiles(doc: Document, site: Site, page: URL): Set<string> {
  const own = new Set<string>();
  for (const a of Array.from(doc.querySelectorAll(`:is(${CHROME}, header, footer) a[href]`))) {
    if (!inChrome(a)) continue;
    const k = profileLink(a, site, page);
    if (k) own.add(k);
  }
  return own;
}

/** A link to a profile of this site by its own rules (strict: another host or javascript: is no one). */
function profileLink(a: Element, site: Site, page: URL): string | null {
  const href = hrefOf(a);
  const u = href ? parsed(href, page) : null;
  if (!u || !/^https?:$/.test(u.protocol)) return null;
  const ref = profileOfUrl(u);
  return ref?.site === site ? ref.profileKey : null;
}

/** The item a link belongs to: the widest ancestor that links no other person (mentions aside). */
function itemOf(link: Element, key: string, site: Site, page: URL): Element {
  let item = link;
  for (let up = link.parentElement; up && up.tagName !== 'BODY'; up = up.parentElement) {
    let other = false;
    for (const a of Array.from(up.querySelectorAll('a[href]'))) {
      const k = profileLink(a, site, page);
      if (k !== null && k !== key && !inSentence(a) && !inChrome(a)) {
        other = true;
        break;
      }
    }
    if (other) break;
    item = up;
  }
  return item;
}

/** Whether the item holds a link with words in it to this person. */
function namedLinkTo(item: Element, key: string, site: Site, page: URL): boolean {
  return Array.from(item.querySelectorAll('a[href]')).some((a) => textOf(a) !== '' && profileLink(a, site, page) === key);
}

/** A dialog with a message box that links one person besides the user: a conversation with them. */
function isConversation(dialog: Element, own: Set<string>, site: Site, page: URL): boolean {
  if (!dialog.querySelector('[role="textbox"], textarea')) return false;
  const people = new Set<string>();
  for (const a of Array.from(dialog.querySelectorAll('a[href]'))) {
    const k = profileLink(a, site, page);
    if (k !== null && !own.has(k) && !inSentence(a)) people.add(k);
  }
  return people.size === 1;
}

function surfaceOf(link: Element, adapter: SiteAdapter, page: URL, own: Set<string>): Exclude<Surface, 'link'> {
  if (adapter.threadPage?.(page)) return 'dm';
  if (adapter.likesPage?.(page)) return 'reaction';
  const dialog = link.closest(DIALOG);
  if (dialog && isConversation(dialog, own, adapter.site, page)) return 'dm';
  return dialog && !dialog.querySelector('time, article, [role="article"]') ? 'reaction' : 'comment';
}

/** The fallback for one page: who the user is, and which items already gave their person. */
export class StructuralFallback {
  private readonly seen = new WeakMap<Element, Set<string>>();
  private own: Set<string> | null = null;
  private partner: string | null = null;

  constructor(private readonly adapter: SiteAdapter) {}

  /** The person this link stands for, or null (see the header for who is never one). */
  read(link: Element, page: URL): FallbackPerson | null {
    const site = this.adapter.site;
    if (inChrome(link)) return null;
    const key = profileLink(link, site, page);
    this.own ??= ownProfiles(link.ownerDocument, site, page);
    if (!key || this.own.has(key)) return null;
    const text = textOf(link);
    // Words to show and a place for the chip: the link's text, or a labelled avatar's label.
    const name = text || (link.getAttribute('aria-label') ?? '').trim();
    if (!name || inSentence(link) || postLevel(link)) return null;
    const item = itemOf(link, key, site, page);
    // An avatar link waits for its person's name link, when the item has one.
    if (!text && namedLinkTo(item, key, site, page)) return null;
    const surface = surfaceOf(link, this.adapter, page, this.own);
    if (surface === 'dm') {
      if (this.partner !== null) return null;
      this.partner = key;
    }
    const taken = this.seen.get(item) ?? new Set<string>();
    if (taken.has(key)) return null;
    taken.add(key);
    this.seen.set(item, taken);
    const img = item.querySelector('img, image');
    return {
      surface,
      profileUrl: hrefOf(link)!,
      name,
      avatarUrl: img ? (img.getAttribute('src') ?? img.getAttribute('xlink:href') ?? undefined) : undefined,
      contextUrl: this.adapter.postUrlOf?.(link, page) ?? page.href.split('#')[0]!,
      anchor: link,
    };
  }

  /** Another page (single-page navigation): the user and the thread are read again. */
  reset(): void {
    this.own = null;
    this.partner = null;
  }
}

/** Everyone the fallback finds among `links`, in document order. */
export function fallbackPeople(links: readonly Element[], adapter: SiteAdapter, page: URL): FallbackPerson[] {
  const fallback = new StructuralFallback(adapter);
  return links.flatMap((link) => fallback.read(link, page) ?? []);
}
