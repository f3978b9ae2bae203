/**
 * Every user-visible string goes through `t` (or `tp` for one with a count). In the extension
 * it asks the browser (browser.i18n picks the browser's language) unless the user chose
 * another language in the options: then the chosen catalog, loaded once by `useLanguage`.
 * Where there is no extension API (unit tests) it falls back to the English file, resolving
 * placeholders the same way Chrome does.
 */
import en from '../_locales/en/messages.json';
import { baseLanguage, chosenLanguage, formatEntry, pluralKey, type Catalog } from './catalog';

export { formatEntry };
export type MessageKey = keyof typeof en;
/** Messages with a count: `<base>_one`, `<base>_other` (and any form Intl.PluralRules names) in every catalog. */
export type PluralKey = { [K in MessageKey]: K extends `${infer B}_other` ? B : never }[MessageKey];

interface I18nApi {
  getMessage(key: string, subs?: string | string[]): string;
  getUILanguage?(): string;
}

function browserI18n(): I18nApi | undefined {
  const g = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  const api = g.browser?.i18n ?? g.chrome?.i18n;
  return typeof api?.getMessage === 'function' ? api : undefined;
}

/** The catalog in use instead of the browser's own choice (the options' language, or a test's). */
let catalog: Catalog | undefined;

/** Tests render in another language by handing over that language's file. */
export function useCatalogForTests(c: Catalog | undefined): void {
  catalog = c;
}

/**
 * Applies the options' language choice ('auto' or a language we have). A language other than
 * the one the browser would pick is read from its messages.json with `load`; if that fails,
 * the browser's language stays.
 */
export async function applyLanguage(choice: unknown, load: (lang: string) => Promise<Catalog>): Promise<void> {
  const lang = chosenLanguage(choice);
  const api = browserI18n();
  const browserLang = api ? baseLanguage(api.getMessage('localeCode') || api.getUILanguage?.() || 'en') : 'en';
  if (lang === null || lang === browserLang) {
    catalog = undefined;
    return;
  }
  if (lang === 'en') {
    catalog = en;
    return;
  }
  try {
    catalog = await load(lang);
  } catch {
    catalog = undefined;
  }
}

function lookup(key: string, subs: string[]): string {
  if (catalog) {
    const entry = catalog[key];
    if (entry) return formatEntry(entry, subs);
  } else {
    const api = browserI18n();
    if (api) {
      try {
        const msg = api.getMessage(key, subs);
        if (msg) return msg;
      } catch {
        // fall through to English
      }
    }
  }
  const entry = (en as Catalog)[key];
  return entry ? formatEntry(entry, subs) : key;
}

function has(key: string): boolean {
  if (catalog) return key in catalog;
  const api = browserI18n();
  if (api) {
    try {
      return api.getMessage(key) !== '';
    } catch {
      // fall through
    }
  }
  return key in en;
}

export function t(key: MessageKey, ...subs: (string | number)[]): string {
  return lookup(key, subs.map(String));
}

/**
 * A message with a count, in the plural form the language needs for it (Intl.PluralRules):
 * "1 follow-up", "3 follow-ups", "1 seguimiento". The count, formatted for the language, is $1.
 */
export function tp(base: PluralKey, count: number, ...subs: (string | number)[]): string {
  const lang = uiLanguage();
  const key = pluralKey(base, count, lang, has);
  return lookup(key, [new Intl.NumberFormat(lang).format(count), ...subs.map(String)]);
}

/** The BCP 47 language of the strings in use, for <html lang> and date formats. */
export function uiLanguage(): string {
  return lookup('localeCode', []);
}
