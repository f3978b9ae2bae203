/** The built manifests say exactly what we intend, and Firefox's linter finds nothing to report. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness';

/** Exactly the hosts a site adapter runs on: no wildcard subdomain, so nothing is injected where no adapter reads. */
const SITE_HOSTS = [
  'https://www.facebook.com/*',
  'https://facebook.com/*',
  'https://m.facebook.com/*',
  'https://web.facebook.com/*',
  'https://mbasic.facebook.com/*',
  'https://www.messenger.com/*',
  'https://messenger.com/*',
  'https://www.instagram.com/*',
  'https://instagram.com/*',
  'https://m.instagram.com/*',
  'https://www.linkedin.com/*',
  'https://linkedin.com/*',
  'https://x.com/*',
  'https://www.x.com/*',
  'https://mobile.x.com/*',
  'https://twitter.com/*',
  'https://www.twitter.com/*',
  'https://mobile.twitter.com/*',
  'https://www.youtube.com/*',
  'https://youtube.com/*',
  'https://m.youtube.com/*',
  'https://www.tiktok.com/*',
  'https://tiktok.com/*',
  'https://m.tiktok.com/*',
];
const PERMISSIONS = ['storage', 'unlimitedStorage', 'alarms', 'notifications', 'contextMenus'];

type Manifest = {
  permissions: string[];
  host_permissions: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts: { matches: string[]; js: string[] }[];
  web_accessible_resources?: { resources: string[]; use_dynamic_url?: boolean }[];
  externally_connectable?: unknown;
  background: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: {
    gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[] } };
    gecko_android?: { strict_min_version?: string };
  };
  content_security_policy?: unknown;
};
const read = (build: string): Manifest => JSON.parse(readFileSync(join(ROOT, 'dist', build, 'manifest.json'), 'utf8')) as Manifest;

