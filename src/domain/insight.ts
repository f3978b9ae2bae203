import { DAY } from './time';
import { SOURCE_KINDS, STAGES, type Person, type SourceKind, type Stage, type StageChange } from './types';

export interface Conversion {
  /** People who were ever leads. */
  leads: number;
  /** People who were ever prospects. */
  prospects: number;
  /** People who ever became customers or team members. */
  customersOrTeam: number;
  /** Of those who were ever leads, the share who later became prospects (or went further). 0..1 */
  leadToProspect: number;
  /** Of those who were ever prospects, the share who later became customers or team members. 0..1 */
  prospectToClose: number;
}

const CLOSED: ReadonlySet<Stage> = new Set(['customer', 'team_member']);
const ADVANCED: ReadonlySet<Stage> = new Set(['prospect', 'customer', 'team_member']);

function history(p: Person): StageChange[] {
  const h = [...p.stageHistory].sort((a, b) => a.at - b.at);
  return h.length > 0 ? h : [{ stage: p.stage, at: p.createdAt }];
}

/** Suggestions that were never captured and non-market contacts are not part of the funnel. */
function inFunnel(p: Person): boolean {
  return !p.reachOut && p.market === 'market';
}

export function conversion(people: Person[]): Conversion {
  let leads = 0;
  let prospects = 0;
  let closed = 0;
  let leadsAdvanced = 0;
  let prospectsClosed = 0;
  for (const p of people.filter(inFunnel)) {
    const h = history(p);
    const firstLead = h.findIndex((c) => c.stage === 'lead');
    const firstProspect = h.findIndex((c) => c.stage === 'prospect');
    if (firstLead >= 0) {
      leads += 1;
      if (h.slice(firstLead + 1).some((c) => ADVANCED.has(c.stage))) leadsAdvanced += 1;
    }
    if (firstProspect >= 0) {
      prospects += 1;
      if (h.slice(firstProspect + 1).some((c) => CLOSED.has(c.stage))) prospectsClosed += 1;
    }
    if (h.some((c) => CLOSED.has(c.stage))) closed += 1;
  }
  return {
    leads,
    prospects,
    customersOrTeam: closed,
    leadToProspect: leads === 0 ? 0 : leadsAdvanced / leads,
    prospectToClose: prospects === 0 ? 0 : prospectsClosed / prospects,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median days spent in each stage per stint; the current stint counts up to `now`. */
export function medianDaysInStage(people: Person[], now: number): Partial<Record<Stage, number>> {
  const stints = new Map<Stage, number[]>();
  for (const p of people.filter(inFunnel)) {
    const h = history(p);
    h.forEach((c, i) => {
      const end = h[i + 1]?.at ?? now;
      const list = stints.get(c.stage) ?? [];
      list.push(Math.max(0, end - c.at) / DAY);
      stints.set(c.stage, list);
    });
  }
  const out: Partial<Record<Stage, number>> = {};
  for (const s of STAGES) {
    const list = stints.get(s);
    if (list && list.length > 0) out[s] = median(list);
  }
  return out;
}

/** The kind of the earliest source: how they first came in. */
export function firstSourceKind(p: Person): SourceKind | undefined {
  let first: { kind: SourceKind; at: number } | undefined;
  for (const s of p.sources) if (first === undefined || s.at < first.at) first = s;
  return first?.kind;
}

/** `conversion` grouped by how people first came in; every kind is present (zeros when none). */
export function conversionBySource(people: Person[]): Record<SourceKind, Conversion> {
  const groups = new Map<SourceKind, Person[]>();
  for (const p of people) {
    const k = firstSourceKind(p);
    if (k === undefined) continue;
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  return Object.fromEntries(SOURCE_KINDS.map((k) => [k, conversion(groups.get(k) ?? [])])) as Record<
    SourceKind,
    Conversion
  >;
}
