/**
 * The service worker (Chrome) / event page (Firefox). Every listener is registered
 * synchronously at the top level, so a stopped worker is woken by the event it missed.
 * No state lives here between events: the store is the memory.
 */
import browser from 'webextension-polyfill';
import { COMMAND_CAPTURE_FOCUSED } from '../messages/broadcast';
import { createRouter, type Change, type Sender } from '../messages/router';
import { openDb, type HandraiserDB } from '../store/db';
import { createContextMenu, onContextMenuClicked } from './context-menu';
import { updateBadge } from './badge';
import { getSettings } from '../store/settings';
import { contentWords, msg, syncLanguage } from './i18n';
import { CHECK_ALARM, checkReminders, ensureSweepAlarm, onNotificationButton, onNotificationClicked, SWEEP_ALARM } from './scheduler';
import { createSync, SYNC_ALARM } from './sync';
import { broadcast, openHandraiser } from './tabs';

const now = () => Date.now();
let dbPromise: Promise<HandraiserDB> | undefined;
function db(): Promise<HandraiserDB> {
  dbPromise ??= openDb();
  return dbPromise;
}

const sync = createSync({
  db,
  now,
  isDev: __HANDRAISER_DEV__,
  onApplied: (personIds) => announce({ personIds, reason: 'sync' }),
});

function onChange(change: Change): void {
  announce(change);
  if (change.reason !== 'sync') sync.afterChange();
}

/** Tells open pages and the toolbar that people changed. */
function announce(change: Change): void {
  void broadcast({
    type: 'handraiser:changed',
    personIds: change.personIds.slice(0, 10_000),
    ...(change.profileKeys ? { profileKeys: change.profileKeys.slice(0, 100) } : {}),
    reason: change.reason,
  });
  if (change.reason === 'settings') void broadcast({ type: 'handraiser:settings' });
  // A new language (settings, or a backup that carried settings) renames the menu and the toolbar title.
  if (change.reason === 'settings' || change.reason === 'import') void speakChosenLanguage().then(createContextMenu);
  void db().then((d) => checkReminders(d, now));
}

/** Reads the options' language choice before the background speaks (menu, notifications, titles). */
async function speakChosenLanguage(): Promise<void> {
  await syncLanguage((await getSettings(await db())).language);
}

const routerPromise = db().then((d) =>
  createRouter({ db: d, now, extensionId: browser.runtime.id, extensionUrl: browser.runtime.getURL(''), onChange, openPage: openHandraiser, sync, contentWords }),
);
async function route(raw: unknown, sender: Sender) {
  return (await routerPromise)(raw, sender);
}

browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) => {
  // Broadcasts we sent ourselves come back to extension pages' listeners, not here; anything else
  // is a request. The router decides from what the browser says of the sender which kind of
  // context it is (our page, or our content script in a tab) and what it may ask.
  const from: Sender = {};
  if (sender.id !== undefined) from.id = sender.id;
  if (sender.url !== undefined) from.url = sender.url;
  if (sender.tab) from.tab = sender.tab.id !== undefined ? { id: sender.tab.id } : {};
  return route(raw, from);
});

async function notifyError(message: string): Promise<void> {
  await speakChosenLanguage();
  await browser.notifications.create(`handraiser:error:${now()}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title: msg('errorTitle', "Handraiser couldn't do that"),
    message,
  });
}

async function catchUp(): Promise<void> {
  await ensureSweepAlarm();
  await sync.ensureAlarm();
  await checkReminders(await db(), now);
}

/** The welcome page: what Handraiser does, how to pin it, where its button appears, what stays private. */
const WELCOME_PAGE = 'src/welcome/index.html';

browser.runtime.onInstalled.addListener((details) => {
  void speakChosenLanguage().then(createContextMenu);
  void catchUp();
  // Only on a first install: an update or a browser update opens nothing.
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
});
browser.runtime.onStartup.addListener(() => {
  void speakChosenLanguage().then(createContextMenu);
  void catchUp();
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === CHECK_ALARM || alarm.name === SWEEP_ALARM) void db().then((d) => checkReminders(d, now));
  if (alarm.name === SYNC_ALARM) void sync.run();
});

browser.notifications.onClicked.addListener((id) => {
  void db().then((d) => onNotificationClicked(d, id));
});
browser.notifications.onButtonClicked?.addListener((id, button) => {
  void db().then((d) => onNotificationButton(d, id, button, now));
});

browser.contextMenus.onClicked.addListener((info) => {
  void onContextMenuClicked(info, route, notifyError);
});

browser.commands.onCommand.addListener((command) => {
  if (command !== COMMAND_CAPTURE_FOCUSED) return;
  void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
    if (tab?.id !== undefined) {
      return browser.tabs.sendMessage(tab.id, { type: 'handraiser:command', command: COMMAND_CAPTURE_FOCUSED }).catch(() => undefined);
    }
    return undefined;
  });
});

// Keep the toolbar number true from the first moment the worker runs.
void speakChosenLanguage().then(async () => updateBadge(await db(), now()));

