// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { profileOf } from '../../../src/domain/identity';
import { adapterForHost } from '../../../src/content/sites/index';
import { findPeople, fixtureFiles, loadFixture } from './helpers';

/** What the adapters return as people, domain/identity accepts as that site's profiles; the odd links the fixtures plant, it rejects. */
describe('adapters agree with domain/identity', () => {
  const sites = ['demo', 'facebook', 'instagram', 'linkedin', 'x', 'youtube', 'tiktok'];
  const cases = sites.flatMap((site) => fixtureFiles(site).map((file) => [site, file] as const));

  it.each(cases)('%s/%s', (site, file) => {
    const { doc, page } = loadFixture(site, file);
    for (const p of findPeople(adapterForHost(page.hostname)!, doc, page)) {
      const ref = profileOf(p.profileUrl);
      if (/^javascript:|evil\.example/.test(p.profileUrl)) expect(ref, p.profileUrl).toBeNull();
      else expect(ref?.site, p.profileUrl).toBe(site);
    }
  });
});
