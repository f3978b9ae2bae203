/** Listens for the background's "something changed" broadcast (messages/broadcast). */
import browser from 'webextension-polyfill';
import { Broadcast } from '../messages/broadcast';

export function onDataChanged(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listener = (message: unknown): undefined => {
    const parsed = Broadcast.safeParse(message);
    if (!parsed.success || parsed.data.type === 'handraiser:command') return undefined;
    // A burst of captures is one refresh.
    clearTimeout(timer);
    timer = setTimeout(fn, 300);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
