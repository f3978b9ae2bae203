/**
 * Check 1a: every hostile string, sent through the real router into fake-indexeddb as a name,
 * a comment text, a note, a URL or an imported row, is either stored as the exact plain text
 * (bounded by LIMITS; names trimmed and whitespace-collapsed) or refused with a readable
 * 'invalid' sentence. Never a javascript:/data: URL stored; nothing throws; nothing polluted.
 * The same corpus is rendered in real Chromium by tests/e2e/reliability-xss.e2e.ts.
 */
import { cleanText } from '../../../src/domain/text';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain/types';
import type { Backup } from '../../../src/messages/contract';
import { cleanedName, PAYLOADS, type Payload } from '../../fixtures/hostile/payloads';
import { expectNoPollution, expectOnlyWebUrlsStored, expectRefused, harness, PAGE, POST, profile, snapshot, type Harness } from './helpers';

const cases = PAYLOADS.map((p) => [p.id, p] as const);
/** encodeURIComponent throws on lone surrogates: a page would have sent U+FFFD. */
const enc = (s: string) => encodeURIComponent(s.replace(/\p{Surrogate}/gu, '\uFFFD'));
let h: Harness;

beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await expectOnlyWebUrlsStored(h.db);
  expectNoPollution();
  h.db.close();
});

async function captureWith(over: { name?: string; profileUrl?: string; avatarUrl?: string; text?: string; contextUrl?: string }) {
  const person: Record<string, unknown> = { profileUrl: over.profileUrl ?? profile('ana-souza'), name: over.name ?? 'Ana Souza', pageUrl: PAGE };
  if (over.avatarUrl !== undefined) person.avatarUrl = over.avatarUrl;
  const payload: Record<string, unknown> = { person, surface: 'comment', as: 'lead', contextUrl: over.contextUrl ?? POST };
  if (over.text !== undefined) payload.text = over.text;
  return h.send('capture', payload);
}

async function onlyPerson() {
  const people = await h.db.people.toArray();
  expect(people).toHaveLength(1);
  return people[0]!;
}


describe('hostile text as a captured name', () => {
  it.each(cases)('%s', async (_id, p: Payload) => {
    const reply = await captureWith({ name: p.text });
    if (p.text.length > LIMITS.name * 5) {
      expectRefused(reply);
      expect(await h.db.people.count()).toBe(0);
      return;
    }
    expect(reply.ok).toBe(true);
    const person = await onlyPerson();
    const expected = cleanedName(p.text) || 'ana-souza';
    expect(person.name).toBe(expected);
    expect(person.identities[0]!.displayName).toBe(expected);
    expect(person.name.length).toBeLessThanOrEqual(LIMITS.name);
  });
});

describe('hostile text as a captured comment', () => {
  it.each(cases)('%s', async (_id, p: Payload) => {
    const reply = await captureWith({ text: p.text });
    if (p.text.length > LIMITS.text * 2) {
      expectRefused(reply);
      expect(await h.db.people.count()).toBe(0);
      return;
    }
    expect(reply.ok).toBe(true);
    const touches = await h.db.touches.toArray();
    expect(touches).toHaveLength(1);
    const expected = cleanedName(p.text, LIMITS.text);
    if (expected) expect(touches[0]!.text).toBe(expected);
    else expect(touches[0]!.text).toBeUndefined();
  });
});

describe('hostile text as a profile, picture or post address', () => {
  it.each(cases)('%s as profileUrl is refused', async (_id, p: Payload) => {
    expectRefused(await captureWith({ profileUrl: p.text }));
    expect(await h.db.people.count()).toBe(0);
  });

  it.each(cases)('%s inside a profile path stays a web address', async (_id, p: Payload) => {
    const reply = await captureWith({ profileUrl: `${profile('')}${enc(p.text.slice(0, 300))}` });
    if (reply.ok) expect((await onlyPerson()).identities[0]!.profileUrl).toMatch(/^http:\/\/127\.0\.0\.1:8337\/demo\/profile\/[a-z0-9._-]+$/);
    else expectRefused(reply);
  });

  it.each(cases)('%s as avatarUrl', async (_id, p: Payload) => {
    const reply = await captureWith({ avatarUrl: p.text });
    // No payload is a web address: every one is refused at the door.
    expectRefused(reply);
    expect(await h.db.people.count()).toBe(0);
  });

  it.each(cases)('%s in an avatar query is stored as the exact address', async (_id, p: Payload) => {
    const url = `http://127.0.0.1:8337/a.png?${enc(p.text)}`;
    const reply = await captureWith({ avatarUrl: url });
    if (url.length > LIMITS.url) return expectRefused(reply);
    expect(reply.ok).toBe(true);
    expect((await onlyPerson()).identities[0]!.avatarUrl).toBe(url);
  });

  it.each(cases)('%s as contextUrl is refused', async (_id, p: Payload) => {
    expectRefused(await captureWith({ contextUrl: p.text }));
    expect(await h.db.people.count()).toBe(0);
  });
});

