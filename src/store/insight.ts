import { InsightTally, type InsightFigures } from '../domain/insight';
import type { HandraiserDB } from './db';

/**
 * Conversion, median days per stage and conversion by source, over everyone. An on-demand
 * screen: people are streamed through one cursor and only counters and stint lengths are kept,
 * so 100k people are never held in a list.
 */
export async function insight(db: HandraiserDB, now: number): Promise<InsightFigures> {
  const tally = new InsightTally(now);
  await db.transaction('r', db.people, () => db.people.each((row) => tally.add(row)));
  return tally.figures();
}
