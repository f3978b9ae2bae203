/**
 * Content script entry: one self-contained IIFE on every supported site (and the demo page
 * in dev builds). Picks the site's adapter and starts the core; nothing at all on other hosts.
 *
 * Bundle budget (20 KB gzipped): no Dexie, no store, no preact, no webextension-polyfill, and no
 * classic zod (replies and broadcasts are checked with zod/mini in wire.ts).
 */
import { startContent } from './core';
import { adapterForHost } from './sites';
import { browserRuntime, createContentClient, isInvalidated } from './wire';

function boot(): void {
  const adapter = adapterForHost(location.hostname);
  const runtime = browserRuntime();
  if (!adapter || !runtime) return;
  // A marker for end-to-end tests: the content script runs on this page.
  document.documentElement.setAttribute('data-handraiser', 'ready');

  const alive = (): boolean => {
    try {
      return Boolean(runtime.id);
    } catch {
      return false;
    }
  };
  startContent({
    adapter,
    doc: document,
    send: createContentClient((message) => runtime.sendMessage(message)),
    alive,
    // A page script can click() our button inside the open shadow root: only the user's events count.
    trustedOnly: true,
    listen(onMessage) {
      const fn = (message: unknown): void => onMessage(message);
      runtime.onMessage.addListener(fn);
      return () => runtime.onMessage.removeListener(fn);
    },
  });
}

try {
  boot();
} catch (e) {
  if (!isInvalidated(e)) console.warn('Handraiser: could not start', e);
}
