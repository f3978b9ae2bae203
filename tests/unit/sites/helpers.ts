import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RawDmMessage, SiteAdapter } from '../../../src/content/sites/types';

const ROOT = join(__dirname, '../../..');

export interface Found {
  surface: string;
  name: string;
  /** Resolved against the page, as the core would. */
  profileUrl: string;
  contextUrl: string;
  avatarUrl?: string;
  text?: string;
}

/** The fixture's own URL, from <meta name="fixture-url">. */
export function fixtureUrl(html: string): string {
  const url = loadHtml(html).querySelector('meta[name="fixture-url"]')?.getAttribute('content');
  if (!url) throw new Error('fixture has no <meta name="fixture-url">');
  return url;
}

export function readFixture(site: string, file: string): string {
  return readFileSync(join(ROOT, 'tests/fixtures/sites', site, file), 'utf8');
}

export function fixtureFiles(site: string): string[] {
  return readdirSync(join(ROOT, 'tests/fixtures/sites', site)).filter((f) => f.endsWith('.html')).sort();
}

/**
 * Parses the HTML into a fresh document; scripts are never run by DOMParser. DOMParser does not
 * attach declarative shadow roots (<template shadowrootmode>): their content is put in place of the
 * template, so the unit tests read it as the page shows it; the browsers' end-to-end runs read the
 * real open shadow root.
 */
export function loadHtml(html: string): Document {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const t of Array.from(doc.querySelectorAll('template[shadowrootmode]'))) t.replaceWith((t as HTMLTemplateElement).content);
  return doc;
}

/** Loads a fixture: its document and its page URL. */
export function loadFixture(site: string, file: string): { doc: Document; page: URL; html: string } {
  const html = readFixture(site, file);
  return { doc: loadHtml(html), page: new URL(fixtureUrl(html)), html };
}

function resolve(raw: string, page: URL): string {
  try {
    return new URL(raw, page).href;
  } catch {
    return raw;
  }
}

/** Every person every selector of the adapter finds, in selector then document order; no de-duplication. */
export function findPeople(adapter: SiteAdapter, doc: Document, page: URL): Found[] {
  const out: Found[] = [];
  for (const sel of adapter.people) {
    for (const el of Array.from(doc.querySelectorAll(sel.selector))) {
      const p = sel.extract(el, page);
      if (!p) continue;
      if (!p.anchor || !doc.contains(p.anchor)) throw new Error(`anchor of ${p.name} is not in the page`);
      const f: Found = {
        surface: sel.surface,
        name: p.name,
        profileUrl: resolve(p.profileUrl, page),
        contextUrl: p.contextUrl,
      };
      if (p.avatarUrl !== undefined) f.avatarUrl = p.avatarUrl;
      if (p.text !== undefined) f.text = p.text;
      out.push(f);
    }
  }
  return out;
}

/** Short form for assertions: surface, name, profile URL, context, text. */
export function brief(found: Found[]): Array<[string, string, string, string, string?]> {
  return found.map((f) =>
    f.text === undefined
      ? [f.surface, f.name, f.profileUrl, f.contextUrl]
      : [f.surface, f.name, f.profileUrl, f.contextUrl, f.text],
  );
}

/** Names of the page types the adapter recognises on this document. */
export function pageTypesOn(adapter: SiteAdapter, doc: Document): string[] {
  return adapter.pageTypes.filter((t) => doc.querySelector(t.selector) !== null).map((t) => t.name);
}

/** Messages of the open DM thread, read as the core would. */
export function readThread(adapter: SiteAdapter, doc: Document, page: URL): RawDmMessage[] {
  if (!adapter.dm) return [];
  const out: RawDmMessage[] = [];
  for (const el of Array.from(doc.querySelectorAll(adapter.dm.messageSelector))) {
    const m = adapter.dm.readMessage(el, page);
    if (m) out.push(m);
  }
  return out;
}

/**
 * The fixture as a site might serve it after a redesign: every class, id, data-* and other
 * site-specific attribute gone, and every custom element renamed to a plain div. Links, text,
 * images, ARIA roles and labels, and semantic elements stay: what any layout keeps.
 */
export function stripped(html: string): Document {
  const doc = loadHtml(html);
  const keep = /^(href|src|alt|role|aria-[a-z-]+|dir|lang|datetime|title|type|tabindex|xlink:href|content|name|width|height|colspan)$/;
  for (const el of Array.from(doc.body.querySelectorAll('*')).reverse()) {
    for (const a of Array.from(el.attributes)) if (!keep.test(a.name)) el.removeAttribute(a.name);
    if (el.localName.includes('-')) {
      const div = doc.createElement('div');
      for (const a of Array.from(el.attributes)) div.setAttribute(a.name, a.value);
      div.append(...Array.from(el.childNodes));
      el.replaceWith(div);
    }
  }
  return doc;
}

/** The ids of the adapter's variants that find at least one person on this document. */
export function variantsMatched(adapter: SiteAdapter, doc: Document, page: URL): string[] {
  return adapter.people
    .filter((sel) => Array.from(doc.querySelectorAll(sel.selector)).some((el) => sel.extract(el, page) !== null))
    .map((sel) => sel.id);
}
