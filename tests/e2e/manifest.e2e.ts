/** The built manifests say exactly what we intend, and Firefox's linter finds no error. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness';

const SITE_HOSTS = [
  'https://*.facebook.com/*',
  'https://*.messenger.com/*',
  'https://*.instagram.com/*',
  'https://*.linkedin.com/*',
  'https://x.com/*',
  'https://*.x.com/*',
  'https://twitter.com/*',
  'https://*.twitter.com/*',
  'https://*.youtube.com/*',
  'https://*.tiktok.com/*',
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
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[] } } };
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
      expect(m.content_scripts).toHaveLength(1);
      expect(m.content_scripts[0]!.matches).toEqual(hosts);
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

  it('the content script is one self-contained file without Dexie', () => {
    const m = read('chrome');
    const js = m.content_scripts[0]!.js;
    expect(js).toHaveLength(1);
    const code = readFileSync(join(ROOT, 'dist', 'chrome', js[0]!), 'utf8');
    expect(code).not.toMatch(/^\s*import\s|import\(/m);
    expect(code).not.toMatch(/indexedDB|Dexie/);
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

  it('web-ext lint reports 0 errors on the Firefox build', () => {
    const out = execFileSync(join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', join(ROOT, 'dist/firefox'), '--self-hosted', '--output', 'json'], {
      encoding: 'utf8',
    });
    const report = JSON.parse(out.slice(out.indexOf('{'))) as { errors: { code: string; message: string }[]; summary: { errors: number } };
    expect(report.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });
});
