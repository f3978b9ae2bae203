import { render, type ComponentChild } from 'preact';
import browser from 'webextension-polyfill';
import { send } from '../messages/client';
import { siteAccess } from './access';
import { ApiContext, type Api } from './api';
import type { Catalog } from './catalog';
import { onDataChanged } from './changes';
import { applyLanguage, t, uiLanguage, type MessageKey } from './i18n';
import './theme.css';

/** The real browser behind the popup, the options and the welcome page (tests pass their own Api). */
const browserApi: Api = {
  send,
  now: () => Date.now(),
  openOptions: (section) =>
    void (section
      ? browser.tabs.create({ url: browser.runtime.getURL(`src/options/index.html#${section}`) })
      : browser.runtime.openOptionsPage()),
  isDev: __HANDRAISER_DEV__,
  onChanged: onDataChanged,
  // Match patterns name no port (Firefox refuses one); the pattern covers this host only.
  requestAccess: (origin) => {
    const u = new URL(origin);
    return browser.permissions.request({ origins: [`${u.protocol}//${u.hostname}/*`] }).catch(() => false);
  },
  siteAccess: siteAccess(browser.permissions),
};

/** A language's messages.json, from the extension's own files (no network). */
export async function loadCatalog(lang: string): Promise<Catalog> {
  const res = await fetch(browser.runtime.getURL(`_locales/${lang}/messages.json`));
  if (!res.ok) throw new Error(`no messages for ${lang}`);
  return (await res.json()) as Catalog;
}

/**
 * Renders a page in the language the options chose (the browser's when 'auto', or when the
 * settings cannot be read): the choice is applied before the first word is drawn.
 */
export async function mount(app: () => ComponentChild, title?: MessageKey): Promise<void> {
  const choice = await send('settingsGet', {}).then(
    (r) => r.settings.language,
    () => 'auto',
  );
  await applyLanguage(choice, loadCatalog);
  document.documentElement.lang = uiLanguage();
  if (title) document.title = t(title);
  render(<ApiContext.Provider value={browserApi}>{app()}</ApiContext.Provider>, document.getElementById('app')!);
}
