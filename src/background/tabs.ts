import browser from 'webextension-polyfill';
import type { Broadcast } from '../messages/broadcast';

/** The pages our content script runs on, as the manifest of this build says. */
export function contentMatches(): string[] {
  return browser.runtime.getManifest().content_scripts?.flatMap((cs) => cs.matches ?? []) ?? [];
}

/** Tells every open social tab (and our own pages) that something changed. */
export async function broadcast(message: Broadcast): Promise<void> {
  const tabs = await browser.tabs.query({ url: contentMatches() }).catch(() => []);
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? Promise.resolve() : browser.tabs.sendMessage(tab.id, message).catch(() => undefined))),
  );
  // The popup and options page, when open, listen too; no receiver is fine.
  await browser.runtime.sendMessage(message).catch(() => undefined);
}

const WORKSPACE_PAGE = 'src/workspace/index.html';

/**
 * Opens the popup's screens in a new tab, or the workspace: one tab of it, brought to the front
 * (its window focused) when it is already open. An extension sees the addresses of its own
 * pages without the tabs permission.
 */
export async function openHandraiser(query: string, page: 'popup' | 'workspace' = 'popup'): Promise<void> {
  if (page === 'workspace') {
    const url = browser.runtime.getURL(WORKSPACE_PAGE);
    const open = await browser.tabs.query({ url: `${url}*` }).catch(() => []);
    const tab = open.find((t) => t.id !== undefined);
    if (tab?.id !== undefined) {
      await browser.tabs.update(tab.id, { active: true });
      if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
      return;
    }
    await browser.tabs.create({ url: `${url}${query}` });
    return;
  }
  await browser.tabs.create({ url: browser.runtime.getURL(`src/popup/index.html${query}`) });
}
