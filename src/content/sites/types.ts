import type { Site, Surface } from '../../domain/types';

/**
 * What an adapter reads out of one element. Raw strings straight from the page:
 * the content core validates them (profile URL of this site, bounded text) before
 * anything leaves the page. Adapters never touch storage or messaging.
 */
export interface RawPerson {
  /** As found in the href (may be relative); the core resolves and validates it. */
  profileUrl: string;
  name: string;
  avatarUrl?: string | undefined;
  /** The post, comment or thread URL this sighting belongs to. */
  contextUrl: string;
  /** Comment text, plain (textContent), for comments only. */
  text?: string | undefined;
  /** The element after which the Handraiser chip is placed (usually the name link). */
  anchor: Element;
}

/**
 * One variant of one kind of element that holds exactly one person: a layout a site serves (or
 * served). Variants are data with dates, as refined-github keeps its selectors: every variant of a
 * surface is tried, old ones stay until a dated review removes them, and each names, in a comment
 * beside it, the public source it was built from. Tests list which variant each fixture matched.
 */
export interface PersonSelector {
  /** Unique within the adapter, e.g. "comment-nested-articles". */
  id: string;
  /** When this layout was last seen in public material (YYYY-MM-DD). */
  seen: string;
  surface: Exclude<Surface, 'link'>;
  /** CSS selector matched against added elements (and their descendants). */
  selector: string;
  /** Reads the person out of one matched element; null when it is not a person (a page, a group, a deleted user). */
  extract(el: Element, page: URL): RawPerson | null;
}

/** A page type the adapter recognises; if it is on the page but no person is found in it, the site is reported as possibly broken. */
export interface PageType {
  name: string;
  surface: Exclude<Surface, 'link'>;
  selector: string;
}

/** One message seen in an open DM thread: metadata only. */
export interface RawDmMessage {
  direction: 'inbound' | 'outbound';
  /** ms since epoch, when the page shows it; undefined when it does not. */
  at?: number | undefined;
  /** Stable id the site gives the message (for de-duplication across reloads), if any. */
  id?: string | undefined;
  text?: string | undefined;
}

export interface DmThreadReader {
  /** Selector of one message row in the open thread. */
  messageSelector: string;
  readMessage(el: Element, page: URL): RawDmMessage | null;
  /** The person on the other side of the open thread. */
  partner(doc: Document, page: URL): RawPerson | null;
}

export interface SiteAdapter {
  site: Site;
  /** Host names (without port) this adapter runs on, e.g. www.facebook.com, m.facebook.com. */
  hosts: readonly string[];
  people: readonly PersonSelector[];
  pageTypes: readonly PageType[];
  dm?: DmThreadReader;
  /** The canonical URL of the post the element belongs to, used for hand-raise posts. */
  postUrlOf?(el: Element, page: URL): string | null;
  /** The site's elements that keep part of the page in an open shadow root (observer.ts watches inside them). */
  shadowHosts?: string;
  /** For the structural fallback (fallback.ts): the page is a conversation with one person. */
  threadPage?(page: URL): boolean;
  /** For the structural fallback: the page is a list of people who reacted (not a dialog). */
  likesPage?(page: URL): boolean;
}
