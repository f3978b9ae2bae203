/**
 * Two devices, one record: how the copies two devices made of the same record while apart
 * become one again (docs/domain.md, "Two devices, one record"). Pure and deterministic: both
 * devices merging the same copies get the same result, whichever copy they hold themselves.
 *
 * A copy (Replica) is the record's fields, and for each field when it last changed (its
 * stamp). Fields merge one by one:
 * - by default the later change of a field wins (a tie goes to the larger value, so the
 *   result never depends on which device merges);
 * - people's profiles, sources and stage history are unions: nothing either device saw is lost;
 * - the stage is the stage of the later stage change: the other stays in the history;
 * - notes edited on both devices keep both texts; notes edited on one only keep that edit
 *   (each copy carries fingerprints of the notes texts it replaced, so "edited" is known);
 * - qualification answers (and the sites of synced settings) merge question by question;
 * - first seen is the earliest, last touched the latest; touches are separate records (a
 *   union by nature) and the store rebuilds the counters they drive from all of them.
 * Fields this file does not name (a field a later version adds) follow the default rule, so
 * they sync without a change here.
 */
import { mergeIdentities, mergeSources } from './merge';
import { LIMITS, STAGES } from './types';
import type { Identity, Source, StageChange } from './types';

export interface Replica {
  /** The record's fields (people: the Person, without the follow-up date each device computes itself). */
  v: Record<string, unknown>;
  /** When each field last changed (ms); `field.key` for the fields merged key by key. */
  s: Record<string, number>;
  /** People: fingerprints of the notes texts the current notes replaced, oldest first. */
  n?: string[];
}

/** How many replaced notes texts a copy remembers. */
export const MAX_SEEN_NOTES = 20;

/** Fields stamped and merged key by key, per table. */
const PER_KEY: Readonly<Record<string, readonly string[]>> = {
  people: ['qualification'],
  settings: ['sites'],
};

// ---------- canonical form and fingerprints ----------

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : sortDeep(x)));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortDeep(x);
    }
    return out;
  }
  return v;
}

/** JSON with keys in order and undefined left out: equal values, equal text. */
export function canonical(v: unknown): string {
  return v === undefined ? '' : JSON.stringify(sortDeep(v));
}

/** A 64-bit FNV-1a fingerprint of a text, as 16 hex digits. Not a secret: an identity for equality. */
export function fingerprintText(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 7);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stamped slots of a value: its fields, and `field.key` for the fields merged key by key. */
function slotsOf(table: string, v: Record<string, unknown>): Map<string, unknown> {
  const perKey = PER_KEY[table] ?? [];
  const out = new Map<string, unknown>();
  for (const [field, value] of Object.entries(v)) {
    if (value === undefined) continue;
    if (perKey.includes(field) && isObject(value)) {
      for (const [key, x] of Object.entries(value)) if (x !== undefined) out.set(`${field}.${key}`, x);
    } else out.set(field, value);
  }
  return out;
}

/** One fingerprint per slot: what a device compares to know which fields it changed. */
export function fingerprints(table: string, v: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [slot, x] of slotsOf(table, v)) out[slot] = fingerprintText(canonical(x));
  return out;
}

// ---------- stamping a device's own changes ----------

/** What a device remembers of the copy it last agreed on with the server. */
export interface Base {
  f: Record<string, string>;
  s: Record<string, number>;
  n?: string[];
}

/**
 * The copy to send for `v`, changed on this device since `base` (none: a new record). Every
 * slot that differs from the base is stamped `time`, and always later than its stamp in the
 * base, so a change made after seeing another device's change wins over it even when this
 * device's clock is behind. Notes that changed remember the text they replaced.
 */
