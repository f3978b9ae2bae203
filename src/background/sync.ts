/**
 * Sync in the background (docs/sync.md): set-up, runs, and the state the options page shows.
 *
 * A run starts on an alarm every half minute while sync is set up, a few seconds after a
 * change here, or on "Sync now". While it runs it calls a cheap extension API every 20 s, so
 * Chrome does not stop the worker in the middle of a batch; between runs nothing keeps the
 * worker awake. Everything a run needs to resume lives in the store and in PouchDB's
 * checkpoints; only the run in progress lives here. Nothing is loaded or sent anywhere until
 * sync is set up.
 */
import browser from 'webextension-polyfill';
import type { Req, Res } from '../messages/contract';
import type { SyncControl } from '../messages/router';
import type { SyncProblem, SyncSettingKey } from '../messages/wire-names';
import type { HandraiserDB } from '../store/db';
import * as store from '../store/sync';
import { docIdOf, fromBase64, importKeys, isKeyDoc, KEY_DOC_ID, newKey, openKey, toBase64 } from '../sync/crypto';
import { loadEngine } from '../sync/load';
import type { Engine, Pouch } from '../sync/pouch';
import { problemOf, SyncFailure } from '../sync/problems';
import { databaseUrl, syncOnce, type SyncConfig } from '../sync/run';

export const SYNC_ALARM = 'handraiser:sync';
/** This device's copy (PouchDB, IndexedDB). */
const LOCAL_NAME = 'handraiser-sync';
const AFTER_CHANGE_MS = 3_000;
const ALARM_MINUTES = 0.5;
const KEEP_AWAKE_MS = 20_000;

interface State {
  lastSyncAt?: number;
  problem?: { code: SyncProblem; at: number };
}

export interface SyncDeps {
  db: () => Promise<HandraiserDB>;
  now: () => number;
  /** Dev builds also sync with a server on this computer over plain http (the tests' server). */
  isDev: boolean;
  /** People changed by what other devices sent: pages and the toolbar count update. */
  onApplied: (personIds: string[]) => void;
}

export interface BackgroundSync extends SyncControl {
  /** Something changed here: a run soon. */
  afterChange(): void;
  /** The sync alarm fired. */
  run(): Promise<void>;
  /** After a browser start: the alarm is there while sync is set up. */
  ensureAlarm(): Promise<void>;
}

/** The host permission a server needs: match patterns name no port (Firefox refuses one). */
function accessPattern(server: string): string {
  const u = new URL(server);
  return `${u.protocol}//${u.hostname}/*`;
}

function secureEnough(server: string, isDev: boolean): boolean {
  const url = new URL(server);
  if (url.protocol === 'https:') return true;
  return isDev && url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
}

async function hasAccess(server: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [accessPattern(server)] }).catch(() => false);
}

/**
 * Checks the server, the account and the passphrase; returns the key bytes. A first device
 * (no key document yet, and no documents at all) stores a new key document; anything else
 * reads nothing and writes nothing before the passphrase is known to be right.
 */
async function connect(remote: Pouch, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
  let info;
  try {
    info = await remote.info();
  } catch (e) {
    throw new SyncFailure(problemOf(e));
  }
  if (typeof info.db_name !== 'string') throw new SyncFailure('not_couchdb');
  const readKeyDoc = async (): Promise<unknown> => {
    try {
      return await remote.get(KEY_DOC_ID);
    } catch (e) {
      if ((e as { status?: number }).status === 404) return null;
      throw new SyncFailure(problemOf(e));
    }
  };
  let doc = await readKeyDoc();
  if (doc === null) {
    // A database that holds anything but Handraiser's key is someone else's: never mixed in.
    if ((info.doc_count ?? 0) > 0) throw new SyncFailure('unreadable');
    const made = await newKey(passphrase);
    try {
      await remote.put({ ...made.doc });
      return made.bytes;
    } catch (e) {
      if ((e as { status?: number }).status !== 409) throw new SyncFailure(problemOf(e));
      doc = await readKeyDoc(); // another device made it a moment ago
    }
  }
  if (!isKeyDoc(doc)) throw new SyncFailure('unreadable');
  const bytes = await openKey(doc, passphrase);
  if (!bytes) throw new SyncFailure('wrong_passphrase');
  return bytes;
}

