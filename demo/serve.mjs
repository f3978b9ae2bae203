// Serves demo/ at http://127.0.0.1:<port>/demo/ for `npm start`, the e2e tests and the benchmarks.
// Loopback only: nothing here is reachable from another machine.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/**
 * @param {{ port?: number }} [options] port 0 (default) picks a free one
 * @returns {Promise<{ origin: string, url: (path: string) => string, close: () => Promise<void> }>}
 */
export async function startDemoServer({ port = 0 } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (path === '/' || path === '/demo' || path === '/demo/') {
      res.writeHead(302, { location: '/demo/index.html' }).end();
      return;
    }
    const rel = normalize(path.replace(/^\/demo\//, ''));
    const file = join(ROOT, rel);
    if (!path.startsWith('/demo/') || !file.startsWith(ROOT) || rel.split(sep).includes('..')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(undefined));
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const origin = `http://127.0.0.1:${actual}`;
  return {
    origin,
    url: (p) => origin + p,
    close: () => new Promise((ok) => server.close(() => ok(undefined))),
  };
}
