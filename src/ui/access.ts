/**
 * Site access: whether the browser lets Handraiser read each supported site. Firefox treats an
 * MV3 extension's host access as the user's to grant or take back; Chrome lets the user withhold
 * it ("Site access: on click" or "on specific sites"). Without it no content script runs there,
 * so no button appears; the popup says so and asks (popup/SiteAccess.tsx).
 */
import { SUPPORTED_SITES, hostPatterns, type SupportedSite } from '../domain/sites';

type Listener = () => void;
interface PermissionEvent {
  addListener(fn: Listener): void;
  removeListener(fn: Listener): void;
}

/** The part of `browser.permissions` this needs (a fake in unit tests). */
export interface PermissionsLike {
  contains(p: { origins: string[] }): Promise<boolean>;
  request(p: { origins: string[] }): Promise<boolean>;
  onAdded: PermissionEvent;
  onRemoved: PermissionEvent;
}

export interface SiteAccess {
  /** The sites (of `sites`, all supported ones by default) Handraiser may not read on every one of their hosts. */
  missing(sites?: readonly SupportedSite[]): Promise<SupportedSite[]>;
  /**
   * Asks the browser for these sites, with exactly the host patterns of their content scripts.
   * Must be called straight from a click: browsers only ask during a user gesture.
   */
  request(sites: readonly SupportedSite[]): Promise<boolean>;
  /** Calls back when access is granted or taken away anywhere (this popup, the browser's settings); returns the unsubscribe. */
  onChange(fn: () => void): () => void;
}

export function siteAccess(permissions: PermissionsLike): SiteAccess {
  return {
    async missing(sites = SUPPORTED_SITES) {
      const granted = await Promise.all(sites.map((site) => permissions.contains({ origins: hostPatterns(site) })));
      return sites.filter((_, i) => !granted[i]);
    },
    request(sites) {
      // No await before this call: the gesture would be lost.
      return permissions.request({ origins: sites.flatMap(hostPatterns) });
    },
    onChange(fn) {
      const listener = () => fn();
      permissions.onAdded.addListener(listener);
      permissions.onRemoved.addListener(listener);
      return () => {
        permissions.onAdded.removeListener(listener);
        permissions.onRemoved.removeListener(listener);
      };
    },
  };
}
