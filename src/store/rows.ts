import { silenced } from '../domain/cadence';
import { phoneDigits } from '../domain/contact';
import { queueKey, type QueueKey } from '../domain/focus';
import { foldForSearch } from '../domain/text';
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
  /** The name folded (foldForSearch: case and accents), for prefix search from the start of the name. */
  nameLower: string;
  /** Folded name words, handles, the e-mail and the phone's digits, for prefix search by any of them. */
  searchTerms: string[];
  /** The pipeline group (groupOf), for exact counts and pages per group. */
  group: PersonGroup;
  /** Today's queue position (domain/focus queueKey); absent for people never in the queue. */
  queue?: QueueKey;
}

/** What is stored for search and what is typed into it go through the same fold. */
export function normalizeTerm(s: string): string {
  return foldForSearch(s);
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
  if (person.email) terms.add(normalizeTerm(person.email).slice(0, 100));
  if (person.phone) {
    // The digits; for a number written with its country code (+ or 00), also without the
    // 1 to 3 digits that code may take, so "612 345" finds "+34 612 345 678" as well.
    const digits = phoneDigits(person.phone);
    if (digits) terms.add(digits);
    const intl = person.phone.trim().startsWith('+') ? digits : digits.startsWith('00') ? digits.slice(2) : '';
    for (let cc = 1; cc <= 3 && intl.length - cc >= 6; cc++) terms.add(intl.slice(cc));
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
  const row: PersonRow = {
    ...stored,
    profileKeys: [...new Set(person.identities.map((i) => i.profileKey))],
    nameLower: normalizeTerm(person.name),
    searchTerms: searchTermsOf(person),
    group: groupOf(person),
  };
  const queue = queueKey(stored);
  if (queue) row.queue = queue;
  return row;
}

export function fromRow(row: PersonRow): Person {
  const { profileKeys: _k, nameLower: _n, searchTerms: _s, group: _g, queue: _q, ...person } = row;
  return person;
}
