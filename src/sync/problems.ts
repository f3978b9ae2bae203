/**
 * Why a sync set-up or run failed, as one of a few codes the options page puts in plain words
 * in the user's language (SYNC_PROBLEMS in messages/wire-names.ts).
 */
import type { SyncProblem } from '../messages/wire-names';

export type { SyncProblem };

/** A failure whose reason is known already. */
export class SyncFailure extends Error {
  override readonly name = 'SyncFailure';
  constructor(readonly problem: SyncProblem) {
    super(problem);
  }
}

interface ErrorLike {
  name?: unknown;
  status?: unknown;
  error?: unknown;
  reason?: unknown;
  message?: unknown;
  inner?: unknown;
  problem?: unknown;
}

const text = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : '');

/** The problem behind an error thrown by PouchDB, fetch, IndexedDB or our own code. */
export function problemOf(e: unknown): SyncProblem {
  if (e instanceof SyncFailure) return e.problem;
  const err = (e ?? {}) as ErrorLike;
  const inner = (err.inner ?? {}) as ErrorLike;
  const status = typeof err.status === 'number' ? err.status : undefined;
  const words = `${text(err.name)} ${text(err.error)} ${text(err.reason)} ${text(err.message)} ${text(inner.name)}`;
  if (/quotaexceeded/.test(words)) return 'local_space';
  if (status === 401 || status === 403 || /unauthorized|forbidden/.test(words)) return 'unauthorized';
  if (status === 507 || status === 413 || /insufficient_storage|quota|out of space|too_large|disk full/.test(words)) return 'out_of_space';
  if (status === 404 && /no_db_file|database does not exist|not_found|missing/.test(words)) return 'no_database';
  if (status === 404) return 'not_couchdb';
  // fetch rejects with a TypeError when nothing answers (refused, unknown host, offline, TLS).
  if (err.name === 'TypeError' || /failed to fetch|networkerror|network error|fetch failed|load failed|econnrefused/.test(words)) return 'unreachable';
  if (status !== undefined && status >= 500) return 'unreachable';
  return 'failed';
}
