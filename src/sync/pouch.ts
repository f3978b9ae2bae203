/**
 * The part of PouchDB's API that sync uses, typed here: PouchDB 9 ships no types of its own,
 * and the DefinitelyTyped ones describe version 7 and every plugin.
 */

export interface PouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
  _revisions?: { start: number; ids: string[] };
  [field: string]: unknown;
}

export interface PouchChange {
  id: string;
  seq: number | string;
  changes: { rev: string }[];
  doc?: PouchDoc;
  deleted?: boolean;
}

export interface PouchWriteResult {
  ok?: boolean;
  id?: string;
  rev?: string;
  error?: string | boolean;
  status?: number;
  name?: string;
  message?: string;
  reason?: string;
}

export interface Pouch {
  info(): Promise<{ db_name?: string; doc_count?: number; update_seq?: number | string }>;
  get(id: string, options?: { rev?: string; revs?: boolean }): Promise<PouchDoc>;
  put(doc: PouchDoc): Promise<PouchWriteResult>;
  bulkDocs(docs: PouchDoc[], options?: { new_edits?: boolean }): Promise<PouchWriteResult[]>;
  allDocs(options?: { include_docs?: boolean; limit?: number; startkey?: string; skip?: number }): Promise<{ rows: { id: string; value: { rev: string; deleted?: boolean } }[] }>;
  changes(options: {
    since: number | string;
    limit?: number;
    include_docs?: boolean;
    conflicts?: boolean;
    style?: 'all_docs' | 'main_only';
    return_docs?: boolean;
  }): Promise<{ results: PouchChange[]; last_seq: number | string }>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
}

export interface ReplicationResult {
  ok: boolean;
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
  errors?: unknown[];
}

/** What a sync run needs from the engine: the local copy, the server's, and the replicator. */
export interface Engine {
  local: (name: string) => Pouch;
  remote: (url: string, auth: { username: string; password: string }) => Pouch;
  /** One pass of the CouchDB replication protocol from `source` to `target`, resuming from its checkpoint. */
  replicate: (source: Pouch, target: Pouch) => Promise<ReplicationResult>;
}

/** PouchDB's constructor, as engine.ts and the tests use it. */
export interface PouchConstructor {
  new (name: string, options?: Record<string, unknown>): Pouch;
  plugin(plugin: unknown): PouchConstructor;
  replicate(source: Pouch, target: Pouch, options?: Record<string, unknown>): Promise<ReplicationResult>;
}
