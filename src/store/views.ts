import { promotionSuggestion } from '../domain/promotion';
import { qualificationProgress, signalsOf } from '../domain/signals';
import type { Appointment, Person, PersonState, Stage, Touch } from '../domain/types';

export type Signals = ReturnType<typeof signalsOf>;
export type Promotion = NonNullable<ReturnType<typeof promotionSuggestion>>;

/** The compact status shown next to a person on a social page. */
export interface BadgeData {
  personId: string;
  name: string;
  stage: Stage;
  onDrip: boolean;
  reachOut: boolean;
  nextFollowUpAt?: number;
  /** For the hover card on a page: last touch, next step, qualification progress. */
  lastTouchAt?: number;
  nextStep?: Person['nextStep'];
  qualification: { yes: number; answered: number };
  signals: Signals;
  promotion?: Promotion;
}

export interface PersonWithSignals {
  person: Person;
  signals: Signals;
}

export function badgeOf(
  person: PersonState,
  now: number,
  appointments: Appointment[],
  touches: Touch[] | undefined,
): BadgeData {
  const badge: BadgeData = {
    personId: person.id,
    name: person.name,
    stage: person.stage,
    onDrip: person.onDrip,
    reachOut: person.reachOut,
    qualification: (({ yes, answered }) => ({ yes, answered }))(qualificationProgress(person.qualification)),
    signals: signalsOf(person, { now, appointments }),
  };
  if (person.nextFollowUpAt !== undefined) badge.nextFollowUpAt = person.nextFollowUpAt;
  if (person.lastTouchAt !== undefined) badge.lastTouchAt = person.lastTouchAt;
  if (person.nextStep) badge.nextStep = person.nextStep;
  if (touches) {
    const promotion = promotionSuggestion(person, touches, appointments);
    if (promotion) badge.promotion = promotion;
  }
  return badge;
}

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
