import Dexie from 'dexie';
import type { CaptureKind } from '../domain/capture';
import { applyTouch, captureAsLead, newPerson } from '../domain/person';
import type { Identity, Person, Settings, Source, SourceKind, Surface, Touch, TouchKind } from '../domain/types';
import { LIMITS } from '../domain/types';
import type { HandraiserDB } from './db';
import { StoreError } from './errors';
import { newId } from './ids';
import { fromRow, toRow } from './rows';

export type { CaptureKind } from '../domain/capture';

export interface CaptureInput {
  identity: Identity;
  surface: Surface;
  contextUrl?: string;
  text?: string;
  as: CaptureKind;
  at: number;
  /** The capture's request id (contract's RequestId): a retry with the same id is stored once. */
  requestId?: string;
}

export interface CaptureResult {
  person: Person;
  created: boolean;
  /** The inbound touch the sighting adds; null for a plain profile link (nothing happened). */
  touch: Touch | null;
}

export const MAX_SOURCES = 200;

/** The dedupe key of the touch a capture with this request id records. */
export function captureKey(requestId: string): string {
  return `capture|${requestId}`;
}

export function sourceKindOf(surface: Surface, as: CaptureKind): SourceKind {
  switch (surface) {
    case 'comment':
      return 'comment';
    case 'reaction':
      return as === 'hand_raise' ? 'hand_raise_like' : 'like';
    case 'dm':
      return 'message';
    case 'link':
      return 'manual';
  }
}

function touchKindOf(kind: SourceKind): TouchKind | null {
  switch (kind) {
    case 'comment':
    case 'like':
    case 'hand_raise_like':
    case 'message':
      return kind;
    default:
      return null;
  }
}

/** Keeps the first source (how they entered) and the latest ones. */
export function addSource(sources: Source[], source: Source): Source[] {
  const all = [...sources, source];
  return all.length <= MAX_SOURCES ? all : [all[0]!, ...all.slice(all.length - MAX_SOURCES + 1)];
}

/** The fresh sighting refreshes the identity's name, handle and picture; other identities stay. */
export function upsertIdentity(identities: Identity[], identity: Identity): Identity[] {
  const i = identities.findIndex((x) => x.profileKey === identity.profileKey);
  if (i < 0) return [...identities, identity].slice(0, 50);
  const merged: Identity = { ...identities[i]!, ...stripUndefined(identity) };
  return identities.map((x, j) => (j === i ? merged : x));
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function isConstraintError(e: unknown): boolean {
  const names = [(e as { name?: string })?.name, (e as { inner?: { name?: string } })?.inner?.name];
  return names.includes('ConstraintError') || names.includes(Dexie.errnames.Constraint);
}

/** Retries a transaction that lost a race on a unique index: the retry reads the winner's row. */
export async function retryOnConstraint<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !isConstraintError(e)) throw e;
    }
  }
}

/**
 * Records that a person raised their hand. The same profile key is always the same person:
 * a second sighting adds a touch, not a person. Read and write happen in one rw
 * transaction, so captures from several tabs at once queue up instead of doubling.
 * A capture carrying a request id that is already stored (its reply was lost, the user
 * retried) changes nothing and answers with the person as stored.
 */
export async function capture(db: HandraiserDB, input: CaptureInput, settings: Settings): Promise<CaptureResult> {
  const { identity, at } = input;
  const kind = sourceKindOf(input.surface, input.as);
  const source: Source = { kind, at, site: identity.site };
  if (input.contextUrl) source.contextUrl = input.contextUrl;
  const touchKind = touchKindOf(kind);

  const dedupeKey = touchKind && input.requestId ? captureKey(input.requestId) : undefined;

  return retryOnConstraint(() =>
    db.transaction('rw', db.people, db.touches, async () => {
      if (dedupeKey) {
        const earlier = await db.touches.where('dedupeKey').equals(dedupeKey).first();
        if (earlier) return sameCapture(db, earlier, identity.profileKey);
      }
      const row = await db.people.where('profileKeys').equals(identity.profileKey).first();
      let person: Person;
      let created = false;
      if (row) {
        person = fromRow(row);
        person = {
          ...person,
          identities: upsertIdentity(person.identities, identity),
          sources: addSource(person.sources, source),
          updatedAt: Math.max(person.updatedAt, at),
        };
        if (person.reachOut && input.as !== 'reach_out') person = captureAsLead(person, at, settings);
      } else {
        created = true;
        person = newPerson(
          {
            id: newId(),
            name: identity.displayName,
            identity,
            source,
            now: at,
            reachOut: input.as === 'reach_out',
            stage: 'lead',
            market: 'market',
          },
          settings,
        );
      }
      let touch: Touch | null = null;
      if (touchKind) {
        touch = {
          id: newId(),
          personId: person.id,
          at,
          direction: 'inbound',
          channel: identity.site,
          kind: touchKind,
        };
        if (input.contextUrl) touch.contextUrl = input.contextUrl;
        if (input.text) touch.text = input.text.slice(0, LIMITS.text);
        if (dedupeKey) touch.dedupeKey = dedupeKey;
        person = applyTouch(person, touch, settings);
        await db.touches.add(touch);
      }
      await db.people.put(toRow(person));
      return { person, created, touch };
    }),
  );
}

/** The answer to a retried capture: the stored person and touch, nothing written. */
async function sameCapture(db: HandraiserDB, earlier: Touch, profileKey: string): Promise<CaptureResult> {
  const row = await db.people.get(earlier.personId);
  if (!row || !row.profileKeys.includes(profileKey)) {
    throw new StoreError('invalid', 'This capture was already used for someone else, so nobody was captured. Please try again.');
  }
  const person = fromRow(row);
  return { person, created: person.createdAt === earlier.at, touch: earlier };
}