export function restamp(table: string, base: Base | undefined, v: Record<string, unknown>, time: number): Replica & { f: Record<string, string> } {
  const f = fingerprints(table, v);
  const s: Record<string, number> = {};
  const slots = new Set([...Object.keys(f), ...Object.keys(base?.f ?? {}), ...Object.keys(base?.s ?? {})]);
  for (const slot of slots) {
    const before = base?.s[slot];
    if (base && base.f[slot] === f[slot]) {
      if (before !== undefined) s[slot] = before;
    } else s[slot] = Math.max(time, (before ?? 0) + 1);
  }
  const out: Replica & { f: Record<string, string> } = { v, s, f };
  if (table === 'people') {
    let n = base?.n ?? [];
    const was = base?.f.notes;
    if (was !== undefined && was !== f.notes) n = [...n.filter((x) => x !== was), was].slice(-MAX_SEEN_NOTES);
    if (n.length) out.n = n;
  }
  return out;
}

// ---------- merging ----------

const stampOf = (r: Replica, slot: string) => (typeof r.s[slot] === 'number' ? r.s[slot] : 0);

/** The later change wins; a tie goes to the larger value (an absent value is the smallest). */
function later(x: Replica, y: Replica, slot: string, vx: unknown, vy: unknown): unknown {
  const sx = stampOf(x, slot);
  const sy = stampOf(y, slot);
  if (sx !== sy) return sx > sy ? vx : vy;
  return canonical(vx) >= canonical(vy) ? vx : vy;
}

const asArray = <T>(v: unknown): T[] | undefined => (Array.isArray(v) ? (v as T[]) : undefined);
const asText = (v: unknown): string => (typeof v === 'string' ? v : '');
const asNumber = (v: unknown): number | undefined => (typeof v === 'number' && !Number.isNaN(v) ? v : undefined);

const STAGE_RANK = new Map<string, number>(STAGES.map((s, i) => [s, i]));

