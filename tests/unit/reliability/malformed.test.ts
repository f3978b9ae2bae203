/**
 * Check 6: malformed and hostile inputs to every message of the contract. From one valid
 * payload per message type, generated variants: non-object payloads, each required field
 * missing, every leaf of the wrong type, every string 1 MB long, deep and cyclic junk, lists
 * over their limits, a 20 MB backup, wrong encodings. Each must come back {ok:false} with a
 * sentence a person can read (and a reply the client can parse), the database unchanged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Messages, type MessageType, type Backup } from '../../../src/messages/contract';
import { MAX_PARTS, PART_CHARS } from '../../../src/messages/wire-names';
import { DAY, NOON } from '../store/helpers';
import { expectNoPollution, expectRefused, harness, PAGE, POST, profile, snapshot, type Harness } from './helpers';

const MB = 'x'.repeat(1024 * 1024);
let h: Harness;
let personId: string;
let otherId: string;
let appointmentId: string;
let backup: Backup;

beforeAll(async () => {
  h = await harness();
  const a = await h.ok<{ badge: { personId: string } }>('capture', { person: { profileUrl: profile('ana-souza'), name: 'Ana Souza', pageUrl: PAGE }, surface: 'comment', as: 'lead', contextUrl: POST, text: 'Yes please' });
  const b = await h.ok<{ badge: { personId: string } }>('capture', { person: { profileUrl: profile('mei-chen'), name: 'Mei Chen', pageUrl: PAGE }, surface: 'reaction', as: 'reach_out', contextUrl: POST });
  personId = a.badge.personId;
  otherId = b.badge.personId;
  appointmentId = (await h.ok<{ appointment: { id: string } }>('scheduleAppointment', { personId, at: NOON + DAY, kind: 'call', note: 'intro' })).appointment.id;
  await h.ok('logTouch', { personId, direction: 'inbound', channel: 'demo', kind: 'message', text: 'hi', nextStep: { text: 'call', at: NOON + DAY }, contextUrl: POST });
  await h.ok('markHandRaisePost', { url: POST, title: 'Morning routine' });
  await h.ok('recordDm', { person: { profileUrl: profile('ana-souza'), name: 'Ana', pageUrl: PAGE }, threadUrl: `${PAGE}#t`, messages: [{ dedupeKey: 'm1', direction: 'outbound', at: NOON, text: 'hello' }] });
  backup = (await h.ok<{ backup: Backup }>('exportJson', {})).backup;
  pristine = await snapshot(h.db);
});

/** One valid payload per message type: a new type fails to compile until it is listed here. */
function baselines(): Record<MessageType, Record<string, unknown>> {
  const pagePerson = { profileUrl: profile('zoe-muller'), name: 'Zoë Müller', avatarUrl: 'http://127.0.0.1:8337/demo/avatars/zoe.svg', pageUrl: PAGE };
  return {
    capture: { person: pagePerson, surface: 'comment', contextUrl: POST, text: 'Interested!', as: 'auto' },
    lookup: { profileKeys: ['demo:ana-souza', 'demo:nobody'] },
    logTouch: { personId, direction: 'outbound', channel: 'demo', kind: 'message', at: NOON, contextUrl: POST, text: 'Following up', nextStep: { text: 'Call', at: NOON + DAY } },
    deleteTouch: { touchId: 'some-touch-id' },
    setStage: { personId, stage: 'prospect' },
    setQualification: { personId, qualification: { need: true, desire: null } },
    updatePerson: { personId, name: 'Ana S.', notes: 'Likes mornings', market: 'market', onDrip: false, nextStep: { text: 'Send video', at: NOON + DAY }, reachOut: false, phone: '+34 612 345 678', email: 'ana@example.com' },
    addPerson: { name: 'Lucía', profileUrl: 'https://www.instagram.com/lucia.f/', phone: '+34 612 345 678', email: 'lucia@example.com', stage: 'lead', market: 'market', sourceKind: 'referral', referrer: 'Ana', notes: 'gym' },
    deletePerson: { personId: 'nobody-here' },
    restorePerson: { person: backup.people[0]!, touches: backup.touches.filter((t) => t.personId === backup.people[0]!.id), appointments: [] },
    queuePage: { tier: 3, offset: 0, limit: 10 },
    scheduleAppointment: { personId, at: NOON + 2 * DAY, kind: 'video_call', note: 'Zoom' },
    updateAppointment: { appointmentId, status: 'kept' },
    markHandRaisePost: { url: `${POST}2`, title: 'Another' },
    unmarkHandRaisePost: { url: POST },
    listHandRaisePosts: { site: 'demo' },
    merge: { keepId: personId, otherId },
    today: {},
    pipeline: { stage: 'lead', reachOut: false, onDrip: false, query: 'ana', site: 'demo', sourceKind: 'comment', signal: 'followUpDue', offset: 0, limit: 20 },
    insight: { from: NOON, to: NOON + DAY },
    person: { personId },
    settingsGet: {},
    settingsSet: { settings: { dailyGoal: 9, quietHours: { enabled: true, start: '22:00', end: '07:00' }, cadence: { lead: [2, 5], contact: [1, 3] } } },
    exportJson: {},
    exportFile: {},
    exportPart: { id: 'some-export', index: 1 },
    uploadPart: { id: 'some-upload', index: 0, count: 2, text: '{"format": "handraiser-backup", ' },
    importJson: { data: structuredClone(backup) },
    recordDm: { person: pagePerson, threadUrl: `${PAGE}#t`, messages: [{ dedupeKey: 'k1', direction: 'inbound', at: NOON, text: 'hey' }] },
    reportSiteHealth: { site: 'demo', pageType: 'post comments', url: PAGE },
    listSiteHealth: {},
    deleteAll: { confirm: true },
    countDue: {},
    openHandraiser: { view: 'person', personId },
    syncStatus: {},
    syncSetup: { server: 'https://couch.example.com', database: 'handraiser', user: 'ana', password: 'secret', passphrase: 'a long passphrase', settings: ['cadence'] },
    syncNow: {},
    syncChoose: { settings: ['cadence', 'sites'] },
    syncOff: {},
  };
}

