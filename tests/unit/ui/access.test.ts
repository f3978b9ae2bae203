import { describe, expect, it, vi } from 'vitest';
import { SUPPORTED_SITES, hostPatterns } from '../../../src/domain/sites';
import { manifestFor } from '../../../vite.config';
import { siteAccess, type PermissionsLike } from '../../../src/ui/access';

/** A browser's permissions that hold `granted` origins, as Firefox and Chrome report them. */
function fakePermissions(granted: string[]) {
  const held = new Set(granted);
  const added = new Set<() => void>();
  const removed = new Set<() => void>();
  const permissions: PermissionsLike = {
    contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((o) => held.has(o))),
    request: vi.fn(async ({ origins }: { origins: string[] }) => {
      for (const o of origins) held.add(o);
      for (const fn of added) fn();
      return true;
    }),
    onAdded: { addListener: (fn) => added.add(fn), removeListener: (fn) => added.delete(fn) },
    onRemoved: { addListener: (fn) => removed.add(fn), removeListener: (fn) => removed.delete(fn) },
  };
  const revoke = (origins: string[]) => {
    for (const o of origins) held.delete(o);
    for (const fn of removed) fn();
  };
  return { permissions, revoke, added, removed };
}

describe('site access', () => {
  const all = SUPPORTED_SITES.flatMap(hostPatterns);

  it('checks and asks for exactly the host patterns of each site in the manifests of both browsers', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const m = manifestFor(target, false);
      expect(m.host_permissions).toEqual(all);
      for (const site of SUPPORTED_SITES) {
        expect(m.content_scripts.find((cs) => cs.js[0]!.endsWith(`/${site}.ts`))?.matches).toEqual(hostPatterns(site));
      }
    }
    expect(SUPPORTED_SITES).not.toContain('demo');
  });

  it('names no site when every host is granted, and each site with a host withheld', async () => {
    const { permissions, revoke } = fakePermissions(all);
    const access = siteAccess(permissions);
    expect(await access.missing()).toEqual([]);
    // Chrome's "on specific sites" may leave one host of a site out: that site is not fully readable.
    revoke(['https://m.facebook.com/*', 'https://www.tiktok.com/*']);
    expect(await access.missing()).toEqual(['facebook', 'tiktok']);
    // Only the sites asked about.
    expect(await access.missing(['instagram', 'tiktok'])).toEqual(['tiktok']);
  });

  it('asks for all the patterns of the named sites at once, and nothing else', async () => {
    const { permissions } = fakePermissions([]);
    const access = siteAccess(permissions);
    expect(await access.missing()).toEqual([...SUPPORTED_SITES]);
    await access.request(['x', 'linkedin']);
    expect(permissions.request).toHaveBeenCalledTimes(1);
    expect(permissions.request).toHaveBeenCalledWith({ origins: [...hostPatterns('x'), ...hostPatterns('linkedin')] });
    expect(await access.missing()).toEqual(['facebook', 'instagram', 'youtube', 'tiktok']);
  });

  it('calls back when access is granted or taken away, until unsubscribed', async () => {
    const { permissions, revoke, added, removed } = fakePermissions(all);
    const access = siteAccess(permissions);
    const fn = vi.fn();
    const stop = access.onChange(fn);
    revoke(hostPatterns('youtube'));
    await access.request(['youtube']);
    expect(fn).toHaveBeenCalledTimes(2);
    stop();
    expect(added.size + removed.size).toBe(0);
  });
});
