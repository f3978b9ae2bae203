import { addLocalDays, dayBounds, DAY } from './time';
import type { Person, PersonState, Settings } from './types';

export { DAY };

/** Days between follow-ups for this person, or null when they get none (not interested, non-market). */
export function cadenceFor(person: Pick<Person, 'stage' | 'market'>, settings: Settings): number[] | null {
  if (person.market === 'non_market') return null;
  switch (person.stage) {
    case 'lead':
      return settings.cadence.lead;
    case 'prospect':
    case 'customer':
    case 'team_member':
      return settings.cadence.contact;
    case 'not_interested':
      return null;
  }
}

/**
 * The previous touch (or the start of the current cadence, if later) plus the next spacing,
 * in calendar days so the local hour survives a daylight-saving change.
 */
export function nextFollowUpAt(person: Person, settings: Settings): number | undefined {
  const cadence = cadenceFor(person, settings);
  if (cadence === null || person.reachOut || person.onDrip) return undefined;
  const gap = cadence[person.followUpsSinceInbound];
  if (gap === undefined) return undefined;
  const base = Math.max(person.lastTouchAt ?? person.createdAt, person.cadenceFrom ?? person.createdAt);
  return addLocalDays(base, gap);
}

/** People who must never be reminded, whatever a stored date says. */
export function silenced(person: PersonState): boolean {
  return person.stage === 'not_interested' || person.market === 'non_market' || person.onDrip || person.reachOut;
}

/**
 * Due today or earlier: a follow-up due this afternoon is on this morning's list.
 * Stored rows never keep a date for a silenced person (store/rows.ts toRow), so in the
 * store this is exactly `nextFollowUpAt < end of today` and an index count answers it.
 */
export function isDue(person: PersonState, now: number): boolean {
  if (silenced(person) || person.nextFollowUpAt === undefined) return false;
  return person.nextFollowUpAt < dayBounds(now).end;
}

/** Was due before today began (local). */
export function isOverdue(person: PersonState, now: number): boolean {
  if (silenced(person) || person.nextFollowUpAt === undefined) return false;
  return person.nextFollowUpAt < dayBounds(now).start;
}