type Path = (string | number)[];

function leaves(v: unknown, path: Path = []): { path: Path; value: unknown }[] {
  if (Array.isArray(v)) return v.length ? v.flatMap((x, i) => leaves(x, [...path, i])) : [{ path, value: v }];
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    return entries.length ? entries.flatMap(([k, x]) => leaves(x, [...path, k])) : [{ path, value: v }];
  }
  return [{ path, value: v }];
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 0;
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return { length: 1, 0: 'x' };
  return 'a group of fields';
}

/** Deep junk: 5,000 levels of nesting. */
function deep(levels = 5000): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = { a: v, b: [v] };
  return v;
}
function cyclic(): unknown {
  const o: Record<string, unknown> = { name: 'loop' };
  o.self = o;
  o.list = [o];
  return o;
}

interface Variant {
  label: string;
  payload: unknown;
}

/** Fields meant to carry megabytes (a part of a backup file's text); their own limit is tested below. */
const BIG_BY_DESIGN = new Set(['uploadPart.text']);

function variantsOf(type: MessageType, base: Record<string, unknown>): Variant[] {
  const out: Variant[] = [];
  const schema = Messages[type].req as z.ZodObject;
  const acceptsEmpty = schema.safeParse({}).success;
  for (const [label, payload] of [
    ['a number', 42],
    ['a string', type],
    ['a boolean', true],
    ['an array', [base]],
    ['an empty array', []],
    ['a lone-surrogate UTF-16 string', '\uD800\uDC00\uDFFF\uD800 capture'],
  ] as const) {
    out.push({ label: `payload is ${label}`, payload });
  }
  if (!acceptsEmpty) out.push({ label: 'payload is null', payload: null }, { label: 'payload is {}', payload: {} });
  for (const key of Object.keys(base)) {
    const field = schema.shape[key] as z.ZodType | undefined;
    if (field && !field.safeParse(undefined).success) {
      const { [key]: _drop, ...rest } = base;
      out.push({ label: `without ${key}`, payload: rest });
    }
    out.push({ label: `${key} is deep junk`, payload: { ...base, [key]: deep() } });
    out.push({ label: `${key} is cyclic`, payload: { ...base, [key]: cyclic() } });
  }
  for (const leaf of leaves(base)) {
    if (leaf.path.length === 0) continue;
    const at = leaf.path.join('.');
    out.push({ label: `${at} of the wrong type`, payload: setAt(base, leaf.path, wrongTypeFor(leaf.value)) });
    if (typeof leaf.value === 'string' && !BIG_BY_DESIGN.has(`${type}.${at}`)) out.push({ label: `${at} is 1 MB`, payload: setAt(base, leaf.path, MB) });
  }
  if (schema.def.catchall !== undefined || Object.keys(base).length === 0) {
    out.push({ label: 'an extra 1 MB field on a strict message', payload: { ...base, [`x${'y'.repeat(100)}`]: MB } });
    out.push({ label: 'an extra hostile field name on a strict message', payload: { ...base, ['<img src=x onerror=top.__pwned=1>'.repeat(200)]: 1 } });
  }
  return out;
}

