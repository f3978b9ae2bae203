import { silenced } from '../domain/cadence';
import type { Person, Stage } from '../domain/types';

/**
 * The one group of the pipeline a person is listed under. Drip and "reach out" are flags,
 * and IndexedDB cannot index booleans, so the group is derived on write and indexed.
 */
export type PersonGroup = Stage | 'drip' | 'reach_out';
export const PERSON_GROUPS: readonly PersonGroup[] = ['lead', 'prospect', 'customer', 'team_member', 'not_interested', 'drip', 'reach_out'];

/**
 * "Not interested" is the person's own last word and ends every follow-up, so it wins over
 * the flags (the domain clears drip and suggestions on a stage change anyway). Then a
 * suggestion (always a lead), then drip, else the stage.
 */
export function groupOf(person: Pick<Person, 'stage' | 'reachOut' | 'onDrip'>): PersonGroup {
  if (person.stage === 'not_interested') return 'not_interested';
  if (person.reachOut) return 'reach_out';
  if (person.onDrip) return 'drip';
  return person.stage;
}

/** A person as stored: the domain Person plus fields derived for the indexes. */
export interface PersonRow extends Person {
  /** One per identity; unique across people: the same profile is the same person. */
  profileKeys: string[];
  /** Lower-cased name, for prefix search from the start of the name. */
  nameLower: string;
  /** Lower-cased name words and handles, for prefix search by any word or handle. */
  searchTerms: string[];
  /** The pipeline group (groupOf), for exact counts and pages per group. */
  group: PersonGroup;
}

export function normalizeTerm(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function searchTermsOf(person: Person): string[] {
  const terms = new Set<string>();
  const addWords = (s: string) => {
    for (const w of normalizeTerm(s).split(' ')) if (w) terms.add(w.slice(0, 100));
  };
  addWords(person.name);
  for (const id of person.identities) {
    addWords(id.displayName);
    if (id.handle) {
      const h = normalizeTerm(id.handle);
      if (h) {
        terms.add(h);
        terms.add(h.replace(/^@+/, ''));
      }
    }
  }
  terms.delete('');
  return [...terms].slice(0, 100);
}

/**
 * A silenced person (not interested, non-market, drip, suggestion) keeps no follow-up date in
 * the row: the domain never computes one for them, and an imported file that carries one
 * anyway would otherwise count as due on the nextFollowUpAt index although isDue says no.
 */
export function toRow(person: Person): PersonRow {
  let stored = person;
  if (person.nextFollowUpAt !== undefined && silenced(person)) {
    const { nextFollowUpAt: _drop, ...rest } = person;
    stored = rest;
  }
  return {
    ...stored,
    profileKeys: [...new Set(person.identities.map((i) => i.profileKey))],
    nameLower: normalizeTerm(person.name),
    searchTerms: searchTermsOf(person),
    group: groupOf(person),
  };
}

export function fromRow(row: PersonRow): Person {
  const { profileKeys: _k, nameLower: _n, searchTerms: _s, group: _g, ...person } = row;
  return person;
}