/** Both histories, by time (equal times by stage), each change once. */
export function unionHistory(a: StageChange[], b: StageChange[]): StageChange[] {
  const seen = new Set<string>();
  const out: StageChange[] = [];
  const all = [...a, ...b].sort((x, y) => x.at - y.at || (STAGE_RANK.get(x.stage) ?? 0) - (STAGE_RANK.get(y.stage) ?? 0));
  for (const h of all) {
    const k = `${h.stage}|${h.at}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(h);
  }
  return out.length > 500 ? out.slice(out.length - 500) : out;
}

/** Notes: one device's edit of the other's text wins; edits on both keep both texts, older first. */
function mergeNotes(x: Replica, y: Replica): { notes: string; seen: string[] } {
  const nx = asText(x.v.notes);
  const ny = asText(y.v.notes);
  const fx = fingerprintText(canonical(nx));
  const fy = fingerprintText(canonical(ny));
  const seenX = x.n ?? [];
  const seenY = y.n ?? [];
  let notes: string;
  if (nx === ny) notes = nx;
  else if (seenX.includes(fy) !== seenY.includes(fx)) notes = seenX.includes(fy) ? nx : ny;
  else if (seenX.includes(fy)) notes = later(x, y, 'notes', nx, ny) as string;
  else {
    const sx = stampOf(x, 'notes');
    const sy = stampOf(y, 'notes');
    const [first, second] = sx < sy || (sx === sy && nx <= ny) ? [nx, ny] : [ny, nx];
    notes = [first.trim(), second.trim()].filter((t) => t !== '').join('\n\n').slice(0, LIMITS.note);
  }
  const own = fingerprintText(canonical(notes));
  const seen: string[] = [];
  for (const f of [...seenX, ...seenY, fx, fy]) if (f !== own && !seen.includes(f)) seen.push(f);
  return { notes, seen: seen.slice(-MAX_SEEN_NOTES) };
}

type FieldRule = (x: Replica, y: Replica, vx: unknown, vy: unknown, slot: string) => unknown;

const minOf: FieldRule = (_x, _y, vx, vy) => {
  const a = asNumber(vx);
  const b = asNumber(vy);
  return a === undefined ? vy : b === undefined ? vx : Math.min(a, b);
};
const maxOf: FieldRule = (_x, _y, vx, vy) => {
  const a = asNumber(vx);
  const b = asNumber(vy);
  return a === undefined ? vy : b === undefined ? vx : Math.max(a, b);
};
const orLater =
  <T>(merge: (a: T[], b: T[]) => T[]): FieldRule =>
  (x, y, vx, vy, slot) => {
    const a = asArray<T>(vx);
    const b = asArray<T>(vy);
    return a && b ? merge(a, b) : later(x, y, slot, vx, vy);
  };

/** The rules beside "the later change wins", per table and field. */
const RULES: Readonly<Record<string, Readonly<Record<string, FieldRule>>>> = {
  people: {
    identities: orLater<Identity>(mergeIdentities),
    sources: orLater<Source>(mergeSources),
    stageHistory: orLater<StageChange>(unionHistory),
    createdAt: minOf,
    updatedAt: maxOf,
    lastTouchAt: maxOf,
    lastInboundAt: maxOf,
    lastOutboundAt: maxOf,
    exposures: maxOf,
  },
};

/** The two copies in a fixed order, so that merge(a, b) and merge(b, a) are the same. */
function ordered(a: Replica, b: Replica): [Replica, Replica] {
  return canonical(a) <= canonical(b) ? [a, b] : [b, a];
}

/** One copy of a record from two copies of it (docs/domain.md, "Two devices, one record"). */
export function mergeReplicas(table: string, a: Replica, b: Replica): Replica {
  const [x, y] = ordered(a, b);
  const sx = slotsOf(table, x.v);
  const sy = slotsOf(table, y.v);
  const perKey = PER_KEY[table] ?? [];
  const rules = RULES[table] ?? {};
  const v: Record<string, unknown> = {};
  const s: Record<string, number> = {};
  const slots = [...new Set([...sx.keys(), ...sy.keys(), ...Object.keys(x.s), ...Object.keys(y.s)])].sort();
  for (const slot of slots) {
    const stamp = Math.max(stampOf(x, slot), stampOf(y, slot));
    if (stamp > 0) s[slot] = stamp;
    const dot = slot.indexOf('.');
    const field = dot > 0 && perKey.includes(slot.slice(0, dot)) ? slot.slice(0, dot) : slot;
    const vx = sx.get(slot);
    const vy = sy.get(slot);
    let value: unknown;
    if (table === 'people' && slot === 'notes') value = undefined;
    else if (rules[slot]) value = rules[slot](x, y, vx, vy, slot);
    else value = later(x, y, slot, vx, vy);
    if (value === undefined) continue;
    if (field !== slot) {
      const group = (v[field] ??= {}) as Record<string, unknown>;
      group[slot.slice(dot + 1)] = value;
    } else v[slot] = value;
  }
  const out: Replica = { v, s };
  if (table === 'people') {
    const { notes, seen } = mergeNotes(x, y);
    if (x.v.notes !== undefined || y.v.notes !== undefined) v.notes = notes;
    if (seen.length) out.n = seen;
    // The stage is the stage of the later stage change; the other stays in the history.
    const history = asArray<StageChange>(v.stageHistory);
    const last = history?.[history.length - 1];
    if (last && STAGE_RANK.has(last.stage)) v.stage = last.stage;
    // A "reach out" suggestion is always a lead.
    if (v.stage !== 'lead' && v.reachOut === true) v.reachOut = false;
  }
  return out;
}

/** One copy from any number of copies, folded in a fixed order. */
export function mergeAll(table: string, copies: readonly Replica[]): Replica {
  const sorted = [...copies].sort((a, b) => (canonical(a) < canonical(b) ? -1 : canonical(a) > canonical(b) ? 1 : 0));
  if (sorted.length === 0) throw new Error('mergeAll needs at least one copy');
  return sorted.slice(1).reduce((acc, r) => mergeReplicas(table, acc, r), sorted[0]!);
}
