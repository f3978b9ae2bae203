/**
 * Imports, the way a hostile or careless file tries them: links that claim one site and lead to
 * another, versions no Handraiser made, times in the future, settings that would switch on
 * message-text storage, and the same file restored again and again.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Person } from '../../../src/domain/types';
import { csvToBackup, guessMapping, parseCsv, peopleToCsv } from '../../../src/options/csv';
import { exportJson, importJson, validateBackup, type BackupData } from '../../../src/store/backup';
import { capture } from '../../../src/store/capture';
import type { HandraiserDB } from '../../../src/store/db';
import { ImportError } from '../../../src/store/errors';
import { logTouch, updatePerson } from '../../../src/store/people';
import { getSettings } from '../../../src/store/settings';
import { snapshot } from '../reliability/helpers';
import { DAY, HOUR, NOON, freshDb, settings } from './helpers';

let db: HandraiserDB;
let file: BackupData;

const FB = 'https://www.facebook.com/ana.souza.7';

beforeEach(async () => {
  db = await freshDb();
  const ana = (await capture(db, { identity: { site: 'facebook', profileKey: 'facebook:ana.souza.7', profileUrl: FB, displayName: 'Ana', handle: 'ana.souza.7' }, surface: 'comment', as: 'lead', at: NOON, contextUrl: 'https://www.facebook.com/groups/1/posts/2' }, settings)).person;
  await updatePerson(db, ana.id, { notes: 'Met at the webinar' }, NOON, settings);
  await logTouch(db, { personId: ana.id, direction: 'outbound', channel: 'facebook', kind: 'exposure', at: NOON + HOUR, contextUrl: 'https://www.facebook.com/groups/1/posts/2' }, settings);
  file = JSON.parse(JSON.stringify(await exportJson(db, NOON + HOUR))) as BackupData;
});

/** The problems a refused file lists, as "row | field | message". */
function problemsOf(data: unknown): string[] {
  try {
    validateBackup(data, NOON + DAY);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as ImportError).problems.map((p) => `${p.row} | ${p.path} | ${p.message}`);
  }
  return [];
}

const withPerson = (edit: (p: Person) => Person) => ({ ...file, people: file.people.map(edit) });

