import { render, type ComponentChild } from 'preact';
import browser from 'webextension-polyfill';
import { send } from '../messages/client';
import { ApiContext, type Api } from './api';
import { onDataChanged } from './changes';
import { uiLanguage } from './i18n';
import './theme.css';

/** The real browser behind the popup and the options page (tests pass their own Api). */
const browserApi: Api = {
  send,
  now: () => Date.now(),
  openOptions: () => void browser.runtime.openOptionsPage(),
  isDev: __HANDRAISER_DEV__,
  onChanged: onDataChanged,
  // Match patterns name no port (Firefox refuses one); the pattern covers this host only.
  requestAccess: (origin) => {
    const u = new URL(origin);
    return browser.permissions.request({ origins: [`${u.protocol}//${u.hostname}/*`] }).catch(() => false);
  },
};

export function mount(app: ComponentChild): void {
  document.documentElement.lang = uiLanguage();
  render(<ApiContext.Provider value={browserApi}>{app}</ApiContext.Provider>, document.getElementById('app')!);
}