export function createSync(deps: SyncDeps): BackgroundSync {
  let current: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dbRef: HandraiserDB | undefined;
  const db = async () => (dbRef ??= await deps.db());
  const readConfig = async () => store.readMeta<SyncConfig>(await db(), store.SYNC_META.config);

  const remoteOf = (engine: Engine, c: Pick<SyncConfig, 'server' | 'database' | 'user' | 'password'>) =>
    engine.remote(databaseUrl(c.server, c.database), { username: c.user, password: c.password });

  async function runOnce(): Promise<void> {
    const d = await db();
    const config = await readConfig();
    if (!config) return;
    let state = (await store.readMeta<State>(d, store.SYNC_META.state)) ?? {};
    const awake = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), KEEP_AWAKE_MS);
    try {
      if (!(await hasAccess(config.server))) throw new SyncFailure('no_permission');
      const { engine } = await loadEngine();
      const keys = await importKeys(fromBase64(config.key));
      const report = await syncOnce({ db: d, config, keys, local: engine.local(LOCAL_NAME), remote: remoteOf(engine, config), replicate: engine.replicate, now: deps.now });
      state = { lastSyncAt: deps.now(), ...(report.unreadable ? { problem: { code: 'unreadable', at: deps.now() } } : {}) };
      if (report.personIds.length) deps.onApplied(report.personIds);
    } catch (e) {
      state = { ...state, problem: { code: problemOf(e), at: deps.now() } };
    } finally {
      clearInterval(awake);
    }
    // Turned off meanwhile: nothing to record.
    if (await readConfig()) await store.writeMeta(d, store.SYNC_META.state, state);
  }

  function run(): Promise<void> {
    if (current) {
      again = true;
      return current;
    }
    current = (async () => {
      do {
        again = false;
        await runOnce();
      } while (again);
    })().finally(() => {
      current = undefined;
    });
    return current;
  }

  async function status(): Promise<Res<'syncStatus'>> {
    const d = await db();
    const config = await readConfig();
    const state = (await store.readMeta<State>(d, store.SYNC_META.state)) ?? {};
    const notices = (await store.readMeta<store.SyncNotice[]>(d, store.SYNC_META.notices)) ?? [];
    return {
      configured: !!config,
      ...(config ? { server: config.server, database: config.database, user: config.user } : {}),
      settings: config?.settings ?? [],
      ...(config && state.lastSyncAt !== undefined ? { lastSyncAt: state.lastSyncAt } : {}),
      waiting: config ? await store.countWaiting(d) : 0,
      running: current !== undefined,
      ...(config && state.problem ? { problem: state.problem } : {}),
      notices: config ? notices.slice(-20) : [],
    };
  }

  async function destroyLocal(): Promise<void> {
    const { engine } = await loadEngine();
    await engine.local(LOCAL_NAME).destroy().catch(() => undefined);
  }

  async function turnOff(): Promise<Res<'syncStatus'>> {
    await current?.catch(() => undefined);
    await store.forgetSync(await db());
    await browser.alarms.clear(SYNC_ALARM);
    await destroyLocal();
    return status();
  }

  const problemReply = async (problem: SyncProblem) => ({ problem, status: await status() });

  async function setUp(input: Req<'syncSetup'>): Promise<Res<'syncSetup'>> {
    const server = input.server.replace(/\/+$/, '');
    if (!secureEnough(server, deps.isDev)) return problemReply('insecure');
    if (!(await hasAccess(server))) return problemReply('no_permission');
    const { engine } = await loadEngine();
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await connect(remoteOf(engine, { ...input, server }), input.passphrase);
    } catch (e) {
      return problemReply(problemOf(e));
    }
    // Known good from here on: only now is anything written on this device.
    if (await readConfig()) await turnOff();
    await destroyLocal();
    const d = await db();
    const config: SyncConfig = { server, database: input.database, user: input.user, password: input.password, key: toBase64(bytes), settings: [...input.settings], setUpAt: deps.now() };
    await store.startRecording(d, config);
    await store.enqueueAll(d);
    await store.writeMeta(d, store.SYNC_META.state, {});
    await browser.alarms.create(SYNC_ALARM, { periodInMinutes: ALARM_MINUTES });
    void run();
    return { problem: null, status: await status() };
  }

  async function choose(settings: SyncSettingKey[]): Promise<Res<'syncStatus'>> {
    const d = await db();
    const config = await readConfig();
    if (!config) return status();
    const added = settings.filter((k) => !config.settings.includes(k));
    await store.startRecording(d, { ...config, settings: [...settings] });
    if (added.length) {
      // A setting another device already syncs is taken from the server; one nobody syncs yet, from here.
      const keys = await importKeys(fromBase64(config.key));
      const bases = await store.readBases(d, await Promise.all(added.map((k) => docIdOf(keys, 'settings', k))));
      if (bases.some((b) => b !== undefined)) await store.writeMeta(d, store.SYNC_META.applied, 0);
      if (bases.some((b) => b === undefined)) await d.syncOutbox.put({ id: 'settings/settings', w: `choose.${deps.now()}` });
      void run();
    }
    return status();
  }

  async function deleteServerCopy(): Promise<void> {
    const config = await readConfig();
    if (!config) return;
    await current?.catch(() => undefined);
    try {
      if (!(await hasAccess(config.server))) throw new SyncFailure('no_permission');
      const { engine } = await loadEngine();
      const local = engine.local(LOCAL_NAME);
      const remote = remoteOf(engine, config);
      // Everything the server holds first, so nothing is left behind; then a deletion of each.
      await engine.replicate(remote, local);
      const { rows } = await local.allDocs();
      const closing = rows.filter((r) => !r.value.deleted).map((r) => ({ _id: r.id, _rev: r.value.rev, _deleted: true }));
      for (let i = 0; i < closing.length; i += 500) await local.bulkDocs(closing.slice(i, i + 500));
      const result = await engine.replicate(local, remote);
      if (result.doc_write_failures > 0) throw new SyncFailure(problemOf(result.errors?.[0]));
    } catch (e) {
      throw new Error(PROBLEM_SENTENCES[problemOf(e)], { cause: e });
    }
  }

  return {
    configured: async () => (await readConfig()) !== undefined,
    status,
    setUp,
    syncNow: async () => {
      await run();
      return status();
    },
    choose,
    turnOff,
    deleteServerCopy,
    afterChange() {
      if (dbRef && !dbRef.syncOn) return;
      clearTimeout(timer);
      timer = setTimeout(() => void run(), AFTER_CHANGE_MS);
    },
    run,
    async ensureAlarm() {
      if (!(await readConfig())) return;
      if (!(await browser.alarms.get(SYNC_ALARM))) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: ALARM_MINUTES });
    },
  };
}

/** For the one sync error the background words itself (deleting the server's copy, in the router's reply). */
const PROBLEM_SENTENCES: Record<SyncProblem, string> = {
  insecure: 'The server address must start with https://.',
  unauthorized: 'The server refused the user name or password.',
  unreachable: 'The server could not be reached.',
  no_database: 'The server has no database by that name.',
  out_of_space: 'The server is out of space.',
  local_space: 'This browser is out of space.',
  wrong_passphrase: 'The passphrase does not open the data on the server.',
  no_permission: 'Handraiser is not allowed to reach the server.',
  not_couchdb: 'The address does not answer like a CouchDB server.',
  unreadable: 'The server holds data Handraiser cannot read.',
  failed: 'Something went wrong while talking to the server.',
};
