/**
 * The replication engine: PouchDB's client of the CouchDB replication protocol, with its
 * IndexedDB adapter for this device's copy and its HTTP adapter for the server. Nothing here
 * runs until sync is set up; docs/sync.md says why PouchDB, and how this file is loaded
 * (load.ts, load.firefox.ts).
 */
import PouchCore from 'pouchdb-core';
import idb from 'pouchdb-adapter-idb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import type { Engine, PouchConstructor } from './pouch';

const PouchDB = (PouchCore as PouchConstructor).plugin(idb).plugin(http).plugin(replication);

/** Requests to the sync server carry no cookies and are never answered from a cache. */
const serverFetch = (url: RequestInfo | URL, init?: RequestInit) => fetch(url, { ...init, credentials: 'omit', cache: 'no-store' });

export const engine: Engine = {
  local: (name) => new PouchDB(name, { adapter: 'idb', auto_compaction: true }),
  remote: (url, auth) => new PouchDB(url, { adapter: 'http', skip_setup: true, auth, fetch: serverFetch }),
  replicate: (source, target) => PouchDB.replicate(source, target, { batch_size: 100, batches_limit: 4 }),
};
