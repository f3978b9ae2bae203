/** What a write records for sync is written in the same transaction as the write, and only while sync is set up. */
import { describe, expect, it } from 'vitest';
import * as store from '../../../src/store/index';
import { enqueueAll, forgetSync, startRecording } from '../../../src/store/sync';
import { demoIdentity, freshDb, NOON, settings } from './helpers';

const ada = { identity: demoIdentity('ada', 'Ada'), surface: 'comment' as const, as: 'lead' as const, at: NOON };

describe('the sync outbox', () => {
  it('records nothing while sync is off', async () => {
    const db = await freshDb();
    await store.capture(db, ada, settings);
    expect(await db.syncOutbox.count()).toBe(0);
  });

  it('names every row a write changed, in every synced table, while sync is on', async () => {
    const db = await freshDb();
    await startRecording(db, { any: 'config' });
    const { person } = await store.capture(db, ada, settings);
    await store.scheduleAppointment(db, { personId: person.id, at: NOON, kind: 'call' }, NOON, settings);
    await store.markHandRaisePost(db, { postKey: 'demo:post:1', site: 'demo', url: 'http://localhost:5173/demo/post/1', markedAt: NOON });
    await store.setSettings(db, { dailyGoal: 12 });
    const ids = (await db.syncOutbox.toArray()).map((r) => r.id.split('/')[0]).sort();
    expect(ids).toEqual(['appointments', 'handRaisePosts', 'people', 'settings', 'touches']);
    // A deletion is recorded too.
    await db.syncOutbox.clear();
    await store.deleteTouch(db, (await db.touches.toArray())[0]!.id, NOON, settings);
    expect((await db.syncOutbox.toArray()).map((r) => r.id.split('/')[0]).sort()).toEqual(['people', 'touches']);
  });

  it('a write that fails records nothing: the outbox row is in the same transaction', async () => {
    const db = await freshDb();
    await startRecording(db, {});
    await expect(
      db.transaction('rw', db.people, db.touches, async () => {
        await db.touches.put({ id: 't1', personId: 'p', at: NOON, direction: 'inbound', channel: 'demo', kind: 'comment' });
        throw new Error('the write failed half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(await db.touches.count()).toBe(0);
    expect(await db.syncOutbox.count()).toBe(0);
  });

  it('a newly set-up device puts everything in the outbox once; forgetting sync empties it and stops recording', async () => {
    const db = await freshDb();
    await store.capture(db, ada, settings);
    await startRecording(db, {});
    expect(await enqueueAll(db)).toBe(2);
    expect(await db.syncOutbox.count()).toBe(2);
    await forgetSync(db);
    expect(await db.syncOutbox.count()).toBe(0);
    await store.capture(db, { ...ada, identity: demoIdentity('ben', 'Ben') }, settings);
    expect(await db.syncOutbox.count()).toBe(0);
    // Re-opened, the database knows whether sync is set up.
    expect(db.syncOn).toBe(false);
  });
});
