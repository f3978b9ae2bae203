/**
 * The benchmarks seed their 100k people as raw rows (bench/lib/people.mjs), past the store: the
 * derived fields they compute must be the ones src/store/rows.ts toRow derives, or the queue
 * and the search the benchmarks time would run on rows the store never writes.
 */
import { describe, expect, it } from 'vitest';
import { generatePeople } from '../../../bench/lib/people.mjs';
import { fromRow, toRow, type PersonRow } from '../../../src/store/rows';
import { NOON } from './helpers';

describe('bench rows', () => {
  it('derive what the store derives', () => {
    const rows = generatePeople(0, 300, NOON, true) as unknown as PersonRow[];
    for (const row of rows) expect(row, row.id).toEqual(toRow(fromRow(row)));
    expect(rows.some((r) => r.queue !== undefined)).toBe(true);
  });
});