let pristine: Awaited<ReturnType<typeof snapshot>>;
async function snapshotEquals(): Promise<boolean> {
  return JSON.stringify(await snapshot(h.db)) === JSON.stringify(pristine);
}
async function restore(): Promise<void> {
  await h.db.transaction('rw', h.db.tables, async () => {
    await Promise.all(h.db.tables.map((t) => t.clear()));
    await h.db.people.bulkPut(pristine.people);
    await h.db.touches.bulkPut(pristine.touches);
    await h.db.appointments.bulkPut(pristine.appointments);
    await h.db.handRaisePosts.bulkPut(pristine.posts);
    await h.db.siteHealth.bulkPut(pristine.health);
    await h.db.settings.bulkPut(pristine.settings);
    await h.db.meta.bulkPut(pristine.meta);
  });
}

async function expectRefusedUnchanged(type: string, payload: unknown): Promise<void> {
  const before = await snapshot(h.db);
  const reply = await h.send(type, payload);
  expectRefused(reply);
  expect(await snapshot(h.db)).toEqual(before);
  expectNoPollution();
}

describe.each(Object.keys(Messages) as MessageType[])('%s: malformed payloads are refused, nothing changes', (type) => {
  it('every generated variant', async () => {
    const variants = variantsOf(type, baselines()[type]);
    expect(variants.length).toBeGreaterThan(5);
    // Every variant runs; the failures are listed together, each with what was sent.
    const failures: string[] = [];
    for (const v of variants) {
      try {
        await expectRefusedUnchanged(type, v.payload);
      } catch (e) {
        failures.push(`${v.label}: ${(e as Error).message.slice(0, 160)}`);
        // Put the database back the way the other variants expect it.
        if (!(await snapshotEquals())) await restore();
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('lists over their limits', () => {
  const over = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
  it.each([
    ['lookup with 501 keys', 'lookup', () => ({ profileKeys: over(501, (i) => `demo:p${i}`) })],
    ['lookup with 100,000 keys', 'lookup', () => ({ profileKeys: over(100_000, (i) => `demo:p${i}`) })],
    ['recordDm with 501 messages', 'recordDm', () => ({ ...baselines().recordDm, messages: over(501, (i) => ({ dedupeKey: `k${i}`, direction: 'inbound' })) })],
    ['pipeline with limit 201', 'pipeline', () => ({ limit: 201 })],
    ['pipeline with a huge offset', 'pipeline', () => ({ offset: 1e12 })],
    ['settings with a 21-step cadence', 'settingsSet', () => ({ settings: { cadence: { lead: over(21, () => 2), contact: [1] } } })],
    ['settings with a 366-day step', 'settingsSet', () => ({ settings: { cadence: { lead: [366], contact: [1] } } })],
    ['settings with an empty cadence', 'settingsSet', () => ({ settings: { cadence: { lead: [], contact: [1] } } })],
    ['import with 51 identities', 'importJson', () => ({ data: { ...backup, people: [{ ...backup.people[0]!, identities: over(51, (i) => ({ ...backup.people[0]!.identities[0]!, profileKey: `demo:x${i}` })) }] } })],
    ['import with 201 sources', 'importJson', () => ({ data: { ...backup, people: [{ ...backup.people[0]!, sources: over(201, () => backup.people[0]!.sources[0]!) }] } })],
    ['an upload part over PART_CHARS', 'uploadPart', () => ({ ...baselines().uploadPart, text: 'x'.repeat(PART_CHARS + 1) })],
    ['an upload in 41 parts', 'uploadPart', () => ({ ...baselines().uploadPart, count: MAX_PARTS + 1 })],
    ['import with 501 stage changes', 'importJson', () => ({ data: { ...backup, people: [{ ...backup.people[0]!, stageHistory: over(501, () => backup.people[0]!.stageHistory[0]!) }] } })],
  ] as const)('%s', async (_label, type, make) => {
    await expectRefusedUnchanged(type, make());
  });
});

describe('hostile backup files', () => {
  it('a 20 MB backup whose rows are all wrong: refused with a capped list of problems', async () => {
    const person = backup.people[0]!;
    const people = Array.from({ length: 2100 }, (_, i) => ({ ...person, id: `bad${i}`, identities: [], notes: 'n'.repeat(10_001) }));
    const data = { ...backup, people };
    expect(JSON.stringify(data).length).toBeGreaterThan(20 * 1024 * 1024);
    const before = await snapshot(h.db);
    const reply = await h.send('importJson', { data });
    expectRefused(reply);
    if (!reply.ok) expect(reply.error.details?.length ?? 0).toBeLessThanOrEqual(100);
    expect(await snapshot(h.db)).toEqual(before);
  }, 120_000);

  it('a 20 MB backup that is valid but for its last row: all or nothing', async () => {
    const template = backup.people[0]!;
    const people = Array.from({ length: 2000 }, (_, i) => ({
      ...template,
      id: `ok${i}`,
      name: `Person ${i}`,
      identities: [{ ...template.identities[0]!, profileKey: `demo:bulk-${i}`, profileUrl: profile(`bulk-${i}`), handle: `bulk-${i}` }],
      notes: 'ñ'.repeat(10_000),
    }));
    people.push({ ...people[0]!, id: 'last', identities: [], stage: 'boss' as never });
    const data = { ...backup, people, touches: [], appointments: [] };
    expect(JSON.stringify(data).length).toBeGreaterThan(20 * 1024 * 1024);
    await expectRefusedUnchanged('importJson', { data });
  }, 120_000);

  const files: [string, () => unknown][] = [
    ['20 MB of text', () => '{"format":"handraiser-backup",'.padEnd(20 * 1024 * 1024, ' ')],
    ['a Latin-1 decoded CSV', () => Buffer.from('Name;Profile;Notes\nJosé García;https://x.com/jose;café\n', 'utf8').toString('latin1')],
    ['parsed CSV rows', () => [{ Name: 'JosÃ© GarcÃ­a', Profile: 'https://x.com/jose' }]],
    ['a UTF-16 string with lone surrogates', () => '\uD83D{"format":"handraiser-backup"}\uDE00'],
    ['UTF-16LE bytes read as text', () => Buffer.from('{"format":"handraiser-backup"}', 'utf16le').toString('latin1')],
    ['a BOM before the JSON text', () => `\uFEFF${JSON.stringify(backup)}`],
    ['null', () => null],
    ['a number', () => 1],
    ['an array of backups', () => [backup]],
    ['a newer format version', () => ({ ...backup, version: 2 })],
    ['the right format with nothing else', () => ({ format: 'handraiser-backup' })],
    ['rows that are strings', () => ({ ...backup, people: ['Ana Souza'], touches: [42] })],
    ['a touch of an unknown person', () => ({ ...backup, touches: [{ ...backup.touches[0]!, personId: 'ghost' }] })],
    ['two people with one profile', () => ({ ...backup, people: [backup.people[0]!, { ...backup.people[0]!, id: 'twin' }] })],
    ['a javascript: profile address', () => ({ ...backup, people: [{ ...backup.people[0]!, identities: [{ ...backup.people[0]!.identities[0]!, profileUrl: 'javascript:top.__pwned=1' }] }] })],
    ['deep junk', () => deep()],
    ['cyclic junk', () => cyclic()],
  ];
  it.each(files)('%s', async (_label, make) => {
    await expectRefusedUnchanged('importJson', { data: make() });
  }, 60_000);
});

describe('envelopes', () => {
  it.each([
    ['no type', { payload: {} }],
    ['an unknown type', { type: 'dropDatabase', payload: {} }],
    ['a prototype key as type', { type: '__proto__', payload: {} }],
    ['constructor as type', { type: 'constructor', payload: {} }],
    ['toString as type', { type: 'toString', payload: {} }],
    ['a 1 MB type', { type: MB, payload: {} }],
    ['a type of the wrong kind', { type: ['capture'], payload: {} }],
  ])('%s is refused', async (_label, raw) => {
    const before = await snapshot(h.db);
    const { createRouter } = await import('../../../src/messages/router');
    const route = createRouter({ db: h.db, now: () => NOON, extensionId: 'ext', extensionUrl: 'chrome-extension://ext/' });
    const reply = await route(raw, { id: 'ext', url: 'chrome-extension://ext/src/popup/index.html' });
    expectRefused(reply);
    expect(await snapshot(h.db)).toEqual(before);
  });
});
