// Starts pouchdb-server (npm) in memory on 127.0.0.1 with an admin account, for the e2e tests
// (couch.ts) and the sync benchmark (bench/sync.mjs); plain JS so Node 20 imports it from both.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const ADMIN = { user: 'admin', password: 'couch-admin-secret' };
export const adminAuth = () => `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`;

export async function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/**
 * Runs pouchdb-server on `port` with its config.json in `dir`; resolves once it answers, with the
 * admin account set (the end of CouchDB's "admin party"; kept in config.json across restarts).
 * @returns {Promise<import('node:child_process').ChildProcess>}
 */
export async function spawnCouch(port, dir) {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/pouchdb-server/bin/pouchdb-server'), '--in-memory', '--port', String(port), '--host', '127.0.0.1', '--no-color'], {
    cwd: dir,
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/`)).ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > end) throw new Error('pouchdb-server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  const made = await fetch(`${url}/_config/admins/${ADMIN.user}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
  if (!made.ok && made.status !== 401) throw new Error(`pouchdb-server admin: ${made.status}`);
  return child;
}

/** Ends a server started by spawnCouch, as a crash would. */
export async function killCouch(child) {
  if (!child || child.exitCode !== null) return;
  await new Promise((ok) => {
    child.once('exit', () => ok());
    child.kill('SIGKILL');
  });
}

/** Sends one admin request to the server; throws on an error status. */
export async function couchRequest(url, path, init = {}) {
  const res = await fetch(`${url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: adminAuth(), ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res;
}
