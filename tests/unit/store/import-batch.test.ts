/**
 * importJson reads every incoming id, profile key and message key up front and writes in
 * bulk. Its result must be exactly what the old one-person-at-a-time import gave: this file
 * keeps that old algorithm as the oracle and compares both on random databases and files.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absorbCopy } from '../../../src/domain/absorb';
import { mergePeople as mergeDomain } from '../../../src/domain/merge';
import { newPerson } from '../../../src/domain/person';
import type { Person, Touch } from '../../../src/domain/types';
import { exportJson, importJson, validateBackup, type ImportSummary } from '../../../src/store/backup';
import type { HandraiserDB } from '../../../src/store/db';
import { fromRow, toRow, type PersonRow } from '../../../src/store/rows';
import { getSettings } from '../../../src/store/settings';
import { DAY, demoIdentity, freshDb, NOON, settings } from './helpers';


/** The import as it was before the batch version (people and touches part), one row at a time. */
async function oracleImport(db: HandraiserDB, data: unknown, now: number): Promise<ImportSummary> {
  const backup = validateBackup(data, now);
  const s = await getSettings(db);
  const summary: ImportSummary = { people: 0, merged: 0, touches: 0, appointments: 0, handRaisePosts: 0 };
  await db.transaction('rw', [db.people, db.touches, db.appointments, db.handRaisePosts, db.settings], async () => {
    const idMap = new Map<string, string>();
    for (const incoming of backup.people) {
      const keys = [...new Set(incoming.identities.map((i) => i.profileKey))];
      const sameId = await db.people.get(incoming.id);
      const byKey = keys.length ? await db.people.where('profileKeys').anyOf(keys).toArray() : [];
      const existing = new Map<string, PersonRow>();
      if (sameId) existing.set(sameId.id, sameId);
      for (const r of byKey) existing.set(r.id, r);
      if (existing.size === 0) {
        await db.people.add(toRow(incoming));
        idMap.set(incoming.id, incoming.id);
        summary.people++;
        continue;
      }
      const [keep, ...others] = [...existing.values()];
      let merged = fromRow(keep!);
      for (const other of others) {
        merged = mergeDomain(merged, fromRow(other), now, s);
        await db.people.delete(other.id);
        await db.touches.where('personId').equals(other.id).modify({ personId: keep!.id });
        await db.appointments.where('personId').equals(other.id).modify({ personId: keep!.id });
      }
      merged = absorbCopy(merged, incoming, now, s).person;
      await db.people.put(toRow({ ...merged, id: keep!.id }));
      idMap.set(incoming.id, keep!.id);
      summary.merged++;
    }
    for (const t of backup.touches) {
      const touch = { ...t, personId: idMap.get(t.personId) ?? t.personId };
      if (touch.dedupeKey !== undefined) {
        const holder = await db.touches.where('dedupeKey').equals(touch.dedupeKey).first();
        if (holder && holder.id !== touch.id) continue;
      }
      await db.touches.put(touch);
      summary.touches++;
    }
    for (const a of backup.appointments) {
      await db.appointments.put({ ...a, personId: idMap.get(a.personId) ?? a.personId });
      summary.appointments++;
    }
    if (backup.handRaisePosts.length) await db.handRaisePosts.bulkPut(backup.handRaisePosts);
    summary.handRaisePosts = backup.handRaisePosts.length;
  });
  return summary;
}

const KEYS = 8;
const IDS = 8;

function personWith(id: string, keys: number[], at: number, stage: Person['stage']): Person {
  const p = newPerson({ id, name: `N ${id}`, source: { kind: 'comment', at }, now: at, stage }, settings);
  return { ...p, identities: keys.map((k) => demoIdentity(`k${k}`, `K ${k}`)) };
}

