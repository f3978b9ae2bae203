import { beforeEach, describe, expect, it, vi } from 'vitest';

// A plain function, not vi.fn: a vi.fn that rejects is reported as unhandled by the mock's own bookkeeping.
const calls: unknown[] = [];
let answer: (message: unknown) => Promise<unknown> = async () => undefined;
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      sendMessage: (message: unknown) => {
        calls.push(message);
        return answer(message);
      },
    },
  },
}));

const { createClient, HandraiserError, send } = await import('../../../src/messages/client');

beforeEach(() => {
  calls.length = 0;
});

describe('client', () => {
  it('sends { type, payload } through browser.runtime.sendMessage and returns validated data', async () => {
    answer = async () => ({ ok: true, data: { count: 3 } });
    expect(await send('countDue', {})).toEqual({ count: 3 });
    expect(calls).toEqual([{ type: 'countDue', payload: {} }]);
  });

  it('throws HandraiserError with the code and the readable message of an error reply', async () => {
    const client = createClient(async () => ({
      ok: false,
      error: { code: 'invalid', message: 'The file could not be imported.', details: [{ row: 'person 1', path: 'stage', message: 'The stage should be one of: lead.' }] },
    }));
    const err = await client('importJson', { data: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HandraiserError);
    expect(err).toMatchObject({ code: 'invalid', message: 'The file could not be imported.', details: [{ row: 'person 1' }] });
  });

  it('a reply that does not match the contract is an error, never data', async () => {
    const client = createClient(async () => ({ ok: true, data: { count: -1 } }));
    await expect(client('countDue', {})).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/could not read/) });
    const nothing = createClient(async () => undefined);
    await expect(nothing('countDue', {})).rejects.toBeInstanceOf(HandraiserError);
  });

  it('a transport failure (background asleep or gone) becomes a readable error', async () => {
    answer = () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(send('countDue', {})).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/could not reach/) });
  });
});
