/**
 * Starts the content script for one site. Each site has its own entry (entries/<site>.ts), a
 * self-contained IIFE injected only on that site's hosts, so a page parses its own site's adapter
 * and no other.
 *
 * Bundle budget (20 KB gzipped per entry): no Dexie, no store, no preact, no
 * webextension-polyfill, and no zod (replies and broadcasts are checked by guard.ts's small
 * checks in wire.ts).
 */
import { startContent } from './core';
import { storeExposure, TEST_EXPOSURE } from './exposure';
import type { SiteAdapter } from './sites/types';
import { browserRuntime, createContentClient, isInvalidated } from './wire';

function start(adapter: SiteAdapter): void {
  const runtime = browserRuntime();
  if (!runtime || !adapter.hosts.includes(location.hostname.toLowerCase())) return;
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

export function boot(adapter: SiteAdapter): void {
  try {
    start(adapter);
  } catch (e) {
    if (!isInvalidated(e)) console.warn('Handraiser: could not start', e);
  }
}
