/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build as viteBuild, defineConfig, type Plugin, type Rolldown } from 'vite';
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

const BUILD_TARGETS = ['chrome120', 'firefox140'];

/**
 * Chrome's service worker may not import() (the HTML spec forbids it there), so the sync engine
 * is in the worker's code; this keeps it from running, or even compiling, at each start of the
 * worker. The engine (src/sync/engine.ts and PouchDB) is built on its own as one script and put
 * in the body of a function that the first sync run calls: until then V8 only skims it. This
 * module replaces src/sync/load.ts in Chrome's builds (Firefox's use load.firefox.ts).
 */
function lazySyncEngine(minify: boolean): Plugin {
  const ID = '\0handraiser-sync-engine';
  return {
    name: 'handraiser-lazy-sync-engine',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === '../sync/load' && importer?.replace(/\\/g, '/').endsWith('/src/background/sync.ts') ? ID : null;
    },
    async load(id) {
      if (id !== ID) return null;
      const built = await viteBuild({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        build: {
          write: false,
          minify,
          target: BUILD_TARGETS,
          lib: { entry: resolve(import.meta.dirname, 'src/sync/engine.ts'), formats: ['iife'], name: 'syncEngine' },
        },
      });
      const outputs = (Array.isArray(built) ? built : [built]) as Rolldown.RolldownOutput[];
      const chunk = outputs.flatMap((o) => o.output).find((c) => c.type === 'chunk');
      if (!chunk) throw new Error('the sync engine did not build');
      // A function declaration, not a parenthesised function: V8 compiles those eagerly.
      return `function makeEngine() {\n${chunk.code}\nreturn syncEngine;\n}\nlet made;\nexport const loadEngine = async () => (made ??= makeEngine());\n`;
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
      ...(target === 'chrome' ? [lazySyncEngine(!dev)] : []),
      crx({
        manifest: manifestFor(target, dev) as never,
        browser: target,
        // One self-contained file: no loader, so no web-accessible resources a site could probe.
        contentScripts: { standaloneFiles: [CONTENT_ENTRY] },
      }),
      staticFiles(),
    ],
    define: { __HANDRAISER_DEV__: JSON.stringify(dev) },
    // Firefox's background page imports the sync engine only once sync is set up; Chrome's
    // service worker cannot import() and keeps it in a function (lazySyncEngine above).
    resolve: { alias: target === 'firefox' ? [{ find: /^\.\.\/sync\/load$/, replacement: resolve(import.meta.dirname, 'src/sync/load.firefox.ts') }] : [] },
    publicDir: false,
    build: {
      outDir: `dist/${mode}`,
      emptyOutDir: true,
      sourcemap: dev ? 'inline' : false,
      minify: !dev,
      target: BUILD_TARGETS,
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
