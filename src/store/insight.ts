import { InsightTally, type InsightFigures } from '../domain/insight';
import type { HandraiserDB } from './db';

/** People who came in (were created) in [from, to); either end may be open. */
export interface InsightRange {
  from?: number;
  to?: number;
}

/**
 * Conversion, median days per stage, conversion by source and by site, over the people who
 * came in during `range` (everyone without one). An on-demand screen: people are streamed
 * through one cursor (the createdAt index for a range) and only counters and stint lengths
 * are kept, so 100k people are never held in a list.
 */
export async function insight(db: HandraiserDB, now: number, range: InsightRange = {}): Promise<InsightFigures> {
  const tally = new InsightTally(now);
  await db.transaction('r', db.people, () => {
    if (range.from === undefined && range.to === undefined) return db.people.each((row) => tally.add(row));
    return db.people
      .where('createdAt')
      .between(range.from ?? -Infinity, range.to ?? Infinity, true, false)
      .each((row) => tally.add(row));
  });
  return tally.figures();
}
