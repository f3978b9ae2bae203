import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { profileOf } from '../../../src/domain/identity';
import { DEFAULT_SETTINGS, type Identity } from '../../../src/domain/types';
import { openDb, type HandraiserDB } from '../../../src/store/db';

export const fakeIdb = { indexedDB, IDBKeyRange };
export const settings = DEFAULT_SETTINGS;
/** A fixed local noon, so "today" never straddles midnight. */
export const NOON = new Date(2025, 2, 12, 12, 0, 0).getTime();
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

let n = 0;
export async function freshDb(): Promise<HandraiserDB> {
  n += 1;
  return openDb(`handraiser-test-${n}-${Math.random().toString(36).slice(2)}`, fakeIdb);
}

/** A demo-site identity for `slug`. */
export function demoIdentity(slug: string, displayName = slug, extra: Partial<Identity> = {}): Identity {
  const ref = profileOf(`http://localhost:5173/demo/profile/${slug}`)!;
  const id: Identity = { site: ref.site, profileKey: ref.profileKey, profileUrl: ref.canonicalUrl, displayName, ...extra };
  if (ref.handle) id.handle = ref.handle;
  return id;
}
