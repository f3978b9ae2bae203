import type { Person } from '../domain/types';

/** A person as stored: the domain Person plus fields derived for the indexes. */
export interface PersonRow extends Person {
  /** One per identity; unique across people: the same profile is the same person. */
  profileKeys: string[];
  /** Lower-cased name, for prefix search from the start of the name. */
  nameLower: string;
  /** Lower-cased name words and handles, for prefix search by any word or handle. */
  searchTerms: string[];
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

export function toRow(person: Person): PersonRow {
  return {
    ...person,
    profileKeys: [...new Set(person.identities.map((i) => i.profileKey))],
    nameLower: normalizeTerm(person.name),
    searchTerms: searchTermsOf(person),
  };
}

export function fromRow(row: PersonRow): Person {
  const { profileKeys: _k, nameLower: _n, searchTerms: _s, ...person } = row;
  return person;
}
