/**
 * One sync run (docs/sync.md, "A run"). Three steps, each resumable, so a service worker
 * stopped at any point loses nothing and doubles nothing:
 *
 * 1. Send: every record the outbox names is encrypted into this device's PouchDB copy, as a
 *    new revision of the one this device last agreed on (syncDocs), its revision id decided
 *    by its parent and content. Sent again after a stop, it is the same revision.
 * 2. Replicate both ways with the server (the CouchDB replication protocol, PouchDB's
 *    replicator, which resumes from its own checkpoints).
 * 3. Receive: the local copy's changes since the last one written here, decrypted. A record
 *    with copies from several devices (a conflict) is merged by the domain's rules
 *    (domain/sync-merge.ts) into one revision whose id both devices compute alike, and the
 *    other copies are closed. Each batch is written with how far the run got
 *    (store/sync.ts applyIncoming).
 * Records the receiving step changed on its own (two people merged, counters rebuilt) and
 * records changed here meanwhile go round once more.
 */
import { canonical, fingerprints, mergeAll, restamp, type Replica } from '../domain/sync-merge';
import { DEFAULT_SETTINGS } from '../domain/types';
import type { HandraiserDB } from '../store/db';
import * as store from '../store/sync';
import type { SyncSettingKey } from '../messages/wire-names';
import { decrypt, docIdOf, encrypt, KEY_DOC_ID, revisionOf, type Keys } from './crypto';
import type { Pouch, PouchChange, PouchDoc, PouchWriteResult, Engine } from './pouch';
import { problemOf, SyncFailure } from './problems';

export interface SyncConfig {
  /** The server's address, without a trailing slash. */
  server: string;
  database: string;
  user: string;
  password: string;
  /** The 64 key bytes (crypto.ts), base64. The passphrase itself is never kept. */
  key: string;
  /** The settings the user chose to sync. */
  settings: SyncSettingKey[];
  setUpAt: number;
}

export interface RunContext {
  db: HandraiserDB;
  config: SyncConfig;
  keys: Keys;
  local: Pouch;
  remote: Pouch;
  replicate: Engine['replicate'];
  now: () => number;
  /** Called after every batch: keeps the worker awake while there is work. */
  progress?: () => void;
}

export interface RunReport {
  sent: number;
  received: number;
  personIds: string[];
  notices: store.SyncNotice[];
  unreadable: number;
}

const BATCH = 200;
const MAX_ROUNDS = 3;

/** The database's address on the server. */
export const databaseUrl = (server: string, database: string) => `${server.replace(/\/+$/, '')}/${encodeURIComponent(database)}`;

const hashOf = (rev: string) => rev.slice(rev.indexOf('-') + 1);
const revisions = (rev: string, parent: string | undefined) => ({
  start: Number.parseInt(rev, 10),
  ids: parent ? [hashOf(rev), hashOf(parent)] : [hashOf(rev)],
});

interface Body {
  t: string;
  k: string;
  v?: Record<string, unknown>;
  s?: Record<string, number>;
  n?: string[];
  /** Tombstones a merge wrote for the copies it replaced (not a deletion by a person). */
  why?: 'merged';
}

