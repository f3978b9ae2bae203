// Benchmark 6: gzipped size of each entry point of the store build (dist/chrome), read from the
// built manifest: the content script, the service worker, and the popup and options pages.
// "entry" is the entry chunk alone; "loaded" adds every JS chunk it imports statically (what the
// browser must fetch and parse before the entry runs). gzip level 9, as stores and CDNs serve it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { dist } from './lib/browser.mjs';

/** Set when the benchmark runs: the copy of dist/chrome the browsers load. */
let DIST = '';
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Static imports of an ES module chunk, resolved to dist-relative paths. */
function importsOf(rel) {
  const src = readFileSync(join(DIST, rel), 'utf8');
  const found = new Set();
  for (const m of src.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
    const spec = m[1];
    if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
    found.add(spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(posix.dirname(rel), spec)));
  }
  return [...found];
}

function closure(entry) {
  const seen = new Set();
  const walk = (rel) => {
    if (seen.has(rel) || !existsSync(join(DIST, rel))) return;
    seen.add(rel);
    for (const dep of importsOf(rel)) walk(dep);
  };
  walk(entry);
  return [...seen];
}

function measure(name, entry) {
  const files = closure(entry);
  return { name, entry, entryGz: gz(join(DIST, entry)), loadedGz: files.reduce((s, f) => s + gz(join(DIST, f)), 0), files: files.length };
}

/** The module script an HTML page starts from. */
function pageEntry(htmlRel) {
  const html = readFileSync(join(DIST, htmlRel), 'utf8');
  const m = /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html) ?? /<script[^>]+src="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no script in ${htmlRel}`);
  return m[1].startsWith('/') ? m[1].slice(1) : posix.join(posix.dirname(htmlRel), m[1]);
}

/** Follows the crxjs loader (service-worker-loader.js is one `import './assets/…'` line) to the real worker. */
function workerEntry(rel) {
  const deps = importsOf(rel);
  return deps.length === 1 && readFileSync(join(DIST, rel), 'utf8').length < 200 ? deps[0] : rel;
}

export function runBundleBench() {
  DIST = dist('chrome');
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  const out = [];
  for (const cs of manifest.content_scripts ?? []) for (const js of cs.js ?? []) if (!out.some((o) => o.entry === js)) out.push(measure('content script', js));
  out.push(measure('background', workerEntry(manifest.background.service_worker)));
  out.push(measure('popup', pageEntry(manifest.action.default_popup)));
  const options = manifest.options_ui?.page ?? manifest.options_page;
  if (options) out.push(measure('options', pageEntry(options)));
  return out.map((o) => ({ ...o, dir: dirname(o.entry) }));
}
