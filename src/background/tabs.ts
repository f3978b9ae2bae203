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

export async function openHandraiser(query: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(`src/popup/index.html${query}`) });
}
