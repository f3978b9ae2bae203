/**
 * Forged DM rows, as a page script would insert them into an open thread: the times they
 * carry never reach past the present, one visit records a bounded number of touches per
 * person, and no such input pushes a person's dates into the future or stops their reminders.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { FUTURE_ALLOWANCE } from '../../../src/domain/time';
import { DM_VISIT_MS, MAX_DM_TOUCHES_PER_VISIT } from '../../../src/domain/touch';
import { capture } from '../../../src/store/capture';
import type { HandraiserDB } from '../../../src/store/db';
import { countDue } from '../../../src/store/due';
import { recordDmMessages, type DmInput } from '../../../src/store/people';
import { DAY, HOUR, demoIdentity, freshDb, NOON, settings } from './helpers';

const YEAR_2100 = Date.UTC(2100, 0, 1);
let db: HandraiserDB;
let adaId: string;

beforeEach(async () => {
  db = await freshDb();
  adaId = (await capture(db, { identity: demoIdentity('ada', 'Ada'), surface: 'comment', as: 'lead', at: NOON }, settings)).person.id;
});

const rows = (n: number, prefix: string, over: Partial<DmInput> = {}): DmInput[] =>
  Array.from({ length: n }, (_, i) => ({ dedupeKey: `${prefix}-${i}`, direction: i % 2 ? 'inbound' : 'outbound', at: NOON - (n - i) * 60_000, ...over }));
const record = (messages: DmInput[], now = NOON) => recordDmMessages(db, { identity: demoIdentity('ada') }, messages, now, settings);
const ada = async () => (await db.people.get(adaId))!;

describe('times a page gives', () => {
  it('a row dated 2100 is recorded at most five minutes from now, and she still comes due', async () => {
    const { added } = await record([{ dedupeKey: 'forged-2100', direction: 'inbound', at: YEAR_2100 }]);
    expect(added).toHaveLength(1);
    expect(added[0]!.at).toBe(NOON + FUTURE_ALLOWANCE);
    const p = await ada();
    expect(p.lastTouchAt).toBe(NOON + FUTURE_ALLOWANCE);
    expect(p.updatedAt).toBeLessThanOrEqual(NOON + FUTURE_ALLOWANCE);
    // Her next follow-up follows the lead cadence from that touch: two days, not the year 2100.
    expect(p.nextFollowUpAt).toBeLessThanOrEqual(NOON + FUTURE_ALLOWANCE + 2 * DAY + HOUR);
    expect(await countDue(db, NOON + 3 * DAY)).toBe(1);
  });

  it('an outbound row from the future cannot move the follow-up date past the cadence either', async () => {
    await record([{ dedupeKey: 'o', direction: 'outbound', at: YEAR_2100 }]);
    const p = await ada();
    expect(p.lastOutboundAt).toBe(NOON + FUTURE_ALLOWANCE);
    expect(p.nextFollowUpAt).toBeLessThan(NOON + 6 * DAY);
  });

  it('times within the allowance and in the past are kept as the page gave them', async () => {
    const { added } = await record([
      { dedupeKey: 'a', direction: 'inbound', at: NOON - DAY },
      { dedupeKey: 'b', direction: 'outbound', at: NOON + 60_000 },
    ]);
    expect(added.map((t) => t.at)).toEqual([NOON - DAY, NOON + 60_000]);
  });
});

describe('one visit records a bounded number of touches per person', () => {
  it('3,001 forged rows in one visit, in one request or many, add at most the bound', async () => {
    await record(rows(500, 'a'));
    for (let i = 0; i < 5; i++) await record(rows(500, `b${i}`), NOON + i * 60_000);
    await record(rows(1, 'c'), NOON + 10 * 60_000);
    const dm = await db.touches.where('personId').equals(adaId).filter((t) => t.dedupeKey?.startsWith('dm|') ?? false).count();
    expect(dm).toBe(MAX_DM_TOUCHES_PER_VISIT);
  });

  it('keeps the newest when a visit shows more than the bound, and the rest on a later visit', async () => {
    const many = rows(MAX_DM_TOUCHES_PER_VISIT + 20, 'h');
    const { added } = await record(many);
    expect(added).toHaveLength(MAX_DM_TOUCHES_PER_VISIT);
    const newest = many.slice(-MAX_DM_TOUCHES_PER_VISIT).map((m) => `dm|demo:ada|${m.dedupeKey}`);
    expect(added.map((t) => t.dedupeKey)).toEqual(newest);
    // Same visit: nothing more. An hour later, the same thread shows them again: the 20 held back go in.
    expect((await record(many, NOON + 30 * 60_000)).added).toHaveLength(0);
    const later = await record(many, NOON + DM_VISIT_MS);
    expect(later.added).toHaveLength(20);
    expect(await db.touches.where('personId').equals(adaId).count()).toBe(1 + many.length);
  });

  it('each person has their own visit', async () => {
    const bob = (await capture(db, { identity: demoIdentity('bob', 'Bob'), surface: 'comment', as: 'lead', at: NOON }, settings)).person;
    await record(rows(200, 'x'));
    const forBob = await recordDmMessages(db, { identity: demoIdentity('bob') }, rows(200, 'y'), NOON, settings);
    expect(forBob.added).toHaveLength(MAX_DM_TOUCHES_PER_VISIT);
    expect(await db.touches.where('personId').equals(bob.id).count()).toBe(1 + MAX_DM_TOUCHES_PER_VISIT);
  });

  it('a clock set back does not stretch a visit into the past; a hostile visit record in the store is ignored', async () => {
    await record(rows(MAX_DM_TOUCHES_PER_VISIT, 'p'), NOON);
    // The computer's clock goes back an hour: that ends the visit rather than extending it.
    expect((await record(rows(5, 'q'), NOON - HOUR)).added).toHaveLength(5);
    await db.meta.put({ key: 'dm-visits', value: { [adaId]: { start: 'soon', count: -1e9 }, other: null } });
    expect((await record(rows(MAX_DM_TOUCHES_PER_VISIT + 5, 'r'), NOON + HOUR)).added).toHaveLength(MAX_DM_TOUCHES_PER_VISIT);
  });

  it('already recorded messages cost the visit nothing', async () => {
    const some = rows(10, 's');
    await record(some);
    for (let i = 0; i < 20; i++) await record(some, NOON + i * 1000);
    expect((await record(rows(MAX_DM_TOUCHES_PER_VISIT, 't'), NOON + 60_000)).added).toHaveLength(MAX_DM_TOUCHES_PER_VISIT - 10);
  });
});
