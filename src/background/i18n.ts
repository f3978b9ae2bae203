/**
 * Words the background shows (notifications, the toolbar's title, the context menu), in the
 * language the options chose: the browser's own when 'auto', else that language's
 * messages.json, read from the extension's files. The service worker can stop at any moment,
 * so the choice is read from the store before each time it speaks (syncLanguage).
 */
import browser from 'webextension-polyfill';
import { baseLanguage, chosenLanguage, formatEntry, pluralKey, type Catalog } from '../ui/catalog';

let chosen: string | null = null;
let catalog: Catalog | undefined;

/** The browser's own language, the one browser.i18n speaks ("es" for es-419). */
function browserLanguage(): string {
  return baseLanguage(browser.i18n.getMessage('localeCode') || browser.i18n.getUILanguage());
}

/** Each language's catalog, read once per worker life: the background's words and the chips' both come from it. */
const catalogs = new Map<string, Promise<Catalog>>();

function loadCatalog(lang: string): Promise<Catalog> {
  let c = catalogs.get(lang);
  if (!c) {
    c = fetch(browser.runtime.getURL(`_locales/${lang}/messages.json`)).then(async (res) => {
      if (!res.ok) throw new Error(`no messages for ${lang}`);
      return (await res.json()) as Catalog;
    });
    // A failed read is tried again next time.
    c.catch(() => catalogs.delete(lang));
    catalogs.set(lang, c);
  }
  return c;
}

/** Applies the options' language choice ('auto', 'en', 'es'); a failed read keeps the browser's. */
export async function syncLanguage(choice: unknown): Promise<void> {
  const lang = chosenLanguage(choice);
  if (lang === chosen) return;
  const browserLang = browserLanguage();
  chosen = lang;
  catalog = undefined;
  if (lang === null || lang === browserLang) return;
  try {
    catalog = await loadCatalog(lang);
  } catch {
    catalog = undefined;
  }
}

/**
 * The content script's words (content_* keys, without the prefix, `$1`… for substitutions) in
 * the language `choice` names, when that is not the browser's: the browser's own need no sending.
 */
export async function contentWords(choice: unknown): Promise<Record<string, string> | undefined> {
  const lang = chosenLanguage(choice);
  const browserLang = browserLanguage();
  if (lang === null || lang === browserLang) return undefined;
  let words = wordsOf.get(lang);
  if (!words) {
    let cat: Catalog;
    try {
      cat = await loadCatalog(lang);
    } catch {
      return undefined;
    }
    const subs = Array.from({ length: 9 }, (_, i) => `$${i + 1}`);
    words = {};
    for (const [key, entry] of Object.entries(cat)) if (key.startsWith('content_')) words[key.slice(8)] = formatEntry(entry, subs);
    wordsOf.set(lang, words);
  }
  return words;
}
const wordsOf = new Map<string, Record<string, string>>();

/** A localized string, with the English text as a fallback while a key is missing. */
export function msg(key: string, fallback: string, subs?: string | string[]): string {
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  const entry = catalog?.[key];
  if (entry) return formatEntry(entry, list);
  try {
    return browser.i18n.getMessage(key, list) || fallback;
  } catch {
    return fallback;
  }
}

function has(key: string): boolean {
  if (catalog) return key in catalog;
  try {
    return browser.i18n.getMessage(key) !== '';
  } catch {
    return false;
  }
}

/** A message with a count in the plural form its language needs (Intl.PluralRules); the count is $1. */
export function msgCount(base: string, count: number, fallback: string, subs: string[] = []): string {
  const lang = msg('localeCode', 'en');
  return msg(pluralKey(base, count, lang, has), fallback, [new Intl.NumberFormat(lang).format(count), ...subs]);
}
