/**
 * Importing a file twice, or one's own export, changes nothing the second time; one's own
 * export changes nothing the first time either. For random pipelines built through the real
 * router and store, with JSON backups and with our own CSV (the options page's path: CSV text,
 * parsed, its columns guessed, turned into a backup, imported).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/domain/types';
import type { Backup } from '../../../src/messages/contract';
import { csvToBackup, guessMapping, parseCsv, peopleToCsv } from '../../../src/options/csv';
import { HOUR } from '../store/helpers';
import { snapshot, type Harness } from './helpers';
import { opArb, pipeline } from './pipelines';

const words = { noName: () => 'no name', notProfile: () => 'not a profile', notSiteProfile: () => 'not that site', badStage: () => 'bad stage', badPhone: () => 'bad phone', badEmail: () => 'bad e-mail', tooMany: () => 'too many' };
let ids = 0;

async function exported(h: Harness): Promise<Backup> {
  return JSON.parse(JSON.stringify((await h.ok<{ backup: Backup }>('exportJson', {})).backup)) as Backup;
}

/** Our own CSV of `backup`'s people, as the options page would import it. */
function csvImportOf(backup: Backup, now: number): unknown {
  const parsed = parseCsv(peopleToCsv(backup.people));
  const out = csvToBackup(parsed.rows, guessMapping(parsed.headers), { settings: DEFAULT_SETTINGS, now, newId: () => `csv-${++ids}`, words, rowNumbers: parsed.rowNumbers });
  if (!out.backup) throw new Error(`our own CSV was refused: ${JSON.stringify(out.problems).slice(0, 300)}`);
  return out.backup;
}

async function importInto(h: Harness & { clock: { now: number } }, data: unknown): Promise<void> {
  h.clock.now += HOUR;
  const r = await h.send('importJson', { data: JSON.parse(JSON.stringify(data)) });
  if (!r.ok) throw new Error(`import refused: ${r.error.message} ${JSON.stringify(r.error.details ?? []).slice(0, 400)}`);
}

const pipelines = fc.array(opArb, { minLength: 1, maxLength: 30 });

describe('re-importing changes nothing', () => {
  it("one's own export, JSON then CSV, changes nothing at all", async () => {
    let people = 0;
    await fc.assert(
      fc.asyncProperty(pipelines, async (ops) => {
        const h = await pipeline(ops);
        const before = await snapshot(h.db);
        const file = await exported(h);
        people += file.people.length;
        await importInto(h, file);
        expect(await snapshot(h.db)).toEqual(before);
        await importInto(h, csvImportOf(file, h.clock.now));
        expect(await snapshot(h.db)).toEqual(before);
        h.db.close();
      }),
      { numRuns: 25 },
    );
    expect(people).toBeGreaterThan(0);
  }, 300_000);

  it("another pipeline's file, JSON or CSV, changes nothing the second time", async () => {
    let merged = 0;
    await fc.assert(
      fc.asyncProperty(pipelines, pipelines, fc.boolean(), async (mine, theirs, asCsv) => {
        const h = await pipeline(mine);
        const other = await pipeline(theirs);
        h.clock.now = Math.max(h.clock.now, other.clock.now);
        const backup = await exported(other);
        const file = asCsv ? csvImportOf(backup, other.clock.now) : backup;
        const before = await snapshot(h.db);
        await importInto(h, file);
        const once = await snapshot(h.db);
        if (before.people.some((p) => once.people.some((q) => q.id === p.id && JSON.stringify(q) !== JSON.stringify(p)))) merged++;
        await importInto(h, file);
        expect(await snapshot(h.db)).toEqual(once);
        h.db.close();
        other.db.close();
      }),
      { numRuns: 30 },
    );
    // The property says something only if some imports did merge into people already here.
    expect(merged).toBeGreaterThan(0);
  }, 300_000);
});
