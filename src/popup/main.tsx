import { render } from 'preact';
import browser from 'webextension-polyfill';
import { send } from '../messages/client';
import { ApiContext, type Api } from '../ui/api';
import { onDataChanged } from '../ui/changes';
import { uiLanguage } from '../ui/i18n';
import '../ui/theme.css';
import './popup.css';
import { App } from './App';

const api: Api = {
  send,
  now: () => Date.now(),
  openOptions: () => void browser.runtime.openOptionsPage(),
  isDev: __HANDRAISER_DEV__,
  onChanged: onDataChanged,
};

document.documentElement.lang = uiLanguage();
render(
  <ApiContext.Provider value={api}>
    <App />
  </ApiContext.Provider>,
  document.getElementById('app')!,
);