describe('hostile text typed in the popup', () => {
  let personId: string;
  beforeEach(async () => {
    const r = await captureWith({});
    expect(r.ok).toBe(true);
    personId = (await onlyPerson()).id;
  });

  it.each(cases)('%s as a logged touch text', async (_id, p: Payload) => {
    const before = await snapshot(h.db);
    const reply = await h.send('logTouch', { personId, direction: 'outbound', channel: 'demo', kind: 'message', text: p.text });
    if (p.text.length > LIMITS.text) {
      expectRefused(reply);
      expect(await snapshot(h.db)).toEqual(before);
      return;
    }
    expect(reply.ok).toBe(true);
    const touch = (await h.db.touches.toArray()).find((t) => t.direction === 'outbound');
    // The empty string is "no text"; anything else is kept exactly.
    if (p.text) expect(touch?.text).toBe(p.text);
  });

  it.each(cases)('%s as notes', async (_id, p: Payload) => {
    const before = await snapshot(h.db);
    const reply = await h.send('updatePerson', { personId, notes: p.text });
    if (p.text.length > LIMITS.note) {
      expectRefused(reply);
      expect(await snapshot(h.db)).toEqual(before);
      return;
    }
    expect(reply.ok).toBe(true);
    expect((await onlyPerson()).notes).toBe(p.text);
  });

  it.each(cases)('%s as an edited name', async (_id, p: Payload) => {
    const before = await snapshot(h.db);
    const reply = await h.send('updatePerson', { personId, name: p.text });
    // Edited names get the same cleaning as captured ones: control characters become spaces.
    const collapsed = cleanText(p.text, Infinity);
    if (p.text.length > LIMITS.name || !collapsed) {
      expectRefused(reply);
      expect(await snapshot(h.db)).toEqual(before);
      return;
    }
    expect(reply.ok).toBe(true);
    expect((await onlyPerson()).name).toBe(collapsed);
  });

  it.each(cases)('%s as an appointment note and next step', async (_id, p: Payload) => {
    const before = await snapshot(h.db);
    const appt = await h.send('scheduleAppointment', { personId, at: Date.now() + 86_400_000, kind: 'call', note: p.text });
    const step = await h.send('updatePerson', { personId, nextStep: { text: p.text } });
    if (p.text.length > LIMITS.nextStep) {
      expectRefused(appt);
      expectRefused(step);
      expect(await snapshot(h.db)).toEqual(before);
      return;
    }
    expect(appt.ok).toBe(true);
    expect((await h.db.appointments.toArray())[0]!.note).toBe(p.text);
    expect(step.ok).toBe(true);
    expect((await onlyPerson()).nextStep?.text).toBe(p.text);
  });

  it.each(cases)('%s as a hand-raise post title and address', async (_id, p: Payload) => {
    const title = await h.send('markHandRaisePost', { url: `${POST}?t=${enc(p.text.slice(0, 500))}`, title: p.text });
    if (p.text.length > LIMITS.name * 5) {
      expectRefused(title);
      return;
    }
    expect(title.ok).toBe(true);
    const posts = await h.db.handRaisePosts.toArray();
    expect(posts).toHaveLength(1);
    const t = cleanedName(p.text);
    if (t) expect(posts[0]!.title).toBe(t);
    else expect(posts[0]!.title).toBeUndefined();
    expectRefused(await h.send('markHandRaisePost', { url: p.text }));
  });
});

