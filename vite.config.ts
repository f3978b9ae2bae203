/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';

/**
 * One manifest.json source; the Chrome and Firefox variants are derived here in code.
 * Modes: chrome, firefox (store builds) and chrome-dev, firefox-dev (the dev/test builds,
 * which alone also match the demo page on http://127.0.0.1).
 */
export type Target = 'chrome' | 'firefox';

export const GECKO_ID = 'handraiser@handraiser.app';
export const DEMO_MATCH = 'http://127.0.0.1/*';
const CONTENT_ENTRY = 'src/content/index.ts';

type Manifest = Record<string, unknown> & {
  background: { service_worker?: string; scripts?: string[]; type?: string };
  content_scripts: { matches: string[]; js: string[]; run_at?: string }[];
  host_permissions: string[];
};

export function manifestFor(target: Target, dev: boolean): Manifest {
  const source = JSON.parse(readFileSync(resolve(import.meta.dirname, 'manifest.json'), 'utf8')) as Manifest;
  const m: Manifest = structuredClone(source);
  if (dev) {
    // The demo page, and the tests' sync server on this computer (granted, so no prompt in tests).
    m.host_permissions = [...m.host_permissions, DEMO_MATCH];
    m.content_scripts = m.content_scripts.map((cs) => ({ ...cs, matches: [...cs.matches, DEMO_MATCH] }));
  }
  if (target === 'firefox') {
    const worker = m.background.service_worker;
    if (!worker) throw new Error('manifest.json: background.service_worker is required');
    m.background = { scripts: [worker], type: 'module' };
    delete m.minimum_chrome_version;
    m.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        // 140 is the first ESR with data_collection_permissions.
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  return m;
}

/** Copies icons/ and src/_locales/ into the build: not in the manifest's own graph. */
function staticFiles(): Plugin {
  return {
    name: 'handraiser-static-files',
    generateBundle() {
      for (const size of [16, 32, 48, 128]) {
        const fileName = `icons/icon-${size}.png`;
        this.emitFile({ type: 'asset', fileName, source: readFileSync(resolve(import.meta.dirname, fileName)) });
      }
      for (const locale of ['en', 'es']) {
        const fileName = `_locales/${locale}/messages.json`;
        this.emitFile({
          type: 'asset',
          fileName,
          source: readFileSync(resolve(import.meta.dirname, 'src', fileName)),
        });
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  if (process.env.VITEST) {
    return {
      plugins: [preact()],
      test: {
        projects: [
          {
            extends: true,
            test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node' },
          },
          {
            extends: true,
            test: {
              name: 'e2e',
              include: ['tests/e2e/**/*.e2e.ts'],
              environment: 'node',
              testTimeout: 90_000,
              hookTimeout: 90_000,
              fileParallelism: false,
            },
          },
        ],
      },
    };
  }
  const dev = mode.endsWith('-dev');
  const target: Target = mode.startsWith('firefox') ? 'firefox' : 'chrome';
  return {
    plugins: [
      preact(),
      crx({
        manifest: manifestFor(target, dev) as never,
        browser: target,
        // One self-contained file: no loader, so no web-accessible resources a site could probe.
        contentScripts: { standaloneFiles: [CONTENT_ENTRY] },
      }),
      staticFiles(),
    ],
    define: { __HANDRAISER_DEV__: JSON.stringify(dev) },
    // Firefox's background page loads the sync engine only once sync is set up; Chrome's service
    // worker cannot import() and links it in (src/sync/load.ts).
    resolve: { alias: target === 'firefox' ? [{ find: /^\.\.\/sync\/load$/, replacement: resolve(import.meta.dirname, 'src/sync/load.firefox.ts') }] : [] },
    publicDir: false,
    build: {
      outDir: `dist/${mode}`,
      emptyOutDir: true,
      sourcemap: dev ? 'inline' : false,
      minify: !dev,
      target: ['chrome120', 'firefox140'],
      rolldownOptions: {
        output: {
          // zod and the schemas built from it only in the background's graph: the popup and the
          // options page read replies without zod (messages/client.ts), so they never load it.
          codeSplitting: {
            groups: [
              // The zod-free lists both sides share, in their own small chunk.
              { name: 'lists', test: /src[\\/](domain[\\/](constants|limits)|messages[\\/]wire-names)\.ts/, priority: 2 },
              { name: 'contract', test: /node_modules[\\/]zod[\\/]|src[\\/]messages[\\/](contract|broadcast)\.ts|src[\\/]domain[\\/]types\.ts/, priority: 1 },
            ],
          },
        },
      },
    },
    // Firefox background scripts and Chrome service workers load our own chunks only.
    server: { port: 5173, strictPort: true, hmr: false },
  };
});
