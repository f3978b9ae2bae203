import { render } from 'preact';
import browser from 'webextension-polyfill';
import { send } from '../messages/client';
import { ApiContext, type Api } from '../ui/api';
import { onDataChanged } from '../ui/changes';
import { t, uiLanguage } from '../ui/i18n';
import '../ui/theme.css';
import './options.css';
import { Options } from './Options';

const api: Api = {
  send,
  now: () => Date.now(),
  openOptions: () => void browser.runtime.openOptionsPage(),
  isDev: __HANDRAISER_DEV__,
  onChanged: onDataChanged,
};

document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
render(
  <ApiContext.Provider value={api}>
    <Options />
  </ApiContext.Provider>,
  document.getElementById('app')!,
);