describe('hostile text in imported rows', () => {
  let baseline: Backup;
  beforeAll(async () => {
    const src = await harness();
    await src.ok('capture', { person: { profileUrl: profile('ana-souza'), name: 'Ana Souza', pageUrl: PAGE }, surface: 'comment', as: 'lead', contextUrl: POST, text: 'hi' });
    const [p] = await src.db.people.toArray();
    await src.ok('scheduleAppointment', { personId: p!.id, at: 2_000_000_000_000, kind: 'call', note: 'first call' });
    baseline = (await src.ok<{ backup: Backup }>('exportJson', {})).backup;
    src.db.close();
  });

  const fields: { name: string; limit: number; set(b: Backup, v: string): void; get(h: Harness): Promise<unknown> }[] = [
    { name: 'person name', limit: LIMITS.name, set: (b, v) => (b.people[0]!.name = v), get: async (x) => (await x.db.people.toArray())[0]?.name },
    { name: 'notes', limit: LIMITS.note, set: (b, v) => (b.people[0]!.notes = v), get: async (x) => (await x.db.people.toArray())[0]?.notes },
    { name: 'display name', limit: LIMITS.name, set: (b, v) => (b.people[0]!.identities[0]!.displayName = v), get: async (x) => (await x.db.people.toArray())[0]?.identities[0]?.displayName },
    { name: 'touch text', limit: LIMITS.text, set: (b, v) => (b.touches[0]!.text = v), get: async (x) => (await x.db.touches.toArray())[0]?.text },
    { name: 'appointment note', limit: LIMITS.nextStep, set: (b, v) => (b.appointments[0]!.note = v), get: async (x) => (await x.db.appointments.toArray())[0]?.note },
    { name: 'referrer', limit: LIMITS.name, set: (b, v) => (b.people[0]!.sources[0]!.referrer = v), get: async (x) => (await x.db.people.toArray())[0]?.sources[0]?.referrer },
  ];

  for (const field of fields) {
    it.each(cases)(`%s as the ${field.name}`, async (_id, p: Payload) => {
      const data = structuredClone(baseline);
      field.set(data, p.text);
      const reply = await h.send('importJson', { data });
      if (p.text.length > field.limit) {
        expectRefused(reply);
        expect(await h.db.people.count()).toBe(0);
        return;
      }
      expect(reply.ok, JSON.stringify(reply).slice(0, 300)).toBe(true);
      expect(await field.get(h)).toBe(p.text);
    });
  }

  for (const field of ['profileUrl', 'avatarUrl', 'contextUrl'] as const) {
    it.each(cases)(`%s as an imported ${field} is refused`, async (_id, p: Payload) => {
      const data = structuredClone(baseline);
      if (field === 'contextUrl') data.touches[0]!.contextUrl = p.text;
      else data.people[0]!.identities[0]![field] = p.text;
      expectRefused(await h.send('importJson', { data }));
      expect(await h.db.people.count()).toBe(0);
    });
  }

  it('prototype-pollution keys in a backup file are data, never prototypes', async () => {
    const text = JSON.stringify(baseline)
      .replace('{"format"', '{"__proto__":{"pwned":1,"polluted":1},"constructor":{"prototype":{"pwned":1}},"format"')
      .replace('"name":"Ana Souza"', '"__proto__":{"stage":"customer","isAdmin":true},"name":"Ana Souza"')
      .replace('"dailyGoal"', '"__proto__":{"dailyGoal":1},"dailyGoal"');
    const data = JSON.parse(text) as unknown;
    const reply = await h.send('importJson', { data });
    expect(reply.ok, JSON.stringify(reply).slice(0, 300)).toBe(true);
    const [person] = await h.db.people.toArray();
    expect(person!.stage).toBe('lead');
    expect(Object.getPrototypeOf(person)).toBe(Object.prototype);
    expect((person as unknown as Record<string, unknown>).isAdmin).toBeUndefined();
    expectNoPollution();

    // An own "__proto__" key is an unknown field: refused in plain words, or ignored; never a prototype.
    const settings = await h.send('settingsSet', { settings: JSON.parse('{"__proto__":{"pwned":1},"dailyGoal":9}') });
    if (!settings.ok) expectRefused(settings);
    expectNoPollution();
    const sites = await h.send('settingsSet', { settings: { sites: JSON.parse('{"__proto__":{"enabled":false,"badges":false}}') } });
    if (sites.ok) expect(Object.keys((sites.data as { settings: { sites: object } }).settings.sites)).not.toContain('__proto__');
    else expectRefused(sites);
    expectNoPollution();
  });
});
