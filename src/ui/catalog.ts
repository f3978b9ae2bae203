/**
 * Message catalogs (src/_locales/<lang>/messages.json), read the way Chrome reads them, for the
 * pages and the background when the user picked a language other than the browser's (options:
 * language). Pure: no browser API, no JSON import; ui/i18n and background/i18n feed it.
 */
import { UI_LANGUAGES } from '../domain/constants';

export interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Catalog = Record<string, Entry>;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Chrome's substitution rules: $NAME$ → placeholder content, $1..$9 → substitutions, $$ → $. */
export function formatEntry(entry: Entry, subs: readonly string[]): string {
  const fill = (s: string): string => s.replace(/\$(\d)/g, (_m, i: string) => subs[Number(i) - 1] ?? '');
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (m, name: string) => {
    const ph = entry.placeholders?.[name.toLowerCase()];
    return ph ? fill(ph.content) : m;
  });
  return named.replace(/\$\$/g, '$');
}

/**
 * The key of the plural form of `base` for `count` in `lang`: `base_one`, `base_many`… as
 * Intl.PluralRules selects it, `base_other` when the catalog has no such form. `has` says
 * whether the catalog holds a key.
 */
export function pluralKey(base: string, count: number, lang: string, has: (key: string) => boolean): string {
  let category: string;
  try {
    category = new Intl.PluralRules(lang).select(count);
  } catch {
    category = count === 1 ? 'one' : 'other';
  }
  const key = `${base}_${category}`;
  return has(key) ? key : `${base}_other`;
}

/** The language a choice names: one we have a catalog for, else null ('auto', or anything unknown: the browser's). */
export function chosenLanguage(choice: unknown): UiLanguage | null {
  return (UI_LANGUAGES as readonly unknown[]).includes(choice) ? (choice as UiLanguage) : null;
}

/** The base language of a BCP 47 tag ("es-419" → "es"). */
export function baseLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}
