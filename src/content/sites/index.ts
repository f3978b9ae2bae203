import type { SiteAdapter } from './types';
import { demo } from './demo';
import { facebook } from './facebook';
import { x } from './x';
import { youtube } from './youtube';
import { tiktok } from './tiktok';
import { linkedin } from './linkedin';
import { instagram } from './instagram';

/**
 * Every site adapter, in no particular order: a host belongs to at most one. The demo page's runs
 * only in the dev and test builds (which alone match 127.0.0.1), so the store builds leave it out.
 */
export const ADAPTERS: readonly SiteAdapter[] = [...(__HANDRAISER_DEV__ ? [demo] : []), facebook, instagram, linkedin, x, youtube, tiktok];

/** The adapter for a host name (without port), or null when Handraiser does not run there. */
export function adapterForHost(host: string): SiteAdapter | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  return ADAPTERS.find((a) => a.hosts.includes(h)) ?? null;
}
