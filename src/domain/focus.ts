import { signalsOf, type Signals } from './signals';
import type { Appointment, Person } from './types';

/**
 * Where a person sits in the focus list (lower first), or null when not in it:
 * 0 ready to decide, 1 prospects (and customers / team members with a follow-up due),
 * 2 leads due for follow-up. Nobody who said no, non-market, on drip or a mere suggestion.
 */
export function focusRank(person: Person, signals: Signals): number | null {
  if (person.stage === 'not_interested' || person.market === 'non_market' || person.onDrip || person.reachOut) {
    return null;
  }
  switch (person.stage) {
    case 'prospect':
      return signals.readyToDecide ? 0 : 1;
    case 'customer':
    case 'team_member':
      return signals.followUpDue ? (signals.readyToDecide ? 0 : 1) : null;
    case 'lead':
      return signals.followUpDue ? 2 : null;
  }
}

/** `appointments`: per person id. */
export function focusList(people: Person[], now: number, appointments?: Map<string, Appointment[]>): Person[] {
  const ranked: Array<{ p: Person; rank: number }> = [];
  for (const p of people) {
    const rank = focusRank(p, signalsOf(p, { now, appointments: appointments?.get(p.id) ?? [] }));
    if (rank !== null) ranked.push({ p, rank });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      (a.p.nextFollowUpAt ?? Infinity) - (b.p.nextFollowUpAt ?? Infinity) ||
      a.p.name.localeCompare(b.p.name) ||
      (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0),
  );
  return ranked.map((r) => r.p);
}
