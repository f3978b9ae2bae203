import browser from 'webextension-polyfill';

/** A localized string, with the English text as a fallback while a key is missing. */
export function msg(key: string, fallback: string, subs?: string | string[]): string {
  try {
    return browser.i18n.getMessage(key, subs) || fallback;
  } catch {
    return fallback;
  }
}
