/**
 * Listens for the background's "something changed" broadcast (messages/broadcast). Only the
 * type is read, to refresh: nothing in the message is used, so no zod is loaded for it.
 */
import browser from 'webextension-polyfill';
import type { Broadcast } from '../messages/broadcast';

const REFRESHING: ReadonlySet<unknown> = new Set<Broadcast['type']>(['handraiser:changed', 'handraiser:settings']);

export function onDataChanged(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listener = (message: unknown): undefined => {
    if (typeof message !== 'object' || message === null || !REFRESHING.has((message as { type?: unknown }).type)) return undefined;
    // A burst of captures is one refresh.
    clearTimeout(timer);
    timer = setTimeout(fn, 300);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
