/**
 * Every user-visible string goes through `t`. In the extension it asks the browser
 * (browser.i18n picks the user's language); where there is no extension API (unit tests)
 * it falls back to the English file, resolving placeholders the same way Chrome does.
 */
import en from '../_locales/en/messages.json';

export type MessageKey = keyof typeof en;

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
type Catalog = Record<string, Entry>;

interface I18nApi {
  getMessage(key: string, subs?: string | string[]): string;
}

function browserI18n(): I18nApi | undefined {
  const g = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  const api = g.browser?.i18n ?? g.chrome?.i18n;
  return typeof api?.getMessage === 'function' ? api : undefined;
}

/** Chrome's substitution rules: $NAME$ → placeholder content, $1..$9 → substitutions, $$ → $. */
export function formatEntry(entry: Entry, subs: readonly string[]): string {
  const fill = (s: string): string => s.replace(/\$(\d)/g, (_m, i: string) => subs[Number(i) - 1] ?? '');
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (m, name: string) => {
    const ph = entry.placeholders?.[name.toLowerCase()];
    return ph ? fill(ph.content) : m;
  });
  return named.replace(/\$\$/g, '$');
}

let catalogOverride: Catalog | undefined;

/** Tests render in another language by handing over that language's file. */
export function useCatalogForTests(catalog: Catalog | undefined): void {
  catalogOverride = catalog;
}

export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const strings = subs.map(String);
  if (catalogOverride) {
    const entry = catalogOverride[key];
    return entry ? formatEntry(entry, strings) : key;
  }
  const api = browserI18n();
  if (api) {
    try {
      const msg = api.getMessage(key, strings);
      if (msg) return msg;
    } catch {
      // fall through to English
    }
  }
  const entry = (en as Catalog)[key];
  return entry ? formatEntry(entry, strings) : key;
}

/** The BCP 47 language of the strings in use, for <html lang> and date formats. */
export function uiLanguage(): string {
  return t('localeCode');
}
