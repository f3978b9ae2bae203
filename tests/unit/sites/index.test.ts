// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterForHost } from '../../../src/content/sites/index';
import { SITES } from '../../../src/domain/types';
import { findPeople, fixtureFiles, loadFixture, loadHtml, readThread } from './helpers';

describe('adapterForHost', () => {
  it.each([
    ['www.facebook.com', 'facebook'],
    ['facebook.com', 'facebook'],
    ['m.facebook.com', 'facebook'],
    ['web.facebook.com', 'facebook'],
    ['www.messenger.com', 'facebook'],
    ['messenger.com', 'facebook'],
    ['www.instagram.com', 'instagram'],
    ['instagram.com', 'instagram'],
    ['www.linkedin.com', 'linkedin'],
    ['x.com', 'x'],
    ['twitter.com', 'x'],
    ['mobile.twitter.com', 'x'],
    ['www.youtube.com', 'youtube'],
    ['m.youtube.com', 'youtube'],
    ['www.tiktok.com', 'tiktok'],
    ['127.0.0.1', 'demo'],
    ['localhost', 'demo'],
    ['WWW.FACEBOOK.COM', 'facebook'],
  ])('%s → %s', (host, site) => {
    expect(adapterForHost(host)?.site).toBe(site);
  });

  it.each(['example.com', 'facebook.com.evil.example', 'evilfacebook.com', 'notx.com', 'studio.youtube.com', '', 'localhost.evil.example'])(
    '%s → null',
    (host) => expect(adapterForHost(host)).toBeNull(),
  );

  it('has one adapter per site and no host claimed twice', () => {
    expect(ADAPTERS.map((a) => a.site).sort()).toEqual([...SITES].sort());
    const hosts = ADAPTERS.flatMap((a) => a.hosts);
    expect(new Set(hosts).size).toBe(hosts.length);
  });

  it('every adapter has people selectors and page types that parse as CSS', () => {
    const doc = document.implementation.createHTMLDocument('');
    for (const a of ADAPTERS) {
      expect(a.people.length).toBeGreaterThan(0);
      for (const s of [...a.people.map((p) => p.selector), ...a.pageTypes.map((t) => t.selector), a.dm?.messageSelector ?? 'a']) {
        expect(() => doc.querySelectorAll(s), `${a.site}: ${s}`).not.toThrow();
      }
    }
  });
});

describe('every fixture', () => {
  const sites = ['demo', 'facebook', 'instagram', 'linkedin', 'x', 'youtube', 'tiktok'];
  const cases = sites.flatMap((site) => fixtureFiles(site).map((file) => [site, file] as const));

  it.each(cases)('%s/%s names its real address and source, and its adapter finds someone', (site, file) => {
    const { doc, page, html } = loadFixture(site, file);
    expect(adapterForHost(page.hostname)?.site).toBe(site);
    expect(html).toMatch(/<!--[^]*?(Based on|based on)[^]*?-->/);
    const adapter = adapterForHost(page.hostname)!;
    expect(findPeople(adapter, doc, page).length + readThread(adapter, doc, page).length).toBeGreaterThan(0);
  });

  it('covers every surface of every site with at least two fixtures', { timeout: 30_000 }, () => {
    const count = new Map<string, number>();
    // The bundled demo page is the demo adapter's main fixture.
    const demoPage = { doc: loadHtml(readFileSync(join(__dirname, '../../../demo/index.html'), 'utf8')), page: new URL('http://127.0.0.1:4173/demo/index.html') };
    const loaded = [...cases.map(([site, file]) => loadFixture(site, file)), demoPage];
    for (const { doc, page } of loaded) {
      const site = adapterForHost(page.hostname)!.site;
      const adapter = adapterForHost(page.hostname)!;
      for (const surface of new Set(findPeople(adapter, doc, page).map((f) => f.surface))) {
        count.set(`${site}:${surface}`, (count.get(`${site}:${surface}`) ?? 0) + 1);
      }
    }
    for (const a of ADAPTERS) for (const p of a.people) expect(count.get(`${a.site}:${p.surface}`) ?? 0, `${a.site}:${p.surface}`).toBeGreaterThanOrEqual(2);
  });
});
