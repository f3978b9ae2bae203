import { beforeEach, describe, expect, it } from 'vitest';
import { deleteAll, exportJson, importJson, validateBackup } from '../../../src/store/backup';
import { capture } from '../../../src/store/capture';
import type { HandraiserDB } from '../../../src/store/db';
import { ImportError } from '../../../src/store/errors';
import { logTouch, mergePeople, recordDmMessages, scheduleAppointment, setStage } from '../../../src/store/people';
import { markHandRaisePost } from '../../../src/store/posts';
import { getSettings, setSettings } from '../../../src/store/settings';
import { DAY, demoIdentity, freshDb, HOUR, NOON, settings } from './helpers';

let db: HandraiserDB;
beforeEach(async () => {
  db = await freshDb();
});

async function seed(target: HandraiserDB) {
  const ada = (await capture(target, { identity: demoIdentity('ada', 'Ada', { avatarUrl: 'https://x.test/a.png' }), surface: 'comment', as: 'lead', at: NOON, contextUrl: 'http://localhost/demo/post/1', text: 'me!' }, settings)).person;
  const bob = (await capture(target, { identity: demoIdentity('bob', 'Bob'), surface: 'reaction', as: 'reach_out', at: NOON }, settings)).person;
  await logTouch(target, { personId: ada.id, direction: 'outbound', channel: 'demo', kind: 'message', at: NOON + HOUR, text: 'hi' }, settings);
  await recordDmMessages(target, { identity: demoIdentity('ada') }, [{ dedupeKey: 'm1', direction: 'inbound', at: NOON + 2 * HOUR }], NOON, settings);
  await setStage(target, ada.id, 'prospect', NOON + 3 * HOUR, settings);
  await scheduleAppointment(target, { personId: ada.id, at: NOON + DAY, kind: 'call' }, NOON + 3 * HOUR, settings);
  await markHandRaisePost(target, { postKey: 'demo:/demo/post/1', site: 'demo', url: 'http://localhost/demo/post/1', markedAt: NOON, title: 'Like if...' });
  await setSettings(target, { dailyGoal: 12 });
  return { ada, bob };
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('export / import', () => {
  it('export then import into an empty database gives the same data', async () => {
    await seed(db);
    const backup = await exportJson(db, NOON);
    expect(backup).toMatchObject({ format: 'handraiser-backup', version: 1, exportedAt: NOON });
    expect(backup.people[0]).not.toHaveProperty('profileKeys');
    const json = JSON.parse(JSON.stringify(backup)) as unknown;
    const target = await freshDb();
    const summary = await importJson(target, json, NOON + DAY);
    expect(summary).toEqual({ people: 2, merged: 0, touches: 4, appointments: 1, handRaisePosts: 1 });
    const again = await exportJson(target, NOON);
    expect(byId(again.people)).toEqual(byId(backup.people));
    expect(byId(again.touches)).toEqual(byId(backup.touches));
    expect(again.appointments).toEqual(backup.appointments);
    expect(again.handRaisePosts).toEqual(backup.handRaisePosts);
    // The file's settings (a daily goal of 12) are not applied by the import.
    expect(again.settings.dailyGoal).toBe(8);
    // Indexes are rebuilt: the imported person is found by profile key, and DMs stay de-duplicated.
    expect(await target.people.where('profileKeys').equals('demo:ada').count()).toBe(1);
    const dm = await recordDmMessages(target, { identity: demoIdentity('ada') }, [{ dedupeKey: 'm1', direction: 'inbound' }], NOON, settings);
    expect(dm.added).toHaveLength(0);
  });

  it('importing the same file twice merges instead of doubling', async () => {
    await seed(db);
    const backup = await exportJson(db, NOON);
    const summary = await importJson(db, backup, NOON + DAY);
    expect(summary.merged).toBe(2);
    expect(await db.people.count()).toBe(2);
    expect(await db.touches.count()).toBe(4);
    const ada = await db.people.where('profileKeys').equals('demo:ada').first();
    expect(ada?.stage).toBe('prospect');
  });

  it('a person whose profile already exists under another id is merged, their history moved over', async () => {
    const { ada } = await seed(db);
    const other = await freshDb();
    const otherAda = (await capture(other, { identity: demoIdentity('ada', 'Ada L'), surface: 'dm', as: 'lead', at: NOON - DAY }, settings)).person;
    await logTouch(other, { personId: otherAda.id, direction: 'outbound', channel: 'phone', kind: 'call', at: NOON - DAY + HOUR }, settings);
    const summary = await importJson(db, await exportJson(other, NOON), NOON + DAY);
    expect(summary).toMatchObject({ people: 0, merged: 1, touches: 2 });
    expect(await db.people.count()).toBe(2);
    expect(await db.touches.where('personId').equals(ada.id).count()).toBe(5);
    const merged = (await db.people.get(ada.id))!;
    expect(merged.stage).toBe('prospect');
    expect(merged.sources.map((s) => s.kind)).toContain('message');
  });

  it('an invalid file changes nothing and lists every problem in plain words', async () => {
    await seed(db);
    const before = await exportJson(db, NOON);
    const bad = JSON.parse(JSON.stringify(before)) as { people: Record<string, unknown>[]; touches: Record<string, unknown>[] };
    bad.people.push({ ...bad.people[0], id: 'new-one', name: 'Copy', identities: [{ ...(bad.people[0]!.identities as object[])[0], profileUrl: 'javascript:alert(1)', profileKey: 'demo:copy' }] });
    bad.people[1]!.stage = 'boss';
    bad.touches.push({ id: 'tx', personId: 'ghost', at: NOON, direction: 'inbound', channel: 'demo', kind: 'comment' });
    let error: unknown;
    try {
      await importJson(db, bad, NOON);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    const problems = (error as ImportError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 'person 3 (Copy)', message: expect.stringMatching(/web address|http/) }),
        expect.objectContaining({ row: expect.stringMatching(/^person 2/), path: 'stage', message: expect.stringMatching(/should be one of: lead, prospect/) }),
        expect.objectContaining({ row: 'touch 5', message: 'It belongs to a person who is not in the file.' }),
      ]),
    );
    expect((error as ImportError).message).toMatch(/nothing was changed/);
    const after = await exportJson(db, NOON);
    expect(after).toEqual(before);
  });

  it("a file's settings are never applied by the import: follow-up dates stay as filed, under the cadence here", async () => {
    const { ada } = await seed(db);
    const file = await exportJson(db, NOON);
    const odd = NOON + 123_456;
    const hostile = {
      ...file,
      people: file.people.map((p) => (p.id === ada.id ? { ...p, nextFollowUpAt: odd } : p)),
      settings: { ...file.settings, cadence: { lead: [9, 10], contact: [9, 10, 11] }, storeMessageText: true, notifications: false },
    };
    const other = await freshDb();
    await setSettings(other, { cadence: { lead: [3, 4], contact: [2, 4, 6] } });
    const before = await getSettings(other);
    await importJson(other, hostile, NOON + DAY);
    expect(await getSettings(other)).toEqual(before);
    expect((await other.people.get(ada.id))!.nextFollowUpAt).toBe(odd);
    // The file's settings are still checked: a file with broken ones is refused as a whole.
    const broken = { ...file, settings: { ...file.settings, dailyGoal: -1 } };
    await expect(importJson(other, broken, NOON + DAY)).rejects.toThrow(/daily goal/);
  });

  it('a missing field is told apart from a wrong one, in every kind of row', async () => {
    // Valid rows are parsed without { reportInput: true } (cheaper); a failing row must still be
    // explained with its input, or a missing choice would read "should be one of...".
    await seed(db);
    const file = JSON.parse(JSON.stringify(await exportJson(db, NOON))) as Record<string, Record<string, unknown>[]>;
    delete file.people![0]!.stage;
    file.people![1]!.stage = 'boss';
    delete file.touches![0]!.direction;
    delete file.appointments![0]!.status;
    delete file.handRaisePosts![0]!.site;
    let error: unknown;
    try {
      validateBackup(file, NOON);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    const messages = (error as ImportError).problems.map((p) => `${p.row.replace(/ \(.*\)$/, '')}: ${p.message}`);
    // (Then the relations: touches of the people refused above.)
    expect(messages.slice(0, 5)).toEqual([
      'person 1: The stage is missing.',
      'person 2: The stage should be one of: lead, prospect, customer, team_member, not_interested.',
      'touch 1: The direction is missing.',
      'appointment 1: The status is missing.',
      'hand-raise post 1: The site is missing.',
    ]);
  });

  it('rejects files that are not Handraiser backups, or from a newer version', async () => {
    expect(() => validateBackup({ hello: 1 }, NOON)).toThrow(/not a Handraiser backup/);
    expect(() => validateBackup(null, NOON)).toThrow(ImportError);
    expect(() => validateBackup({ format: 'handraiser-backup', version: 9, people: [], touches: [], appointments: [] }, NOON)).toThrow(/newer version/);
    expect(() => validateBackup({ format: 'handraiser-backup', version: 1, people: 'x', touches: [], appointments: [] }, NOON)).toThrow(/people/);
  });

  it('a file where two people share a profile is refused', async () => {
    await seed(db);
    const b = await exportJson(db, NOON);
    const dup = { ...b.people[0]!, id: 'dup' };
    expect(() => validateBackup({ ...b, people: [...b.people, dup] }, NOON)).toThrow(/also belongs to person/);
  });
});

