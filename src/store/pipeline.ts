import Dexie, { type Collection } from 'dexie';
import { signalsOf } from '../domain/signals';
import { STAGES, type Appointment, type Person, type Site, type SourceKind, type Stage } from '../domain/types';
import { groupCounters, stageCounters } from './counters';
import type { HandraiserDB } from './db';
import { fromRow, normalizeTerm, type PersonGroup, type PersonRow } from './rows';
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
  /** Per stage, without people on drip and without "reach out" suggestions (rows.ts groupOf). */
  stages: Record<Stage, number>;
  onDrip: number;
  reachOut: number;
}

export interface PipelinePage {
  counts: Record<Stage, number>;
  groups: GroupTotals;
  /**
   * With a search or a site, source or signal filter: how many match in each group, so the
   * group chips say what the filters leave. Absent without filters (then `groups` says it).
   */
  filteredGroups?: GroupTotals;
  total: number;
  rows: PersonWithSignals[];
}

/**
 * A search reads at most this many people per prefix range (name, then words and handles):
 * a one-letter prefix could otherwise match a large share of 100k people. Past it the
 * results are the first ones by the prefix's index order, and `total` counts only those.
 */
export const SEARCH_LIMIT = 2_000;

/** Group totals for the pipeline's chips: the group counters, exact at any size (counters.ts). */
export async function groupTotals(db: HandraiserDB): Promise<GroupTotals> {
  const g = await groupCounters(db);
  const stages = Object.fromEntries(STAGES.map((s) => [s, g[s]])) as Record<Stage, number>;
  return { stages, onDrip: g.drip, reachOut: g.reach_out };
}

/** People per stage: the stage counters. */
export function stageCounts(db: HandraiserDB): Promise<Record<Stage, number>> {
  return stageCounters(db, STAGES);
}

/**
 * The group a query's stage / reachOut / onDrip names, 'all' when it names none, or
 * undefined for a combination that is no group. A query that names a group lists exactly
 * that group (groupOf): `{ onDrip: true }` is the drip group, `{ reachOut: true }` the
 * suggestions, `{ stage, reachOut: false, onDrip: false }` the stage's active people and
 * `{ stage: 'not_interested' }` that whole stage.
 */
export function queryGroup(q: Pick<PipelineQuery, 'stage' | 'reachOut' | 'onDrip'>): PersonGroup | 'all' | undefined {
  const { stage, reachOut, onDrip } = q;
  if (stage === undefined) {
    if (reachOut === undefined && onDrip === undefined) return 'all';
    if (reachOut === true && onDrip !== true) return 'reach_out';
    if (onDrip === true && reachOut !== true) return 'drip';
    return undefined;
  }
  if (stage === 'not_interested') return reachOut !== true && onDrip !== true ? 'not_interested' : undefined;
  if (stage === 'lead' && reachOut === true && onDrip !== true) return 'reach_out';
  if (reachOut === false && onDrip === false) return stage;
  return undefined;
}

/** A phone number typed into the search ("+34 612", "612-345"): searched by its digits. */
function phoneQuery(q: string): string | undefined {
  if (!/^[+\d\s().\-/]+$/.test(q)) return undefined;
  const digits = q.replace(/\D/g, '');
  return digits.length >= 3 ? digits : undefined;
}

function totalsOf(byGroup: Map<PersonGroup, number>): GroupTotals {
  const stages = Object.fromEntries(STAGES.map((s) => [s, byGroup.get(s) ?? 0])) as Record<Stage, number>;
  return { stages, onDrip: byGroup.get('drip') ?? 0, reachOut: byGroup.get('reach_out') ?? 0 };
}

/**
 * One page of the pipeline. What each kind of query costs:
 * - a group, no other filter: one [group+updatedAt] range, newest first, offset/limit;
 *   the total is the group's counter. Reads offset + limit keys and limit rows.
 * - everyone, no filter: the updatedAt index newest first, the same way.
 * - site / source / signal filters: one cursor over everyone, newest first, counting the
 *   matches of every group (the chips show what the filters leave) and keeping only this
 *   group's page: time grows with the number of people, memory with the page. A signal
 *   filter also reads the open and missed appointments, once.
 * - a search: two prefix index ranges over folded keys (nameLower, searchTerms: case and
 *   accents folded the same way on both sides), each at most SEARCH_LIMIT rows, filtered,
 *   counted per group and sorted by name in memory.
 * - stage / reachOut / onDrip combinations that name no group: the stage's range (or
 *   everyone's) through the same counting cursor.
 * Every request also reads the stage and group counters (counters.ts): twelve small rows.
 */
