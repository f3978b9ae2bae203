import { maxOpt, mergeIdentities, mergeQualification, mergeSources, moreAdvanced } from './merge';
import { recompute } from './person';
import { LIMITS, type Person, type Settings, type StageChange } from './types';

/**
 * What a copy of a person from a file (a backup, a contact list) adds to the person already
 * here. Unlike mergePeople, which joins two different records into one, an import must change
 * nothing when the file is the user's own export, and nothing the second time the same file
 * is imported. So:
 * - lists are joined by what identifies an entry (profiles by key, sources and stage changes by
 *   kind and time), and an entry already here is never added again;
 * - counts take the larger value instead of adding up (exposures);
 * - the copy's notes are added only when they are not in the notes here already;
 * - the file's own making moves nothing here: its 'import' source, the stage it was filed at
 *   with the date of the import, its start of a cadence; a copy that only says it was imported
 *   (a contact-list row) leaves suggestions, drip and counters as they are;
 * - the more advanced stage wins, as in mergePeople; the cadence then starts where the copy's did.
 * `changed` is false when the copy adds nothing: the person here is returned as it was.
 */
export function absorbCopy(here: Person, copy: Person, now: number, settings: Settings): { person: Person; changed: boolean } {
  const stage = moreAdvanced(here.stage, copy.stage);
  const onlyImported = copy.sources.every((s) => s.kind === 'import');
  const latest = !onlyImported && (copy.lastTouchAt ?? -1) > (here.lastTouchAt ?? -1) ? copy : here;
  const sources = joinSources(here, copy);
  const joined: Person = {
    ...here,
    name: here.name.trim() !== '' ? here.name : copy.name,
    stage,
    reachOut: here.reachOut && stage === here.stage && (onlyImported || copy.reachOut),
    onDrip: stage === here.stage ? latest.onDrip : copy.onDrip,
    identities: mergeIdentities(here.identities, copy.identities),
    sources,
    qualification: mergeQualification(here.qualification, copy.qualification),
    exposures: Math.max(here.exposures, copy.exposures),
    notes: joinNotes(here.notes, copy.notes),
    stageHistory: joinHistory(here.stageHistory, copy.stageHistory, here.stage, stage, copy.stage, now),
    createdAt: Math.min(here.createdAt, copy.createdAt),
    followUpsSinceInbound: stage === here.stage ? latest.followUpsSinceInbound : copy.followUpsSinceInbound,
    outboundStreak: latest.outboundStreak,
  };
  const optional = {
    nextStep: here.nextStep ?? copy.nextStep,
    lastTouchAt: maxOpt(here.lastTouchAt, copy.lastTouchAt),
    lastInboundAt: maxOpt(here.lastInboundAt, copy.lastInboundAt),
    lastOutboundAt: maxOpt(here.lastOutboundAt, copy.lastOutboundAt),
    cadenceFrom:
      stage !== here.stage ? (copy.cadenceFrom ?? copy.createdAt) : latest === copy ? maxOpt(here.cadenceFrom, copy.cadenceFrom) : here.cadenceFrom,
  } as const;
  for (const [k, v] of Object.entries(optional)) {
    if (v === undefined) delete (joined as Record<string, unknown>)[k];
    else (joined as Record<string, unknown>)[k] = v;
  }
  if (sameData(joined, here)) return { person: here, changed: false };
  return { person: recompute({ ...joined, updatedAt: Math.max(here.updatedAt, now) }, settings), changed: true };
}

/** The copy's sources not here yet (an 'import' source records the file, not the person); here's order kept when none is new. */
function joinSources(here: Person, copy: Person): Person['sources'] {
  const key = (s: Person['sources'][number]) => `${s.kind}|${s.at}|${s.site ?? ''}|${s.contextUrl ?? ''}|${s.referrer ?? ''}`;
  const known = new Set(here.sources.map(key));
  const fresh = copy.sources.filter((s) => s.kind !== 'import' && !known.has(key(s)));
  return fresh.length === 0 ? here.sources : mergeSources(here.sources, fresh);
}

/** Notes here, with the copy's added when they are not in them already; never cut: too long, and the notes here stay. */
function joinNotes(here: string, copy: string): string {
  const h = here.trim();
  const c = copy.trim();
  if (c === '' || h.includes(c)) return here;
  if (h === '' || c.includes(h)) return copy.slice(0, LIMITS.note);
  const both = `${h}\n\n${c}`;
  return both.length <= LIMITS.note ? both : here;
}

/**
 * A stage history as a timeline: for each instant the stage it ended with (entries of the same
 * instant keep their list order), in time order, a repeat of the stage before it dropped.
 * `first` wins an instant both lists hold.
 */
function timeline(first: readonly StageChange[], second: readonly StageChange[] = []): StageChange[] {
  const endOf = new Map<number, StageChange['stage']>();
  for (const h of second) endOf.set(h.at, h.stage);
  const mine = new Map<number, StageChange['stage']>();
  for (const h of first) mine.set(h.at, h.stage);
  for (const [at, stage] of mine) endOf.set(at, stage);
  const sorted = [...endOf].sort((a, b) => a[0] - b[0]);
  return sorted.filter(([, stage], i) => i === 0 || sorted[i - 1]![1] !== stage).map(([at, stage]) => ({ stage, at }));
}

/**
 * The stage history with the copy's changes joined, when the copy's stage is the one kept (a
 * copy behind tells nothing about how the person got further). Here's list stays as it is
 * unless the copy brings a change of stage it lacks (a copy filed as "lead" today tells nothing
 * about a lead); at an instant both know, here's word stands. The current stage closes the list.
 */
function joinHistory(here: StageChange[], copy: StageChange[], hereStage: Person['stage'], stage: Person['stage'], copyStage: Person['stage'], now: number): StageChange[] {
  let out = here;
  if (copyStage === stage) {
    const joined = timeline(here, copy);
    if (!sameData(joined, timeline(here))) out = joined;
  }
  // A list here that already disagrees with the stage is left as it is when the copy adds nothing.
  const news = out !== here || stage !== hereStage;
  if (news && out[out.length - 1]?.stage !== stage) out = [...out, { stage, at: now }];
  return out.length > 500 ? out.slice(out.length - 500) : out;
}

/** Equal as data: same fields and values, whatever the key order; undefined fields count as absent. */
export function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => [k, sortKeys(x)]),
    );
  }
  return v;
}
