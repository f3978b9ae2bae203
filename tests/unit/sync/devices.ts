/**
 * Devices for sync tests, without a browser: each device is a Handraiser database on
 * fake-indexeddb with its own in-memory PouchDB copy; the "server" is one more in-memory
 * PouchDB. Replication between them is PouchDB's own replicator, as in the extension.
 */
import PouchCore from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import type { HandraiserDB } from '../../../src/store/db';
import { enqueueAll, startRecording } from '../../../src/store/sync';
import { importKeys, KEY_DOC_ID, newKey, type KeyDoc, type Keys } from '../../../src/sync/crypto';
import type { Engine, Pouch, PouchConstructor } from '../../../src/sync/pouch';
import { syncOnce, type RunReport, type SyncConfig } from '../../../src/sync/run';
import type { SyncSettingKey } from '../../../src/messages/wire-names';
import { freshDb, NOON } from '../store/helpers';

const PouchDB = (PouchCore as PouchConstructor).plugin(memory).plugin(replication);

let n = 0;
export const memoryPouch = (name: string): Pouch => new PouchDB(`${name}-${++n}-${Math.random().toString(36).slice(2)}`, { adapter: 'memory' });
export const replicate: Engine['replicate'] = (source, target) => PouchDB.replicate(source, target, { batch_size: 100 });

export interface Device {
  db: HandraiserDB;
  local: Pouch;
  config: SyncConfig;
  clock: { now: number };
  sync(opts?: { progress?: () => void; remote?: Pouch }): Promise<RunReport>;
}

/** The test key: one passphrase for every device (few KDF rounds: these tests are not about the KDF). */
let shared: Promise<{ keys: Keys; key: string; doc: KeyDoc }> | undefined;
export function testKeys(): Promise<{ keys: Keys; key: string; doc: KeyDoc }> {
  shared ??= newKey('correct horse battery staple', 1_000).then(async ({ bytes, doc }) => ({ keys: await importKeys(bytes), key: Buffer.from(bytes).toString('base64'), doc }));
  return shared;
}

export async function device(server: Pouch, opts: { settings?: SyncSettingKey[]; db?: HandraiserDB } = {}): Promise<Device> {
  const db = opts.db ?? (await freshDb());
  const { keys, key, doc } = await testKeys();
  // What set-up does on the first device: the key document, in the clear (salt, rounds, check).
  await server.get(KEY_DOC_ID).catch(() => server.put({ ...doc }));
  const config: SyncConfig = { server: 'http://127.0.0.1:5984', database: 'test', user: 'u', password: 'p', key, settings: opts.settings ?? [], setUpAt: NOON };
  await startRecording(db, config);
  await enqueueAll(db);
  const local = memoryPouch('local');
  const clock = { now: NOON };
  return {
    db,
    local,
    config,
    clock,
    sync: (o = {}) =>
      syncOnce({ db, config, keys, local, remote: o.remote ?? server, replicate, now: () => clock.now, ...(o.progress ? { progress: o.progress } : {}) }),
  };
}