export async function pipeline(db: HandraiserDB, q: PipelineQuery, now: number): Promise<PipelinePage> {
  const offset = q.offset ?? 0;
  const limit = q.limit ?? DEFAULT_PAGE_SIZE;
  return db.transaction('r', db.people, db.appointments, db.counters, async () => {
    // Signals such as chasing or "no next step" read appointments; only open ones and missed ones matter.
    const apptsByPerson = q.signal
      ? groupBy(await db.appointments.where('status').anyOf(['scheduled', 'missed']).toArray(), (a) => a.personId)
      : new Map<string, Appointment[]>();
    const signalsFor = (p: Person) => signalsOf(p, { now, appointments: apptsByPerson.get(p.id) ?? [] });
    const group = queryGroup(q);
    const inGroup = (row: PersonRow): boolean => {
      if (group === undefined) {
        if (q.stage !== undefined && row.stage !== q.stage) return false;
        if (q.reachOut !== undefined && row.reachOut !== q.reachOut) return false;
        if (q.onDrip !== undefined && row.onDrip !== q.onDrip) return false;
        return true;
      }
      return group === 'all' || row.group === group;
    };
    const matchesFilters = (row: PersonRow): boolean => {
      if (q.site !== undefined && !row.identities.some((i) => i.site === q.site)) return false;
      if (q.sourceKind !== undefined && !row.sources.some((s) => s.kind === q.sourceKind)) return false;
      if (q.signal !== undefined && !signalsFor(row)[q.signal]) return false;
      return true;
    };

    const [counts, groups] = await Promise.all([stageCounts(db), groupTotals(db)]);
    const groupTotal = (g: PersonGroup): number =>
      g === 'drip' ? groups.onDrip : g === 'reach_out' ? groups.reachOut : groups.stages[g];
    const raw = q.query?.trim() ?? '';
    const term = raw ? normalizeTerm(raw) : '';
    const digits = raw ? phoneQuery(raw) : undefined;
    let matched: PersonRow[];
    let total: number;
    let filteredGroups: GroupTotals | undefined;
    if (term) {
      const [byName, byTerm, byDigits] = await Promise.all([
        db.people.where('nameLower').startsWith(term).limit(SEARCH_LIMIT).primaryKeys(),
        db.people.where('searchTerms').startsWith(term).limit(SEARCH_LIMIT).primaryKeys(),
        digits && digits !== term ? db.people.where('searchTerms').startsWith(digits).limit(SEARCH_LIMIT).primaryKeys() : [],
      ]);
      const ids = [...new Set([...byName, ...byTerm, ...byDigits])];
      const found = (await db.people.bulkGet(ids)).filter((r): r is PersonRow => r !== undefined && matchesFilters(r));
      const byGroup = new Map<PersonGroup, number>();
      for (const r of found) byGroup.set(r.group, (byGroup.get(r.group) ?? 0) + 1);
      filteredGroups = totalsOf(byGroup);
      const rows = found.filter(inGroup);
      rows.sort((a, b) => a.nameLower.localeCompare(b.nameLower) || a.id.localeCompare(b.id));
      total = rows.length;
      matched = rows.slice(offset, offset + limit);
    } else {
      const filtered = !!q.site || !!q.sourceKind || !!q.signal;
      if (!filtered && group !== undefined) {
        const coll =
          group === 'all'
            ? db.people.orderBy('updatedAt').reverse()
            : db.people.where('[group+updatedAt]').between([group, Dexie.minKey], [group, Dexie.maxKey]).reverse();
        total = group === 'all' ? STAGES.reduce((sum, s) => sum + counts[s], 0) : groupTotal(group);
        matched = await coll.offset(offset).limit(limit).toArray();
      } else {
        // One pass: count every match (per group, when filtered), keep only this page's.
        let coll: Collection<PersonRow, string>;
        if (!filtered && q.stage !== undefined) {
          coll = db.people.where('[stage+updatedAt]').between([q.stage, Dexie.minKey], [q.stage, Dexie.maxKey]).reverse();
        } else {
          coll = db.people.orderBy('updatedAt').reverse();
        }
        const byGroup = new Map<PersonGroup, number>();
        matched = [];
        total = 0;
        await coll.each((row) => {
          if (!matchesFilters(row)) return;
          if (filtered) byGroup.set(row.group, (byGroup.get(row.group) ?? 0) + 1);
          if (!inGroup(row)) return;
          if (total >= offset && matched.length < limit) matched.push(row);
          total += 1;
        });
        if (filtered) filteredGroups = totalsOf(byGroup);
      }
    }
    const pageAppts = matched.length
      ? groupBy(await db.appointments.where('personId').anyOf(matched.map((r) => r.id)).toArray(), (a) => a.personId)
      : new Map<string, Appointment[]>();
    const page: PipelinePage = {
      counts,
      groups,
      total,
      rows: matched.map((r) => {
        const person = fromRow(r);
        return { person, signals: signalsOf(person, { now, appointments: pageAppts.get(r.id) ?? [] }) };
      }),
    };
    if (filteredGroups) page.filteredGroups = filteredGroups;
    return page;
  });
}
