/**
 * A CouchDB-compatible sync server for end-to-end tests: pouchdb-server (npm) in memory on
 * 127.0.0.1, started by the test, with an admin account (the end of CouchDB's "admin party")
 * and the tests' database. `stop()` ends the process as a crash would end a server; `start()`
 * brings a new one up on the same port with the data it held, copied out and back with the
 * replication protocol (so every revision is the same; PouchDB's checkpoints on it are not,
 * which makes the clients' next replication start over: a restart test, without doubles).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchCore from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import memory from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import type { Pouch, PouchConstructor } from '../../src/sync/pouch';
import { ROOT } from './harness';

const PouchDB = (PouchCore as PouchConstructor).plugin(http).plugin(memory).plugin(replication);

export const ADMIN = { user: 'admin', password: 'couch-admin-secret' };

export interface Couch {
  /** http://127.0.0.1:<port> */
  url: string;
  createDb(name: string): Promise<void>;
  /** Every document of a database as stored, revisions and conflicts included. */
  docs(db: string): Promise<Record<string, unknown>[]>;
  /** The database as the server answers its changes feed, raw text. */
  raw(db: string): Promise<string>;
  docCount(db: string): Promise<number>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const auth = (user = ADMIN.user, password = ADMIN.password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export async function startCouch(): Promise<Couch> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'handraiser-couch-'));
  const dbs = new Set<string>();
  let child: ChildProcess | undefined;
  let held = new Map<string, Pouch>();

  const request = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: auth(), ...init.headers } });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return res;
  };

  const launch = async () => {
    child = spawn(process.execPath, [join(ROOT, 'node_modules/pouchdb-server/bin/pouchdb-server'), '--in-memory', '--port', String(port), '--host', '127.0.0.1', '--no-color'], {
      cwd: dir,
      stdio: 'ignore',
    });
    const end = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${url}/`)).ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > end) throw new Error('pouchdb-server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    // The admin survives in config.json in `dir`; the first start creates it (admin party then).
    const made = await fetch(`${url}/_config/admins/${ADMIN.user}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
    if (!made.ok && made.status !== 401) throw new Error(`admin: ${made.status}`);
  };

  const couch: Couch = {
    url,
    async createDb(name) {
      await request(`/${name}`, { method: 'PUT' });
      dbs.add(name);
    },
    async docs(db) {
      const res = await request(`/${db}/_all_docs?include_docs=true&conflicts=true`);
      return ((await res.json()) as { rows: { doc: Record<string, unknown> }[] }).rows.map((r) => r.doc);
    },
    async raw(db) {
      const all = await request(`/${db}/_all_docs?include_docs=true&conflicts=true`);
      const changes = await request(`/${db}/_changes?include_docs=true&style=all_docs`);
      return `${await all.text()}\n${await changes.text()}`;
    },
    async docCount(db) {
      return ((await (await request(`/${db}`)).json()) as { doc_count: number }).doc_count;
    },
    async stop() {
      held = new Map();
      for (const db of dbs) {
        const copy = new PouchDB(`held-${db}-${Date.now()}`, { adapter: 'memory' });
        await PouchDB.replicate(new PouchDB(`${url}/${db}`, { adapter: 'http', auth: { username: ADMIN.user, password: ADMIN.password } }), copy);
        held.set(db, copy);
      }
      await new Promise<void>((resolve) => {
        if (!child || child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
    async start() {
      await launch();
      for (const [db, copy] of held) {
        await request(`/${db}`, { method: 'PUT' });
        await PouchDB.replicate(copy, new PouchDB(`${url}/${db}`, { adapter: 'http', auth: { username: ADMIN.user, password: ADMIN.password } }));
      }
    },
    async close() {
      if (child && child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child!.once('exit', () => resolve());
          child!.kill('SIGKILL');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await launch();
  return couch;
}
