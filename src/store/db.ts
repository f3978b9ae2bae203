import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { Appointment, HandRaisePost, SiteHealthWarning, Touch } from '../domain/types';
import type { PersonRow } from './rows';
import { derivedRowsMiddleware, type CounterKey, type CounterRow } from './counters';
import { keyHeader, KnownKeys } from './known-keys';
import { VERSIONS, type SchemaVersion } from './versions';
import { SYNC_CONFIG_KEY, syncLogMiddleware, type OutboxRow } from './sync-log';
import type { SyncDocRow } from './sync';

export interface SettingsRow {
  key: string;
  value: unknown;
}
export interface MetaRow {
  key: string;
  value: unknown;
}
export interface SiteHealthRow extends SiteHealthWarning {
  id?: number;
}

/** Declares the versions up to and including `upTo` on a Dexie instance. */
export function declareVersions(db: Dexie, versions: readonly SchemaVersion[] = VERSIONS): void {
  for (const v of versions) {
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}

export class HandraiserDB extends Dexie {
  people!: Table<PersonRow, string>;
  touches!: Table<Touch, string>;
  appointments!: Table<Appointment, string>;
  handRaisePosts!: Table<HandRaisePost, string>;
  siteHealth!: Table<SiteHealthRow, number>;
  settings!: Table<SettingsRow, string>;
  meta!: Table<MetaRow, string>;
  /** Totals kept with every write to people (counters.ts), and the profile-key buckets (known-keys.ts). */
  counters!: Table<CounterRow, CounterKey>;
  /** Which profile keys may be stored, in memory (known-keys.ts). */
  readonly knownKeys = new KnownKeys();
  /** Sync: rows written since the last sync run (sync-log.ts). */
  syncOutbox!: Table<OutboxRow, string>;
  /** Sync: per synced record, the copy this device last agreed on with the server (sync.ts). */
  syncDocs!: Table<SyncDocRow, string>;
  /** True while sync is set up: writes to the synced tables are recorded in the outbox. */
  syncOn = false;

  constructor(name = 'handraiser', options?: DexieOptions) {
    super(name, options);
    this.use(derivedRowsMiddleware(this.knownKeys));
    this.use(syncLogMiddleware(() => this.syncOn));
    declareVersions(this);
    // A new database holds no profile keys: its (empty) buckets are complete from the start.
    this.on('populate', (tx) => tx.table('counters').put(keyHeader(this.verno)));
  }
}

/** Opens our database. Only in the extension's origin: background, popup, options. */
export async function openDb(name = 'handraiser', options?: DexieOptions): Promise<HandraiserDB> {
  const db = new HandraiserDB(name, options);
  await db.open();
  // Before anything can write: a write made while sync is set up must reach the outbox.
  db.syncOn = (await db.meta.get(SYNC_CONFIG_KEY)) !== undefined;
  return db;
}
