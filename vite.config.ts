/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build as viteBuild, defineConfig, type Plugin, type Rolldown } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { SUPPORTED_SITES, hostPatterns } from './src/domain/sites.ts';

/**
 * One manifest.json source; the Chrome and Firefox variants are derived here in code.
 * Modes: chrome, firefox (store builds) and chrome-dev, firefox-dev (the dev/test builds,
 * which alone also match the demo page on http://127.0.0.1).
 */
export type Target = 'chrome' | 'firefox';

export const GECKO_ID = 'handraiser@handraiser.app';
export const DEMO_MATCH = 'http://127.0.0.1/*';
/** Each site's content script: the core and that site's adapter, injected on its hosts only. */
const contentEntry = (site: string): string => `src/content/entries/${site}.ts`;

type Manifest = Record<string, unknown> & {
  background: { service_worker?: string; scripts?: string[]; type?: string };
  content_scripts: { matches: string[]; js: string[]; run_at?: string }[];
  host_permissions: string[];
};

/**
 * The hosts where a site adapter runs, and nowhere else: the content script is injected there
 * only (not on every subdomain of a supported site), and host access asks for no more.
 */
export const SITE_MATCHES = SUPPORTED_SITES.flatMap(hostPatterns);

export function manifestFor(target: Target, dev: boolean): Manifest {
  const source = JSON.parse(readFileSync(resolve(import.meta.dirname, 'manifest.json'), 'utf8')) as Manifest;
  const m: Manifest = structuredClone(source);
  const runAt = m.content_scripts[0]?.run_at ?? 'document_idle';
  m.host_permissions = [...SITE_MATCHES];
  m.content_scripts = SUPPORTED_SITES.map((site) => ({
    matches: hostPatterns(site),
    js: [contentEntry(site)],
    run_at: runAt,
  }));
  if (dev) {
    // The demo page, and the tests' sync server on this computer (granted, so no prompt in tests).
    m.host_permissions = [...m.host_permissions, DEMO_MATCH];
    m.content_scripts.push({ matches: [DEMO_MATCH], js: [contentEntry('demo')], run_at: runAt });
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
      // Firefox for Android reads data_collection_permissions from 142 on.
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return m;
}

/**
 * Two lines of our dependencies that can never run for us but that Firefox's linter flags, cut
 * from the bundle so `web-ext lint` has nothing to warn about (tests/e2e/manifest.e2e.ts):
 * - zod's probe for `new Function` (it runs jitless: src/domain/zod.ts), which is now "no";
 * - preact's dangerouslySetInnerHTML, which no code of ours uses (text from pages and files is
 *   never markup): such a prop would now be shown as text.
 * Each pattern must match once, or the build fails: an update of either library is then checked.
 */
export const VENDOR_CUTS: readonly { file: RegExp; find: RegExp; put: string }[] = [
  {
    file: /node_modules[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/,
    find: /try \{\s*const F = Function;\s*new F\(""\);\s*return true;\s*\}\s*catch \(_\) \{\s*return false;\s*\}/,
    put: 'return false;',
  },
  {
    file: /node_modules[\\/]preact[\\/]dist[\\/]preact\.(module\.js|mjs)$/,
    find: /\b(\w+)\.innerHTML=(\w+)\.__html\b/,
    put: '$1.textContent=$2.__html',
  },
  {
    // PouchDB's scopeEval compiles a server's filter functions with new Function: we pass none,
    // and an extension runs no code it did not ship (Firefox's review flags the constructor).
    file: /node_modules[\\/]pouchdb-utils[\\/]lib[\\/]index-browser\.es\.js$/,
    find: /return Function\.apply\(null, keys\)\.apply\(null, values\);/,
    put: "throw new Error('Handraiser runs no code from a server');",
  },
];

function vendorCuts(): Plugin {
  return {
    name: 'handraiser-vendor-cuts',
    enforce: 'pre',
    transform(code, id) {
      const cut = VENDOR_CUTS.find((c) => c.file.test(id.split('?')[0]!));
      if (!cut) return null;
      const found = code.match(new RegExp(cut.find.source, 'g'))?.length ?? 0;
      if (found !== 1) throw new Error(`vite.config.ts VENDOR_CUTS: ${cut.find.source} matched ${found} times in ${id}; check the library's new code.`);
      return { code: code.replace(cut.find, cut.put), map: null };
    },
  };
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
        plugins: [vendorCuts()],
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
      // Unit tests run the code of the dev and test builds (the demo site included).
      define: { __HANDRAISER_DEV__: 'true' },
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
      vendorCuts(),
      preact(),
      ...(target === 'chrome' ? [lazySyncEngine(!dev)] : []),
      crx({
        manifest: manifestFor(target, dev) as never,
        browser: target,
        // One self-contained file: no loader, so no web-accessible resources a site could probe.
        contentScripts: { standaloneFiles: [...SUPPORTED_SITES, 'demo'].map(contentEntry) },
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
        // The welcome page is opened by the background on install, the workspace from the popup and
        // the person page (background/tabs): no manifest key names either.
        input: {
          welcome: resolve(import.meta.dirname, 'src/welcome/index.html'),
          workspace: resolve(import.meta.dirname, 'src/workspace/index.html'),
        },
        output: {
          // zod and the schemas built from it only in the background's graph: the popup and the
          // options page read replies without zod (messages/client.ts), so they never load it.
          codeSplitting: {
            groups: [
              // The zod-free lists and checks both sides share (contact: phone and e-mail), in their own small chunk.
              { name: 'lists', test: /src[\\/](domain[\\/](constants|limits|contact)|messages[\\/]wire-names)\.ts/, priority: 2 },
              { name: 'contract', test: /node_modules[\\/]zod[\\/]|src[\\/]messages[\\/](contract|broadcast)\.ts|src[\\/]domain[\\/](types|zod)\.ts/, priority: 1 },
            ],
          },
        },
      },
    },
    // Firefox background scripts and Chrome service workers load our own chunks only.
    server: { port: 5173, strictPort: true, hmr: false },
  };
});