describe('mergePeople', () => {
  it('loses nothing: identities, sources, touches and appointments all move to the kept person', async () => {
    const { ada, bob } = await seed(db);
    const touchesBefore = await db.touches.count();
    const merged = await mergePeople(db, ada.id, bob.id, NOON + DAY, settings);
    expect(await db.people.count()).toBe(1);
    expect(await db.people.get(bob.id)).toBeUndefined();
    expect(merged.identities.map((i) => i.profileKey).sort()).toEqual(['demo:ada', 'demo:bob']);
    expect(await db.touches.count()).toBe(touchesBefore);
    expect(await db.touches.where('personId').equals(ada.id).count()).toBe(touchesBefore);
    expect(await db.appointments.where('personId').equals(ada.id).count()).toBe(1);
    expect((await db.people.where('profileKeys').equals('demo:bob').first())?.id).toBe(ada.id);
    await expect(mergePeople(db, ada.id, ada.id, NOON, settings)).rejects.toMatchObject({ code: 'invalid' });
    await expect(mergePeople(db, ada.id, bob.id, NOON, settings)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('deleteAll', () => {
  it('removes people and their history, keeps settings', async () => {
    await seed(db);
    await deleteAll(db);
    expect(await db.people.count()).toBe(0);
    expect(await db.touches.count()).toBe(0);
    expect(await db.appointments.count()).toBe(0);
    expect(await db.handRaisePosts.count()).toBe(0);
    expect((await exportJson(db, NOON)).settings.dailyGoal).toBe(12);
  });
});
