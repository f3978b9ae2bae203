import Dexie, { type Collection } from 'dexie';
import { signalsOf } from '../domain/signals';
import { STAGES, type Appointment, type Person, type Site, type SourceKind, type Stage } from '../domain/types';
import type { HandraiserDB } from './db';
import { fromRow, normalizeTerm, type PersonRow } from './rows';
import { groupBy, type PersonWithSignals, type Signals } from './views';

export const DEFAULT_PAGE_SIZE = 50;

export interface PipelineQuery {
  stage?: Stage;
  reachOut?: boolean;
  onDrip?: boolean;
  /** Prefix of the name, a word of it, or a handle. */
  query?: string;
  site?: Site;
  sourceKind?: SourceKind;
  signal?: keyof Signals;
  offset?: number;
  limit?: number;
}

export interface GroupTotals {
  /** Per stage, without people on drip and without "reach out" suggestions. */
  stages: Record<Stage, number>;
  onDrip: number;
  reachOut: number;
}

export interface PipelinePage {
  counts: Record<Stage, number>;
  /** Absent when there are too many people to count the groups without an index (see groupTotals). */
  groups?: GroupTotals;
  total: number;
  rows: PersonWithSignals[];
}

/**
 * Drip and "reach out" are flags, and IndexedDB cannot index booleans: an exact count per
 * group would need a derived, indexed group field (schema v2). Until then the groups are
 * counted in one pass, and only while the people table is this small.
 */
export const GROUP_COUNT_LIMIT = 5_000;

/** Group totals for the pipeline's chips, or undefined above GROUP_COUNT_LIMIT people. */
export async function groupTotals(db: HandraiserDB, counts: Record<Stage, number>): Promise<GroupTotals | undefined> {
  const people = STAGES.reduce((sum, s) => sum + counts[s], 0);
  if (people > GROUP_COUNT_LIMIT) return undefined;
  const stages = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  let onDrip = 0;
  let reachOut = 0;
  // Bounded by the indexed count above.
  await db.people.each((row) => {
    if (row.onDrip) onDrip += 1;
    if (row.reachOut) reachOut += 1;
    if (!row.onDrip && !row.reachOut) stages[row.stage] += 1;
  });
  return { stages, onDrip, reachOut };
}

/** People per stage, each an index count. */
export async function stageCounts(db: HandraiserDB): Promise<Record<Stage, number>> {
  const counts = await Promise.all(STAGES.map((s) => db.people.where('stage').equals(s).count()));
  return Object.fromEntries(STAGES.map((s, i) => [s, counts[i]!])) as Record<Stage, number>;
}

/**
 * One page of the pipeline. Without a search it walks an index newest-first
 * ([stage+updatedAt] or updatedAt); a search unions two prefix index ranges
 * (nameLower, searchTerms). Other filters ride on top of that range.
 */
export async function pipeline(db: HandraiserDB, q: PipelineQuery, now: number): Promise<PipelinePage> {
  const offset = q.offset ?? 0;
  const limit = q.limit ?? DEFAULT_PAGE_SIZE;
  return db.transaction('r', db.people, db.appointments, async () => {
    // Signals such as chasing or "no next step" read appointments; only open ones and missed ones matter.
    const apptsByPerson = q.signal
      ? groupBy(await db.appointments.where('status').anyOf(['scheduled', 'missed']).toArray(), (a) => a.personId)
      : new Map<string, Appointment[]>();
    const signalsFor = (p: Person) => signalsOf(p, { now, appointments: apptsByPerson.get(p.id) ?? [] });
    const keep = (row: PersonRow): boolean => {
      if (q.stage !== undefined && row.stage !== q.stage) return false;
      if (q.reachOut !== undefined && row.reachOut !== q.reachOut) return false;
      if (q.onDrip !== undefined && row.onDrip !== q.onDrip) return false;
      if (q.site !== undefined && !row.identities.some((i) => i.site === q.site)) return false;
      if (q.sourceKind !== undefined && !row.sources.some((s) => s.kind === q.sourceKind)) return false;
      if (q.signal !== undefined && !signalsFor(row)[q.signal]) return false;
      return true;
    };

    const counts = await stageCounts(db);
    const groups = await groupTotals(db, counts);
    const term = q.query ? normalizeTerm(q.query) : '';
    let matched: PersonRow[];
    let total: number;
    if (term) {
      const [byName, byTerm] = await Promise.all([
        db.people.where('nameLower').startsWith(term).primaryKeys(),
        db.people.where('searchTerms').startsWith(term).primaryKeys(),
      ]);
      const ids = [...new Set([...byName, ...byTerm])];
      const rows = (await db.people.bulkGet(ids)).filter((r): r is PersonRow => r !== undefined && keep(r));
      rows.sort((a, b) => a.nameLower.localeCompare(b.nameLower) || a.id.localeCompare(b.id));
      total = rows.length;
      matched = rows.slice(offset, offset + limit);
    } else {
      let coll: Collection<PersonRow, string>;
      if (q.stage !== undefined) {
        coll = db.people
          .where('[stage+updatedAt]')
          .between([q.stage, Dexie.minKey], [q.stage, Dexie.maxKey])
          .reverse();
      } else {
        coll = db.people.orderBy('updatedAt').reverse();
      }
      const unfiltered = q.reachOut === undefined && q.onDrip === undefined && !q.site && !q.sourceKind && !q.signal;
      if (unfiltered) {
        total = q.stage !== undefined ? counts[q.stage] : await db.people.count();
        matched = await coll.offset(offset).limit(limit).toArray();
      } else {
        const rows = await coll.filter(keep).toArray();
        total = rows.length;
        matched = rows.slice(offset, offset + limit);
      }
    }
    const pageAppts = matched.length
      ? groupBy(await db.appointments.where('personId').anyOf(matched.map((r) => r.id)).toArray(), (a) => a.personId)
      : new Map<string, Appointment[]>();
    return {
      counts,
      ...(groups ? { groups } : {}),
      total,
      rows: matched.map((r) => {
        const person = fromRow(r);
        return { person, signals: signalsOf(person, { now, appointments: pageAppts.get(r.id) ?? [] }) };
      }),
    };
  });
}
