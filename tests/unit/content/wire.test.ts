import { describe, expect, it } from 'vitest';
import { Broadcast } from '../../../src/messages/broadcast';
import { Messages } from '../../../src/messages/contract';
import { ContentError, createContentClient, parseBroadcast } from '../../../src/content/wire';
import { badge } from './harness';

const good = badge('p1', 'Ana', { nextFollowUpAt: 5, promotion: { to: 'prospect', reason: 'appointment_set' } }, { followUpDue: true });
const samples: unknown[] = [
  { badges: {} },
  { badges: { 'demo:ana': good } },
  { badges: { 'demo:ana': { ...good, stage: 'boss' } } },
  { badges: { 'demo:ana': { ...good, personId: '' } } },
  { badges: { 'demo:ana': { ...good, nextFollowUpAt: -1 } } },
  { badges: { 'demo:ana': { ...good, nextFollowUpAt: 1.5 } } },
  { badges: { 'demo:ana': { ...good, name: 'x'.repeat(201) } } },
  { badges: { 'demo:ana': { ...good, signals: { ...good.signals, overdue: 'yes' } } } },
  { badges: { 'demo:ana': { ...good, promotion: { to: 'prospect', reason: 'because' } } } },
  { badges: { 'demo:ana': { ...good, lastTouchAt: 3, nextStep: { text: 'Call back', at: 9 } } } },
  { badges: { 'demo:ana': { ...good, nextStep: { text: 'Call back' } } } },
  { badges: { 'demo:ana': { ...good, nextStep: { text: '' } } } },
  { badges: { 'demo:ana': { ...good, nextStep: { text: 'x'.repeat(501) } } } },
  { badges: { 'demo:ana': { ...good, nextStep: 'Call back' } } },
  { badges: { 'demo:ana': { ...good, lastTouchAt: -5 } } },
  { badges: { 'demo:ana': { ...good, qualification: { yes: 4, answered: 4 } } } },
  { badges: { 'demo:ana': { ...good, qualification: { yes: 5, answered: 4 } } } },
  { badges: { 'demo:ana': { ...good, qualification: { yes: 1 } } } },
  { badges: { 'demo:ana': { ...good, qualification: undefined } } },
  { badges: [] },
  null,
];

describe('the content-side mirror of the contract', () => {
  it('accepts and rejects lookup replies exactly as the contract does', async () => {
    for (const data of samples) {
      const send = createContentClient(async () => ({ ok: true, data }));
      const ours = await send('lookup', { profileKeys: ['demo:ana'] }).then(
        () => true,
        () => false,
      );
      expect([data, ours]).toEqual([data, Messages.lookup.res.safeParse(data).success]);
    }
  });

  it('accepts and rejects broadcasts exactly as broadcast.ts does, and strips extra keys', () => {
    const msgs: unknown[] = [
      { type: 'handraiser:changed', personIds: ['a'], reason: 'x' },
      { type: 'handraiser:changed', personIds: ['a'], reason: 'x', extra: 1 },
      { type: 'handraiser:changed', personIds: ['x'.repeat(65)], reason: 'x' },
      { type: 'handraiser:changed', personIds: 'a', reason: 'x' },
      { type: 'handraiser:settings' },
      { type: 'handraiser:command', command: 'capture-focused' },
      { type: 'handraiser:command', command: 'other' },
      { type: 'nope' },
      'handraiser:settings',
      undefined,
    ];
    for (const m of msgs) {
      const theirs = Broadcast.safeParse(m);
      expect([m, parseBroadcast(m)]).toEqual([m, theirs.success ? theirs.data : null]);
    }
  });

  it('turns error replies into readable errors and a lost context into "invalidated"', async () => {
    const failing = createContentClient(async () => ({ ok: false, error: { code: 'not_found', message: 'That person is gone.' } }));
    await expect(failing('lookup', { profileKeys: [] })).rejects.toMatchObject({ code: 'not_found', message: 'That person is gone.' });
    const gone = createContentClient(async () => {
      throw new Error('Extension context invalidated.');
    });
    const err = await gone('settingsGet', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentError);
    expect((err as ContentError).code).toBe('invalidated');
    const garbage = createContentClient(async () => '<html>');
    await expect(garbage('settingsGet', {})).rejects.toMatchObject({ code: 'failed' });
  });

  it('keeps a "__proto__" key a plain key', async () => {
    const data = JSON.parse(`{"badges":{"__proto__":${JSON.stringify(good)}}}`);
    const send = createContentClient(async () => ({ ok: true, data }));
    const res = await send('lookup', { profileKeys: ['demo:ana'] });
    expect(Object.getPrototypeOf(res.badges)).toBe(Object.prototype);
    expect(Object.keys(res.badges)).toEqual(['__proto__']);
  });
});
