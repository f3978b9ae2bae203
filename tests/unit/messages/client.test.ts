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

  it('a reply whose envelope cannot be read is an error, never data', async () => {
    const unreadable: unknown[] = [
      undefined,
      null,
      'ok',
      [],
      { ok: 'yes', data: { count: 1 } },
      { ok: true },
      { ok: true, data: undefined },
      { ok: false },
      { ok: false, error: 'nope' },
      { ok: false, error: { code: 'teapot', message: 'Short and stout.' } },
      { ok: false, error: { code: 'invalid', message: 42 } },
      { ok: false, error: { code: 'invalid', message: 'x'.repeat(2001) } },
      { ok: false, error: { code: 'invalid', message: 'Bad file.', details: [{ row: 'person 1', path: 'stage' }] } },
      { ok: false, error: { code: 'invalid', message: 'Bad file.', details: 'all of them' } },
    ];
    for (const raw of unreadable) {
      const client = createClient(async () => raw);
      await expect(client('countDue', {}), JSON.stringify(raw)).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/could not read/) });
    }
  });

  it('keeps zod out of the popup and options: the client reads envelopes without it', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync(new URL('../../../src/messages/client.ts', import.meta.url), 'utf8');
    // Type-only imports of the contract cost nothing at run time; a value import would load zod.
    expect(src).not.toMatch(/^import \{[^}]*\} from '\.\/contract'/m);
    expect(src).not.toMatch(/from 'zod'/);
  });

  it('a transport failure (background asleep or gone) becomes a readable error', async () => {
    answer = () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(send('countDue', {})).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/could not reach/) });
  });
});