/** People with distinct ids and disjoint profile keys (as both a database and a valid file hold them). */
const peopleArb = (prefix: string) =>
  fc
    .record({
      ids: fc.uniqueArray(fc.nat({ max: IDS - 1 }), { maxLength: 6 }),
      owner: fc.array(fc.nat({ max: 6 }), { minLength: KEYS, maxLength: KEYS }),
      ats: fc.array(fc.nat({ max: 20 }), { minLength: 6, maxLength: 6 }),
      stages: fc.array(fc.constantFrom('lead' as const, 'prospect' as const, 'customer' as const), { minLength: 6, maxLength: 6 }),
      sharedIds: fc.boolean(),
    })
    .map(({ ids, owner, ats, stages, sharedIds }) =>
      ids.map((n, i) => {
        const keys = owner.flatMap((o, k) => (o === i ? [k] : []));
        // Ids are drawn from a pool the other side shares, or from this side's own.
        return personWith(`${sharedIds ? 'x' : prefix}${n}`, keys.length ? keys : [KEYS + i + (prefix === 'f' ? 10 : 0)], NOON - ats[i]! * DAY, stages[i]!);
      }),
    );

const touchesArb = fc.array(
  fc.record({ id: fc.nat({ max: 9 }), who: fc.nat({ max: 5 }), dedupe: fc.option(fc.nat({ max: 4 }), { nil: undefined }), at: fc.nat({ max: 10 }) }),
  { maxLength: 8 },
);

function touchesFor(people: Person[], raw: { id: number; who: number; dedupe?: number; at: number }[]): Touch[] {
  if (!people.length) return [];
  const seenIds = new Set<string>();
  const seenKeys = new Set<string>();
  const out: Touch[] = [];
  for (const r of raw) {
    const id = `t${r.id}`;
    const key = r.dedupe === undefined ? undefined : `dm|k|${r.dedupe}`;
    if (seenIds.has(id) || (key && seenKeys.has(key))) continue;
    seenIds.add(id);
    if (key) seenKeys.add(key);
    const t: Touch = { id, personId: people[r.who % people.length]!.id, at: NOON - r.at * 1000, direction: 'inbound', channel: 'demo', kind: 'message' };
    if (key) t.dedupeKey = key;
    out.push(t);
  }
  return out;
}

async function seeded(people: Person[], touches: Touch[]): Promise<HandraiserDB> {
  const db = await freshDb();
  await db.people.bulkPut(people.map(toRow));
  await db.touches.bulkPut(touches);
  await db.appointments.bulkPut(
    people.slice(0, 2).map((p, i) => ({ id: `a${i}`, personId: p.id, at: NOON + i, kind: 'call' as const, status: 'scheduled' as const, createdAt: NOON })),
  );
  return db;
}

describe('importJson in bulk gives what the row-by-row import gave', () => {
  it('on random databases and files: same summary, same people, touches and appointments', async () => {
    await fc.assert(
      fc.asyncProperty(peopleArb('b'), touchesArb, peopleArb('f'), touchesArb, async (basePeople, baseRaw, filePeople, fileRaw) => {
        const baseTouches = touchesFor(basePeople, baseRaw);
        const empty = await freshDb();
        const file = {
          ...(await exportJson(empty, NOON)),
          people: filePeople,
          touches: touchesFor(filePeople, fileRaw),
          appointments: filePeople.slice(0, 1).map((p) => ({ id: 'a9', personId: p.id, at: NOON, kind: 'call' as const, status: 'kept' as const, createdAt: NOON })),
        };
        delete (file as { settings?: unknown }).settings;
        const a = await seeded(basePeople, baseTouches);
        const b = await seeded(basePeople, baseTouches);
        const want = await oracleImport(a, file, NOON + DAY);
        const got = await importJson(b, file, NOON + DAY);
        expect(got).toEqual(want);
        const [x, y] = await Promise.all([exportJson(a, NOON), exportJson(b, NOON)]);
        const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((p, q) => (p.id < q.id ? -1 : 1));
        expect(byId(y.people)).toEqual(byId(x.people));
        expect(byId(y.touches)).toEqual(byId(x.touches));
        expect(byId(y.appointments)).toEqual(byId(x.appointments));
        a.close();
        b.close();
        empty.close();
      }),
      { numRuns: 150 },
    );
    // 150 random imports, each into fresh databases: seconds, more on a busy machine.
  }, 60_000);
});
