import { recompute } from '../domain/person';
import { DEFAULT_SETTINGS, Settings } from '../domain/types';
import type { HandraiserDB } from './db';
import { StoreError } from './errors';
import { fromRow, toRow } from './rows';
import { sentenceOf } from './errors';

const KEY = 'settings';
/** People recomputed per transaction when the cadence changes: keeps each transaction short. */
export const RECOMPUTE_BATCH = 200;

/** The stored settings; anything missing or unreadable falls back to the defaults. */
export async function getSettings(db: HandraiserDB): Promise<Settings> {
  const row = await db.settings.get(KEY);
  if (!row) return DEFAULT_SETTINGS;
  const merged = { ...DEFAULT_SETTINGS, ...(row.value as object) };
  const parsed = Settings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Replaces the given top-level fields. Validated; a cadence change recomputes every follow-up date. */
export async function setSettings(db: HandraiserDB, patch: Partial<Settings>): Promise<Settings> {
  const current = await getSettings(db);
  const parsed = Settings.safeParse({ ...current, ...patch });
  if (!parsed.success) {
    throw new StoreError('invalid', sentenceOf(parsed.error.issues[0]!, 'setting'));
  }
  const next = parsed.data;
  await db.settings.put({ key: KEY, value: next });
  if (JSON.stringify(current.cadence) !== JSON.stringify(next.cadence)) {
    await recomputeAll(db, next);
  }
  return next;
}

/** Recomputes derived fields of every person, in batches walked by primary key. */
export async function recomputeAll(db: HandraiserDB, settings: Settings): Promise<number> {
  let last: string | undefined;
  let count = 0;
  for (;;) {
    const done = await db.transaction('rw', db.people, async () => {
      const batch =
        last === undefined
          ? await db.people.orderBy('id').limit(RECOMPUTE_BATCH).toArray()
          : await db.people.where('id').above(last).limit(RECOMPUTE_BATCH).toArray();
      if (batch.length === 0) return true;
      await db.people.bulkPut(batch.map((row) => toRow(recompute(fromRow(row), settings))));
      last = batch[batch.length - 1]!.id;
      count += batch.length;
      return batch.length < RECOMPUTE_BATCH;
    });
    if (done) return count;
  }
}