function sameFingerprints(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function checkWrites(results: PouchWriteResult[]): void {
  const failed = results.find((r) => r.error);
  if (failed) throw new SyncFailure(problemOf(failed));
}

/** When this device changed a record: its own time for people, so an older edit sent late does not win. */
function editTime(table: string, value: Record<string, unknown>, now: number): number {
  const updated = value.updatedAt;
  return table === 'people' && typeof updated === 'number' ? Math.min(updated, now) : now;
}

// ---------- 1. send ----------

async function send(ctx: RunContext, report: RunReport): Promise<void> {
  const { db, keys, local } = ctx;
  let guard = Math.ceil((await store.countWaiting(db)) / BATCH) + 20;
  while (guard-- > 0) {
    const entries = await store.outboxBatch(db, BATCH);
    if (entries.length === 0) return;
    const values = await store.readRows(db, entries);
    const targets: { t: string; k: string; value: Record<string, unknown> | undefined }[] = [];
    entries.forEach((e, i) => {
      const { t, k } = store.splitOutboxId(e.id);
      if (t !== 'settings') targets.push({ t, k, value: values[i] });
      else {
        const all = { ...DEFAULT_SETTINGS, ...values[i] } as Record<string, unknown>;
        for (const key of ctx.config.settings) targets.push({ t, k: key, value: { [key]: all[key] } });
      }
    });
    const ids = await Promise.all(targets.map((x) => docIdOf(keys, x.t, x.k)));
    const bases = await store.readBases(db, ids);
    // Each record's keyed hashes and encryption in parallel: WebCrypto works off the main thread.
    const made = await Promise.all(
      targets.map(async ({ t, k, value }, j): Promise<{ doc: PouchDoc; agreed: store.SyncDocRow } | null> => {
        const id = ids[j]!;
        const base = bases[j];
        const live = base && !base.del ? base : undefined;
        const keep = { ...(base?.moved ? { moved: base.moved } : {}), ...(base?.noticed ? { noticed: base.noticed } : {}) };
        if (value) {
          const replica = restamp(t, live, value, editTime(t, value, ctx.now()));
          if (live && sameFingerprints(live.f, replica.f)) return null;
          const text = canonical({ t, k, v: replica.v, s: replica.s, n: replica.n });
          const rev = await revisionOf(keys, base?.rev, text);
          return {
            doc: { _id: id, _rev: rev, _revisions: revisions(rev, base?.rev), d: await encrypt(keys, id, text) },
            agreed: { id, t, k, rev, f: replica.f, s: replica.s, ...(replica.n ? { n: replica.n } : {}), ...keep },
          };
        }
        if (!live) return null;
        const text = canonical({ t, k });
        const rev = await revisionOf(keys, live.rev, `deleted\n${text}`);
        return {
          doc: { _id: id, _rev: rev, _deleted: true, _revisions: revisions(rev, live.rev), d: await encrypt(keys, id, text) },
          agreed: { id, t, k, rev, del: true, f: {}, s: {}, ...keep },
        };
      }),
    );
    const docs = made.flatMap((m) => (m ? [m.doc] : []));
    const agreed = made.flatMap((m) => (m ? [m.agreed] : []));
    if (docs.length) checkWrites(await local.bulkDocs(docs, { new_edits: false }));
    await store.settleSent(db, entries, agreed);
    report.sent += docs.length;
    ctx.progress?.();
  }
}

// ---------- 2. replicate ----------

async function replicate(ctx: RunContext, source: Pouch, target: Pouch): Promise<void> {
  let result;
  try {
    result = await ctx.replicate(source, target);
  } catch (e) {
    throw new SyncFailure(problemOf(e));
  }
  if (result.doc_write_failures > 0) throw new SyncFailure(problemOf(result.errors?.[0]));
  ctx.progress?.();
}

// ---------- 3. receive ----------

async function open(keys: Keys, doc: PouchDoc): Promise<Body | null> {
  if (typeof doc.d !== 'string') return null;
  try {
    const body = JSON.parse(await decrypt(keys, doc._id, doc.d)) as Body;
    if (typeof body?.t !== 'string' || typeof body.k !== 'string') return null;
    if (!doc._deleted && (typeof body.v !== 'object' || body.v === null || typeof body.s !== 'object' || body.s === null)) return null;
    return body;
  } catch {
    return null;
  }
}

const replicaOf = (b: Body): Replica => ({ v: b.v!, s: b.s!, ...(b.n ? { n: b.n } : {}) });

/** One change of the local copy, decrypted; copies from several devices merged into one revision. */
async function readChange(ctx: RunContext, change: PouchChange, base: store.SyncDocRow | undefined): Promise<store.Incoming | null> {
  const { keys, local } = ctx;
  const doc = change.doc!;
  const winner = doc._rev!;
  const conflicts = doc._conflicts ?? [];
  const deadLeaves = change.changes.map((c) => c.rev).filter((r) => r !== winner && !conflicts.includes(r) && !base?.noticed?.includes(r));
  if (doc._deleted) {
    const body = await open(keys, doc);
    return { id: doc._id, rev: winner, deleted: true, ...(body ? { t: body.t, k: body.k } : {}) };
  }
  const bodies = await Promise.all([open(keys, doc), ...conflicts.map(async (rev) => open(keys, await local.get(doc._id, { rev })))]);
  const first = bodies[0];
  if (!first) return null;
  const readable = bodies.filter((b): b is Body => b !== null && b.t === first.t && b.k === first.k);
  let replica = replicaOf(first);
  let rev = winner;
  if (conflicts.length) {
    replica = mergeAll(first.t, readable.map(replicaOf));
    const text = canonical({ t: first.t, k: first.k, v: replica.v, s: replica.s, n: replica.n });
    rev = await revisionOf(keys, winner, text);
    const docs: PouchDoc[] = [{ _id: doc._id, _rev: rev, _revisions: revisions(rev, winner), d: await encrypt(keys, doc._id, text) }];
    const closing = canonical({ t: first.t, k: first.k, why: 'merged' });
    for (const c of conflicts) {
      const closed = await revisionOf(keys, c, `deleted\n${closing}`);
      docs.push({ _id: doc._id, _rev: closed, _deleted: true, _revisions: revisions(closed, c), d: await encrypt(keys, doc._id, closing) });
    }
    checkWrites(await local.bulkDocs(docs, { new_edits: false }));
    await store.countUnsent(ctx.db, docs.length);
  }
  // Deletions on another device that this record's edits won over (CouchDB keeps the edit): said so.
  let kept = false;
  for (const r of deadLeaves) {
    const dead = await open(keys, await local.get(doc._id, { rev: r }).catch(() => ({ _id: doc._id })));
    if (dead?.why !== 'merged') kept = true;
  }
  return {
    id: doc._id,
    rev,
    t: first.t,
    k: first.k,
    deleted: false,
    replica: { ...replica, f: fingerprints(first.t, replica.v) },
    merged: conflicts.length > 0,
    ...(deadLeaves.length ? { deletedLeaves: deadLeaves, keptOverDeletion: kept } : {}),
  };
}

async function receive(ctx: RunContext, report: RunReport): Promise<{ again: boolean }> {
  const { db, local } = ctx;
  let since = (await store.readMeta<number | string>(db, store.SYNC_META.applied)) ?? 0;
  let again = false;
  const people = new Set(report.personIds);
  for (;;) {
    const res = await local.changes({ since, limit: BATCH, include_docs: true, conflicts: true, style: 'all_docs', return_docs: true });
    if (res.results.length === 0) break;
    const changes = res.results.filter((c) => c.doc && c.id !== KEY_DOC_ID && !c.id.startsWith('_'));
    const bases = await store.readBases(db, changes.map((c) => c.id));
    // This device's own revisions, already written here, come back in its copy's feed: skipped.
    const mine = (c: PouchChange, base: store.SyncDocRow | undefined) =>
      base?.rev === c.doc!._rev && !c.doc!._conflicts?.length && c.changes.length === 1;
    const read = await Promise.all(changes.map((change, i) => (mine(change, bases[i]) ? Promise.resolve('mine' as const) : readChange(ctx, change, bases[i]))));
    const incoming: store.Incoming[] = [];
    for (const one of read) {
      if (one === 'mine') continue;
      if (one) incoming.push(one);
      else report.unreadable++;
      if (one?.merged) again = true;
    }
    const applied = await store.applyIncoming(db, incoming, { settingsKeys: ctx.config.settings, appliedSeq: res.last_seq, now: ctx.now() });
    report.received += incoming.length - applied.skipped.length;
    report.unreadable += applied.unreadable;
    report.notices.push(...applied.notices);
    for (const id of applied.personIds) people.add(id);
    if (applied.skipped.length || applied.dirty) again = true;
    since = res.last_seq;
    ctx.progress?.();
  }
  report.personIds = [...people];
  return { again };
}

/** One run: send, replicate both ways, receive; again while a round left something to send. */
export async function syncOnce(ctx: RunContext): Promise<RunReport> {
  const report: RunReport = { sent: 0, received: 0, personIds: [], notices: [], unreadable: 0 };
  // A version of Handraiser that syncs more tables reads everything once more, for them.
  const tables = store.SYNCED_TABLES.join(',');
  if ((await store.readMeta<string>(ctx.db, store.SYNC_META.tables)) !== tables) {
    await store.writeMeta(ctx.db, store.SYNC_META.applied, 0);
    await store.writeMeta(ctx.db, store.SYNC_META.tables, tables);
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    await send(ctx, report);
    await replicate(ctx, ctx.local, ctx.remote);
    await store.countUnsent(ctx.db, null);
    await replicate(ctx, ctx.remote, ctx.local);
    const { again } = await receive(ctx, report);
    if (!again) break;
  }
  return report;
}
