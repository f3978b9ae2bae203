import { recompute } from './person';
import {
  LIMITS,
  QUALIFICATION_QUESTIONS,
  type Identity,
  type Person,
  type Qualification,
  type Settings,
  type Source,
  type Stage,
  type StageChange,
} from './types';

/** Lead < prospect < customer < team member; "not interested" only wins when both said no. */
const STAGE_ORDER: Record<Exclude<Stage, 'not_interested'>, number> = {
  lead: 0,
  prospect: 1,
  customer: 2,
  team_member: 3,
};

function moreAdvanced(a: Stage, b: Stage): Stage {
  if (a === 'not_interested') return b;
  if (b === 'not_interested') return a;
  return STAGE_ORDER[b] > STAGE_ORDER[a] ? b : a;
}

function maxOpt(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function mergeQualification(a: Qualification, b: Qualification): Qualification {
  const q = { ...a };
  for (const k of QUALIFICATION_QUESTIONS) {
    const x = a[k];
    const y = b[k];
    q[k] = x === true || y === true ? true : x === false || y === false ? false : null;
  }
  return q;
}

export function mergeIdentities(a: Identity[], b: Identity[]): Identity[] {
  const seen = new Set<string>();
  const out: Identity[] = [];
  for (const i of [...a, ...b]) {
    if (seen.has(i.profileKey)) continue;
    seen.add(i.profileKey);
    out.push(i);
  }
  return out.slice(0, 50);
}

export function mergeSources(a: Source[], b: Source[]): Source[] {
  const seen = new Set<string>();
  const out: Source[] = [];
  for (const s of [...a, ...b].sort((x, y) => x.at - y.at)) {
    const k = `${s.kind}|${s.at}|${s.site ?? ''}|${s.contextUrl ?? ''}|${s.referrer ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(s);
  }
  // The first sources say how they came in; keep those.
  return out.slice(0, 200);
}

function mergeHistory(a: StageChange[], b: StageChange[], stage: Stage, now: number): StageChange[] {
  const seen = new Set<string>();
  const out: StageChange[] = [];
  for (const h of [...a, ...b].sort((x, y) => x.at - y.at)) {
    const k = `${h.stage}|${h.at}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(h);
  }
  if (out[out.length - 1]?.stage !== stage) out.push({ stage, at: now });
  return out.length > 500 ? out.slice(out.length - 500) : out;
}

/**
 * Two records found to be the same person become one (`keep`'s id and name survive).
 * The cadence counters come from whichever record saw the most recent touch.
 */
export function mergePeople(keep: Person, other: Person, now: number, settings: Settings): Person {
  const stage = moreAdvanced(keep.stage, other.stage);
  const latest = (other.lastTouchAt ?? -1) > (keep.lastTouchAt ?? -1) ? other : keep;
  const notes = [keep.notes.trim(), other.notes.trim()].filter((n) => n !== '').join('\n\n');
  const merged: Person = {
    ...keep,
    name: keep.name.trim() !== '' ? keep.name : other.name,
    stage,
    reachOut: keep.reachOut && other.reachOut,
    onDrip: latest.onDrip,
    identities: mergeIdentities(keep.identities, other.identities),
    sources: mergeSources(keep.sources, other.sources),
    qualification: mergeQualification(keep.qualification, other.qualification),
    exposures: keep.exposures + other.exposures,
    notes: notes.slice(0, LIMITS.note),
    stageHistory: mergeHistory(keep.stageHistory, other.stageHistory, stage, now),
    createdAt: Math.min(keep.createdAt, other.createdAt),
    updatedAt: Math.max(keep.updatedAt, other.updatedAt, now),
    followUpsSinceInbound: latest.followUpsSinceInbound,
    outboundStreak: latest.outboundStreak,
  };
  const nextStep = keep.nextStep ?? other.nextStep;
  const optional = {
    nextStep,
    lastTouchAt: maxOpt(keep.lastTouchAt, other.lastTouchAt),
    lastInboundAt: maxOpt(keep.lastInboundAt, other.lastInboundAt),
    lastOutboundAt: maxOpt(keep.lastOutboundAt, other.lastOutboundAt),
    cadenceFrom: maxOpt(keep.cadenceFrom, other.cadenceFrom),
  } as const;
  for (const [k, v] of Object.entries(optional)) {
    if (v === undefined) delete (merged as Record<string, unknown>)[k];
    else (merged as Record<string, unknown>)[k] = v;
  }
  if (stage !== keep.stage && stage !== other.stage) merged.cadenceFrom = now;
  return recompute(merged, settings);
}
