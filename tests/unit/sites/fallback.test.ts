// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { profileOf } from '../../../src/domain/identity';
import { adapterForHost } from '../../../src/content/sites/index';
import { FALLBACK_LINKS, fallbackPeople } from '../../../src/content/sites/fallback';
import { findPeople, fixtureFiles, fixtureUrl, loadFixture, readFixture, stripped } from './helpers';

const SITES = ['facebook', 'instagram', 'linkedin', 'x', 'youtube', 'tiktok'];
const cases = SITES.flatMap((site) => fixtureFiles(site).map((file) => [site, file] as const));

/** Profile keys of real people (what the core's gate would let through). */
const keysOf = (urls: string[]): string[] => [...new Set(urls.flatMap((u) => profileOf(u)?.profileKey ?? []))].sort();

describe('the structural fallback on markup stripped of every site-specific attribute, class and element name', () => {
  it.each(cases)('%s/%s: a button for at least four in five of its people, as the same kind of sighting, and for nobody else', (site, file) => {
    const html = readFixture(site, file);
    const { doc, page } = loadFixture(site, file);
    const adapter = adapterForHost(page.hostname)!;
    const variants = findPeople(adapter, doc, page);
    const expected = keysOf(variants.map((p) => p.profileUrl));
    const bare = stripped(html);
    const people = fallbackPeople(Array.from(bare.querySelectorAll(FALLBACK_LINKS)), adapter, new URL(fixtureUrl(html)));
    const found = keysOf(people.map((p) => new URL(p.profileUrl, page).href));
    // A comment is found as a comment, a like as a reaction, a thread's partner as a message.
    const surfaceOf = (all: { profileUrl: string; surface: string }[], key: string) =>
      all.find((p) => profileOf(new URL(p.profileUrl, page).href)?.profileKey === key)?.surface;
    for (const k of found) if (expected.includes(k)) expect([k, surfaceOf(people, k)]).toEqual([k, surfaceOf(variants, k)]);
    const extra = found.filter((k) => !expected.includes(k));
    const hit = found.filter((k) => expected.includes(k));
    expect(extra, 'nobody else').toEqual([]);
    expect(hit.length / expected.length, `found ${hit.join(', ')} of ${expected.join(', ')}`).toBeGreaterThanOrEqual(0.8);
  });
});
