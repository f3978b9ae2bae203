import { DAY } from './time';
import { SITES, SOURCE_KINDS, STAGES, type Person, type Site, type SourceKind, type Stage, type StageChange } from './types';

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

/** What insight reads of a person: the store streams these, never whole records in a list. */
export type InsightPerson = Pick<Person, 'reachOut' | 'market' | 'stage' | 'stageHistory' | 'createdAt' | 'sources' | 'identities'>;

function history(p: InsightPerson): StageChange[] {
  const h = [...p.stageHistory].sort((a, b) => a.at - b.at);
  return h.length > 0 ? h : [{ stage: p.stage, at: p.createdAt }];
}

/** Suggestions that were never captured and non-market contacts are not part of the funnel. */
function inFunnel(p: InsightPerson): boolean {
  return !p.reachOut && p.market === 'market';
}

/** Running counts behind one Conversion. */
class ConversionTally {
  leads = 0;
  prospects = 0;
  closed = 0;
  leadsAdvanced = 0;
  prospectsClosed = 0;

  add(h: StageChange[]): void {
    const firstLead = h.findIndex((c) => c.stage === 'lead');
    const firstProspect = h.findIndex((c) => c.stage === 'prospect');
    if (firstLead >= 0) {
      this.leads += 1;
      if (h.slice(firstLead + 1).some((c) => ADVANCED.has(c.stage))) this.leadsAdvanced += 1;
    }
    if (firstProspect >= 0) {
      this.prospects += 1;
      if (h.slice(firstProspect + 1).some((c) => CLOSED.has(c.stage))) this.prospectsClosed += 1;
    }
    if (h.some((c) => CLOSED.has(c.stage))) this.closed += 1;
  }

  result(): Conversion {
    return {
      leads: this.leads,
      prospects: this.prospects,
      customersOrTeam: this.closed,
      leadToProspect: this.leads === 0 ? 0 : this.leadsAdvanced / this.leads,
      prospectToClose: this.prospects === 0 ? 0 : this.prospectsClosed / this.prospects,
    };
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface InsightFigures {
  /** People in the funnel counted (market people, suggestions left out). */
  people: number;
  overall: Conversion;
  medianDaysInStage: Partial<Record<Stage, number>>;
  /** Only the sources someone in the funnel first came in by. */
  bySource: Partial<Record<SourceKind, Conversion>>;
  /** Only the sites someone in the funnel first came in on (people added by hand without a profile have none). */
  bySite: Partial<Record<Site, Conversion>>;
}

/** The site a person first came in on: their first source's, else their first profile's. */
export function firstSite(p: Pick<Person, 'sources' | 'identities'>): Site | undefined {
  let first: { site?: Site; at: number } | undefined;
  for (const s of p.sources) if (first === undefined || s.at < first.at) first = s;
  return first?.site ?? p.identities[0]?.site;
}

/**
 * Every insight figure in one pass: feed people one at a time (`add`), read the figures at the
 * end. Keeps counters and one number per stage stint, never the people themselves.
 */
export class InsightTally {
  private readonly overall = new ConversionTally();
  private readonly bySource = new Map<SourceKind, ConversionTally>();
  private readonly bySite = new Map<Site, ConversionTally>();
  private readonly stints = new Map<Stage, number[]>();
  private people = 0;

  constructor(private readonly now: number) {}

  add(p: InsightPerson): void {
    if (!inFunnel(p)) return;
    this.people += 1;
    const kind = firstSourceKind(p);
    const site = firstSite(p);
    const h = history(p);
    this.overall.add(h);
    if (kind !== undefined) {
      let t = this.bySource.get(kind);
      if (!t) this.bySource.set(kind, (t = new ConversionTally()));
      t.add(h);
    }
    if (site !== undefined) {
      let t = this.bySite.get(site);
      if (!t) this.bySite.set(site, (t = new ConversionTally()));
      t.add(h);
    }
    h.forEach((c, i) => {
      const end = h[i + 1]?.at ?? this.now;
      const list = this.stints.get(c.stage);
      const days = Math.max(0, end - c.at) / DAY;
      if (list) list.push(days);
      else this.stints.set(c.stage, [days]);
    });
  }

  conversion(): Conversion {
    return this.overall.result();
  }

  medianDaysInStage(): Partial<Record<Stage, number>> {
    const out: Partial<Record<Stage, number>> = {};
    for (const s of STAGES) {
      const list = this.stints.get(s);
      if (list && list.length > 0) out[s] = median(list);
    }
    return out;
  }

  conversionBySource(): Record<SourceKind, Conversion> {
    return Object.fromEntries(
      SOURCE_KINDS.map((k) => [k, (this.bySource.get(k) ?? new ConversionTally()).result()]),
    ) as Record<SourceKind, Conversion>;
  }

  figures(): InsightFigures {
    const bySource: Partial<Record<SourceKind, Conversion>> = {};
    for (const k of SOURCE_KINDS) {
      const c = this.bySource.get(k)?.result();
      if (c && (c.leads > 0 || c.prospects > 0 || c.customersOrTeam > 0)) bySource[k] = c;
    }
    const bySite: Partial<Record<Site, Conversion>> = {};
    for (const k of SITES) {
      const c = this.bySite.get(k)?.result();
      if (c && (c.leads > 0 || c.prospects > 0 || c.customersOrTeam > 0)) bySite[k] = c;
    }
    return { people: this.people, overall: this.conversion(), medianDaysInStage: this.medianDaysInStage(), bySource, bySite };
  }
}

function tally(people: readonly InsightPerson[], now = 0): InsightTally {
  const t = new InsightTally(now);
  for (const p of people) t.add(p);
  return t;
}

export function conversion(people: readonly InsightPerson[]): Conversion {
  return tally(people).conversion();
}

/** Median days spent in each stage per stint; the current stint counts up to `now`. */
export function medianDaysInStage(people: readonly InsightPerson[], now: number): Partial<Record<Stage, number>> {
  return tally(people, now).medianDaysInStage();
}

/** The kind of the earliest source: how they first came in. */
export function firstSourceKind(p: Pick<Person, 'sources'>): SourceKind | undefined {
  let first: { kind: SourceKind; at: number } | undefined;
  for (const s of p.sources) if (first === undefined || s.at < first.at) first = s;
  return first?.kind;
}

/** `conversion` grouped by how people first came in; every kind is present (zeros when none). */
export function conversionBySource(people: readonly InsightPerson[]): Record<SourceKind, Conversion> {
  return tally(people).conversionBySource();
}
