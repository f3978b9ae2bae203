/**
 * A CouchDB-compatible sync server for end-to-end tests: pouchdb-server (npm) in memory on
 * 127.0.0.1, started by the test, with an admin account (the end of CouchDB's "admin party")
 * and the tests' database. `stop()` ends the process as a crash would end a server; `start()`
 * brings a new one up on the same port with the data it held, copied out and back with the
 * replication protocol (so every revision is the same; PouchDB's checkpoints on it are not,
 * which makes the clients' next replication start over: a restart test, without doubles).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchCore from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import memory from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import type { Pouch, PouchConstructor } from '../../src/sync/pouch';
import { ADMIN, couchRequest, freePort, killCouch, spawnCouch } from './couch-server.mjs';

export { ADMIN };

const PouchDB = (PouchCore as PouchConstructor).plugin(http).plugin(memory).plugin(replication);

export interface Couch {
  /** http://127.0.0.1:<port> */
  url: string;
  createDb(name: string): Promise<void>;
  /** Every document of a database as stored, revisions and conflicts included. */
  docs(db: string): Promise<Record<string, unknown>[]>;
  /** The database as the server answers its documents and changes feed, raw text. */
  raw(db: string): Promise<string>;
  docCount(db: string): Promise<number>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startCouch(): Promise<Couch> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'handraiser-couch-'));
  const dbs = new Set<string>();
  let child: ChildProcess | undefined;
  let held = new Map<string, Pouch>();

  const request = (path: string, init: RequestInit = {}) => couchRequest(url, path, init);
  const launch = async () => {
    child = await spawnCouch(port, dir);
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
      await killCouch(child);
    },
    async start() {
      await launch();
      for (const [db, copy] of held) {
        await request(`/${db}`, { method: 'PUT' });
        await PouchDB.replicate(copy, new PouchDB(`${url}/${db}`, { adapter: 'http', auth: { username: ADMIN.user, password: ADMIN.password } }));
      }
    },
    async close() {
      await killCouch(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await launch();
  return couch;
}
