/**
 * Content script entry: one self-contained IIFE on every supported site (and the demo page
 * in dev builds). Picks the site's adapter and starts the core; nothing at all on other hosts.
 *
 * Bundle budget (20 KB gzipped): no Dexie, no store, no preact, no webextension-polyfill, and no
 * zod (replies and broadcasts are checked by guard.ts's small checks in wire.ts).
 */
import { startContent } from './core';
import { storeExposure, TEST_EXPOSURE } from './exposure';
import { adapterForHost } from './sites';
import { browserRuntime, createContentClient, isInvalidated } from './wire';

function boot(): void {
  const adapter = adapterForHost(location.hostname);
  const runtime = browserRuntime();
  if (!adapter || !runtime) return;
  const exposure = __HANDRAISER_DEV__ ? TEST_EXPOSURE : storeExposure();
  // Test builds only: a marker that the content script runs on this page.
  if (exposure.marker) document.documentElement.setAttribute('data-handraiser', 'ready');

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
    exposure,
    alive,
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