describe('built manifests', () => {
  for (const build of ['chrome', 'firefox', 'chrome-dev', 'firefox-dev']) {
    it(`${build}: only the permissions we intend, no <all_urls>, nothing a web page can reach`, () => {
      const m = read(build);
      const dev = build.endsWith('-dev');
      const hosts = dev ? [...SITE_HOSTS, 'http://127.0.0.1/*'] : SITE_HOSTS;
      expect(m.permissions).toEqual(PERMISSIONS);
      expect(m.host_permissions).toEqual(hosts);
      expect(m.optional_permissions).toBeUndefined();
      // Sync asks at run time for the one server the user names, nothing more; a server must be
      // https (dev builds reach the tests' server on 127.0.0.1 through the demo's permission).
      expect(m.optional_host_permissions).toEqual(['https://*/*']);
      // One content script per site, each on that site's hosts only.
      expect(m.content_scripts.flatMap((cs) => cs.matches)).toEqual(hosts);
      expect(m.content_scripts.map((cs) => cs.js)).toEqual(
        ['facebook', 'instagram', 'linkedin', 'x', 'youtube', 'tiktok', ...(dev ? ['demo'] : [])].map((s) => [`src/content/entries/${s}.js`]),
      );
      for (const cs of m.content_scripts) {
        const site = /entries\/(\w+)\.js$/.exec(cs.js[0]!)![1]!;
        const own = site === 'demo' ? ['127.0.0.1'] : site === 'x' ? ['x.com', 'twitter.com'] : [`${site}.com`, ...(site === 'facebook' ? ['messenger.com'] : [])];
        for (const match of cs.matches) expect(own.some((d) => new URL(match.replace('*', 'x')).hostname.endsWith(d)), `${site}: ${match}`).toBe(true);
      }
      expect(JSON.stringify(m)).not.toContain('<all_urls>');
      expect(m.externally_connectable).toBeUndefined();
      // Any web-accessible resource must be behind a per-session dynamic URL; we ship none.
      for (const war of m.web_accessible_resources ?? []) expect(war.use_dynamic_url).toBe(true);
      expect(m.web_accessible_resources ?? []).toEqual([]);
      // No remote code: the default extension CSP stays in force.
      expect(m.content_security_policy).toBeUndefined();
    });
  }

  it('the store builds never match localhost', () => {
    for (const build of ['chrome', 'firefox']) expect(JSON.stringify(read(build))).not.toMatch(/127\.0\.0\.1|localhost/);
  });

  it('Firefox gets background scripts, a gecko id and declares that no data is collected', () => {
    const m = read('firefox');
    expect(m.background.scripts?.length).toBe(1);
    expect(m.background.service_worker).toBeUndefined();
    expect(m.browser_specific_settings?.gecko?.id).toBe('handraiser@handraiser.app');
    expect(m.browser_specific_settings?.gecko?.data_collection_permissions?.required).toEqual(['none']);
    // data_collection_permissions exists on Firefox for Android from 142 on.
    expect(m.browser_specific_settings?.gecko_android?.strict_min_version).toBe('142.0');
    expect(read('chrome').background.service_worker).toBeTruthy();
  });

  it('Chrome carries the sync engine in the service worker (no import() there); Firefox imports it only when sync is set up', () => {
    /** Files a build's background loads before it runs, and whether they hold PouchDB. */
    const pouchIn = (dir: string, files: string[]) => files.some((f) => readFileSync(join(dir, f), 'utf8').includes('_pouch_'));
    const staticGraph = (dir: string, entry: string): string[] => {
      const out = new Set<string>();
      const queue = [entry];
      while (queue.length) {
        const file = queue.shift()!;
        if (out.has(file)) continue;
        out.add(file);
        const code = readFileSync(join(dir, file), 'utf8');
        for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+\.js|\/[^"']+\.js)["']/g)) {
          queue.push(m[1]!.startsWith('/') ? m[1]!.slice(1) : join(file, '..', m[1]!));
        }
      }
      return [...out];
    };
    const chrome = join(ROOT, 'dist', 'chrome');
    expect(pouchIn(chrome, staticGraph(chrome, read('chrome').background.service_worker!))).toBe(true);
    const firefox = join(ROOT, 'dist', 'firefox');
    const ffGraph = staticGraph(firefox, read('firefox').background.scripts![0]!);
    expect(pouchIn(firefox, ffGraph)).toBe(false);
    expect(ffGraph.map((f) => readFileSync(join(firefox, f), 'utf8')).join('\n')).toMatch(/import\(/);
  });

  it("each site's content script is one self-contained file without Dexie, carrying no other site's adapter", () => {
    const m = read('chrome');
    for (const cs of m.content_scripts) {
      expect(cs.js).toHaveLength(1);
      const code = readFileSync(join(ROOT, 'dist', 'chrome', cs.js[0]!), 'utf8');
      expect(code).not.toMatch(/^\s*import\s|import\(/m);
      expect(code).not.toMatch(/indexedDB|Dexie/);
      // Each adapter's own hooks appear in its own entry only.
      const hooks: Record<string, string> = { facebook: 'reactions dialog', x: 'DmActivityContainer', youtube: 'ytd-comment-view-model', tiktok: 'comment-username-1', linkedin: 'urn:li:comment:', instagram: 'liked_by' };
      const site = /entries\/(\w+)\.js$/.exec(cs.js[0]!)![1]!;
      for (const [other, hook] of Object.entries(hooks)) expect(code.includes(hook), `${site} carries ${other}`).toBe(other === site);
    }
  });

  it('the popup loads no zod: it reads replies without it and opens faster', () => {
    /** Each file `entries` load, and everything those import statically, with its code. */
    const graph = (dir: string, entries: string[]): Map<string, string> => {
      const out = new Map<string, string>();
      const queue = [...entries];
      while (queue.length) {
        const file = queue.shift()!;
        if (out.has(file)) continue;
        const code = readFileSync(join(dir, file), 'utf8');
        out.set(file, code);
        for (const m of code.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) queue.push(join(file, '..', m[1]!));
      }
      return out;
    };
    for (const build of ['chrome', 'firefox']) {
      const dir = join(ROOT, 'dist', build);
      const html = readFileSync(join(dir, 'src', 'popup', 'index.html'), 'utf8');
      const popup = graph(dir, [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!));
      expect(popup.size).toBeGreaterThan(1);
      for (const [file, code] of popup) expect(code, `${build}: ${file}`).not.toMatch(/_zod/);
      // The background does load zod (it validates every request), so the check can see it.
      const m = read(build);
      const background = graph(dir, m.background.service_worker ? [m.background.service_worker] : m.background.scripts!);
      expect([...background.values()].some((code) => /_zod/.test(code))).toBe(true);
    }
  });

  it('web-ext lint reports 0 errors, 0 warnings and 0 notices on the Firefox build', () => {
    const out = execFileSync(join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', join(ROOT, 'dist/firefox'), '--self-hosted', '--output', 'json'], {
      encoding: 'utf8',
    });
    type Item = { code: string; message: string; file?: string };
    const report = JSON.parse(out.slice(out.indexOf('{'))) as { errors: Item[]; warnings: Item[]; notices: Item[]; summary: { errors: number; warnings: number; notices: number } };
    const said = (items: Item[]) => items.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`);
    expect(said(report.errors)).toEqual([]);
    expect(said(report.warnings)).toEqual([]);
    expect(said(report.notices)).toEqual([]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, notices: 0 });
  });

  it('no build holds a Function constructor call or markup set from a value (zod runs jitless; vite.config.ts VENDOR_CUTS)', () => {
    for (const build of ['chrome', 'firefox']) {
      const dir = join(ROOT, 'dist', build);
      const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
      expect(files.length).toBeGreaterThan(3);
      for (const f of files) {
        const code = readFileSync(join(dir, f), 'utf8');
        expect(code, `${build}/${f}`).not.toMatch(/\bFunction\(|\beval\(/);
        expect(code, `${build}/${f}`).not.toMatch(/\.(innerHTML|outerHTML)\s*=\s*(?!["'`]{2})/);
      }
    }
  });
});