describe('links are checked by each site’s own rules, row by row', () => {
  it('a Facebook profile that leads to another host, or to another site, is refused with a sentence naming the row', async () => {
    const evil = withPerson((p) => ({ ...p, identities: [{ ...p.identities[0]!, profileUrl: 'https://evil.example/ana.souza.7' }] }));
    expect(problemsOf(evil)).toEqual(['person 1 (Ana) | profiles, item 1, profile address | The profiles, item 1, profile address is not a Facebook profile: https://evil.example/ana.souza.7.']);
    const lookalike = withPerson((p) => ({ ...p, identities: [{ ...p.identities[0]!, profileUrl: 'https://www.facebook.com.evil.example/ana.souza.7' }] }));
    expect(problemsOf(lookalike)).toHaveLength(1);
    const otherSite = withPerson((p) => ({ ...p, identities: [{ ...p.identities[0]!, profileUrl: 'https://www.instagram.com/ana.souza.7/' }] }));
    expect(problemsOf(otherSite)).toEqual([expect.stringMatching(/is not a Facebook profile: https:\/\/www\.instagram\.com/)]);
    const otherPerson = withPerson((p) => ({ ...p, identities: [{ ...p.identities[0]!, profileUrl: 'https://www.facebook.com/zuck' }] }));
    expect(problemsOf(otherPerson)).toEqual([expect.stringMatching(/leads to another Facebook profile than this row's/)]);
    const before = await snapshot(db);
    await expect(importJson(db, evil, NOON + DAY)).rejects.toThrow(/nothing was changed/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a profile link in another form of the same profile is stored as the site rebuilds it, its handle too', async () => {
    const other = await freshDb();
    const loose = withPerson((p) => ({ ...p, identities: [{ ...p.identities[0]!, profileUrl: 'http://facebook.com/Ana.Souza.7/?ref=xyz#top', handle: 'zuck' }] }));
    await importJson(other, loose, NOON + DAY);
    const stored = (await exportJson(other, NOON)).people[0]!.identities[0]!;
    expect(stored).toMatchObject({ profileUrl: FB, handle: 'ana.souza.7', profileKey: 'facebook:ana.souza.7' });
  });

  it('where something happened must be on the site the row names; a profile link found elsewhere keeps its page', async () => {
    const comment = withPerson((p) => ({ ...p, sources: [{ ...p.sources[0]!, contextUrl: 'https://evil.example/login' }] }));
    expect(problemsOf(comment)).toEqual(['person 1 (Ana) | sources, item 1, post or thread address | The sources, item 1, post or thread address is not on Facebook, where this happened: https://evil.example/login.']);
    const noSite = withPerson((p) => ({ ...p, sources: [{ kind: 'comment', at: NOON, contextUrl: 'https://evil.example/' }] }));
    expect(problemsOf(noSite)).toEqual([expect.stringMatching(/is not on a site Handraiser supports/)]);
    const manual = withPerson((p) => ({ ...p, sources: [{ kind: 'manual', at: NOON, site: 'facebook', contextUrl: 'https://blog.example/post' }] }));
    expect(problemsOf(manual)).toEqual([]);
    const touch = { ...file, touches: file.touches.map((t) => ({ ...t, contextUrl: 'https://evil.example/login' })) };
    expect(problemsOf(touch)).toEqual([
      'touch 1 | post or thread address | The post or thread address is not on Facebook, where this happened: https://evil.example/login.',
      'touch 2 | post or thread address | The post or thread address is not on Facebook, where this happened: https://evil.example/login.',
    ]);
    const phone = { ...file, touches: file.touches.map((t) => ({ ...t, channel: 'phone' as const, contextUrl: 'https://calendar.example/call' })) };
    expect(problemsOf(phone)).toEqual([]);
    const post = { ...file, handRaisePosts: [{ postKey: 'facebook:/groups/1/posts/2', site: 'facebook' as const, url: 'https://evil.example/groups/1/posts/2', markedAt: NOON }] };
    expect(problemsOf(post)).toEqual(['hand-raise post 1 | address | The address is not the address of this Facebook post: https://evil.example/groups/1/posts/2.']);
  });
});

describe('versions and times', () => {
  it('only backup versions Handraiser made are read', () => {
    for (const version of [0, -1, 0.5, 1e9 + 0.5, Number.MAX_SAFE_INTEGER * -1]) {
      expect(problemsOf({ ...file, version }), String(version)).toEqual([expect.stringMatching(/^file \| version \| This file says it is a backup of version .*, which no version of Handraiser has made/)]);
    }
    expect(problemsOf({ ...file, version: '1' })).toEqual([expect.stringMatching(/^file \| version/)]);
    expect(problemsOf({ ...file, version: 2 })).toEqual(['file | version | This backup was made by a newer version of Handraiser. Update the extension, then import it again.']);
    expect(problemsOf(file)).toEqual([]);
  });

  it('a file cannot date anything in the future, nor put a follow-up past any cadence', () => {
    const y2100 = Date.UTC(2100, 0, 1);
    const future = {
      ...withPerson((p) => ({ ...p, lastTouchAt: y2100, nextFollowUpAt: y2100 })),
      touches: file.touches.map((t, i) => (i === 0 ? { ...t, at: y2100 } : t)),
    };
    expect(problemsOf(future)).toEqual([
      'person 1 (Ana) | last touch at | The last touch at is in the future (2100-01-01).',
      'person 1 (Ana) | next follow-up | The next follow-up is further away than any cadence allows (2100-01-01).',
      'touch 1 | time | The time is in the future (2100-01-01).',
    ]);
    // A backup made on a computer whose clock ran a few hours ahead still imports.
    expect(problemsOf(withPerson((p) => ({ ...p, updatedAt: NOON + DAY + 5 * HOUR })))).toEqual([]);
  });
});

describe('settings in a file', () => {
  it('are never applied by the import, least of all message-text storage', async () => {
    const before = await getSettings(db);
    const hostile = { ...file, settings: { ...DEFAULT_SETTINGS, storeMessageText: true, notifications: false, sites: { ...DEFAULT_SETTINGS.sites, facebook: { enabled: false, badges: false } } } };
    await importJson(db, hostile, NOON + DAY);
    expect(await getSettings(db)).toEqual(before);
    const fresh = await freshDb();
    await importJson(fresh, hostile, NOON + DAY);
    expect(await getSettings(fresh)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('restoring the same file again', () => {
  it('appends no notes and adds no exposures, however often; edits made since stay', async () => {
    const [ana] = file.people;
    expect(ana).toMatchObject({ notes: 'Met at the webinar', exposures: 1 });
    // After the backup: the notes grow, another exposure.
    await updatePerson(db, ana!.id, { notes: 'Met at the webinar\n\nCalled back on Monday' }, NOON + 2 * HOUR, settings);
    await logTouch(db, { personId: ana!.id, direction: 'outbound', channel: 'phone', kind: 'exposure', at: NOON + 2 * HOUR }, settings);
    const edited = await snapshot(db);
    for (let i = 1; i <= 3; i++) {
      await importJson(db, file, NOON + i * DAY);
      expect(await snapshot(db), `restore ${i}`).toEqual(edited);
    }
    const now = (await db.people.get(ana!.id))!;
    expect(now.notes).toBe('Met at the webinar\n\nCalled back on Monday');
    expect(now.exposures).toBe(2);
    expect(await db.touches.count()).toBe(3);
  });

  it("our own CSV, imported again and again, appends no notes and adds nobody", async () => {
    const before = await snapshot(db);
    const parsed = parseCsv(peopleToCsv(file.people));
    const words = { noName: () => '', notProfile: () => '', notSiteProfile: () => '', badStage: () => '', badPhone: () => '', badEmail: () => '', tooMany: () => '' };
    const out = csvToBackup(parsed.rows, guessMapping(parsed.headers), { settings, now: NOON + DAY, newId: () => 'csv-1', words, rowNumbers: parsed.rowNumbers });
    for (let i = 1; i <= 3; i++) await importJson(db, out.backup, NOON + i * DAY);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a file made elsewhere merges once; the second time it changes nothing', async () => {
    const elsewhere = await freshDb();
    const other = (await capture(elsewhere, { identity: file.people[0]!.identities[0]!, surface: 'dm', as: 'lead', at: NOON - DAY }, settings)).person;
    await updatePerson(elsewhere, other.id, { notes: 'Prefers evenings' }, NOON - DAY, settings);
    await logTouch(elsewhere, { personId: other.id, direction: 'outbound', channel: 'facebook', kind: 'exposure', at: NOON - DAY + HOUR }, settings);
    const theirs = await exportJson(elsewhere, NOON);
    await importJson(db, theirs, NOON + DAY);
    const once = await snapshot(db);
    const ana = once.people[0]!;
    expect(ana.notes).toBe('Met at the webinar\n\nPrefers evenings');
    expect(ana.exposures).toBe(1);
    expect(once.touches).toHaveLength(4);
    await importJson(db, theirs, NOON + 2 * DAY);
    expect(await snapshot(db)).toEqual(once);
  });
});
