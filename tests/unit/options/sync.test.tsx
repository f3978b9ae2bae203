// @vitest-environment happy-dom
/** The options page's Sync section and Delete all with sync on, against a fake background. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/domain/types';
import type { SyncStatusView } from '../../../src/messages/contract';
import type { Api } from '../../../src/ui/api';
import { mountOptions } from './mount';
import { fakeApi, NOW, settle, type Handlers } from '../popup/fakes';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const off: SyncStatusView = { configured: false, settings: [], waiting: 0, running: false, notices: [] };
const on: SyncStatusView = { configured: true, server: 'https://couch.example.com', database: 'handraiser', user: 'ana', settings: ['cadence'], lastSyncAt: NOW - 60_000, waiting: 3, running: false, notices: [] };

function handlers(status: { current: SyncStatusView }, extra: Handlers = {}): Handlers {
  return {
    settingsGet: () => ({ settings: DEFAULT_SETTINGS }),
    listHandRaisePosts: () => ({ posts: [] }),
    listSiteHealth: () => ({ warnings: [] }),
    syncStatus: () => status.current,
    ...extra,
  };
}

const mount = (api: Api) => mountOptions(root, api);
const section = () => root.querySelector<HTMLElement>('#sync')!;
const field = (label: string) => {
  const l = [...section().querySelectorAll('label')].find((x) => x.textContent === label)!;
  return section().querySelector<HTMLInputElement>(`#${CSS.escape(l.htmlFor)}`)!;
};
async function type(label: string, value: string) {
  await act(async () => {
    const el = field(label);
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const button = (text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text);
async function submit() {
  await act(async () => void section().querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
  for (let i = 0; i < 3; i++) await act(() => settle());
}

async function fillForm() {
  await type('Server address', 'https://couch.example.com/');
  await type('User name', 'ana');
  await type('Password', 'secret');
  await type('Passphrase', 'a passphrase of ours');
}

describe('Sync section', () => {
  it('asks the browser for the one server first, then sets sync up; the password and passphrase are not kept on the page', async () => {
    const status = { current: off };
    const asked: string[] = [];
    const api = fakeApi(handlers(status, { syncSetup: () => ((status.current = on), { problem: null, status: on }) }));
    api.requestAccess = async (origin) => {
      asked.push(origin);
      return true;
    };
    await mount(api);
    await fillForm();
    await submit();
    expect(asked).toEqual(['https://couch.example.com']);
    expect(api.calls.find((c) => c.type === 'syncSetup')?.payload).toEqual({
      server: 'https://couch.example.com/',
      database: 'handraiser',
      user: 'ana',
      password: 'secret',
      passphrase: 'a passphrase of ours',
      settings: [],
    });
    expect(section().textContent).toContain('Syncing with https://couch.example.com, database handraiser, as ana');
    expect(section().querySelector('[data-testid=sync-waiting]')?.textContent).toBe('3');
    expect(section().querySelectorAll('input[type=password]')).toHaveLength(0);
  });

  it('access refused in the browser: nothing is sent, and the page says why', async () => {
    const api = fakeApi(handlers({ current: off }));
    api.requestAccess = async () => false;
    await mount(api);
    await fillForm();
    await submit();
    expect(api.calls.some((c) => c.type === 'syncSetup')).toBe(false);
    expect(section().querySelector('[role=alert]')?.textContent).toMatch(/not allowed to reach this server/);
  });

  it.each([
    ['unauthorized', /refused the user name or password/],
    ['wrong_passphrase', /does not open the data on this server/],
    ['no_database', /no database by that name/],
    ['unreachable', /could not be reached/],
    ['insecure', /must start with https/],
  ] as const)('a set-up refused for %s says so in plain words', async (problem, words) => {
    const api = fakeApi(handlers({ current: off }, { syncSetup: () => ({ problem, status: off }) }));
    api.requestAccess = async () => true;
    await mount(api);
    await fillForm();
    await submit();
    expect(section().querySelector('[role=alert]')?.textContent).toMatch(words);
    // The form stays, with what was typed, to correct it.
    expect(field('User name').value).toBe('ana');
  });

  it('shows the last problem, what a merge kept, and runs Sync now', async () => {
    const status: { current: SyncStatusView } = {
      current: {
        ...on,
        problem: { code: 'out_of_space' as const, at: NOW - 1000 },
        notices: [{ at: NOW - 5000, kind: 'kept' as const, names: ['Ana Souza'] }],
      },
    };
    const api = fakeApi(handlers(status, { syncNow: () => ((status.current = { ...on, waiting: 0 }), { status: status.current }) }));
    await mount(api);
    expect(section().querySelector('[data-testid=sync-problem]')?.textContent).toMatch(/out of space/);
    expect(section().textContent).toContain('Kept Ana Souza: deleted on another device, but changed on this one.');
    await act(async () => button('Sync now')!.click());
    for (let i = 0; i < 3; i++) await act(() => settle());
    expect(api.calls.some((c) => c.type === 'syncNow')).toBe(true);
    expect(section().querySelector('[data-testid=sync-problem]')).toBeNull();
    expect(section().querySelector('[data-testid=sync-waiting]')?.textContent).toBe('0');
  });

  it('turns sync off only after asking', async () => {
    const status = { current: on };
    const api = fakeApi(handlers(status, { syncOff: () => ((status.current = off), { status: off }) }));
    await mount(api);
    await act(async () => button('Turn off sync')!.click());
    expect(root.querySelector('[role=dialog]')?.textContent).toContain('Your data stays in this browser and on the server');
    expect(api.calls.some((c) => c.type === 'syncOff')).toBe(false);
    await act(async () => root.querySelector<HTMLButtonElement>('[role=dialog] .btn.primary')!.click());
    for (let i = 0; i < 3; i++) await act(() => settle());
    expect(api.calls.some((c) => c.type === 'syncOff')).toBe(true);
    expect(field('Server address')).toBeTruthy();
  });

  it('with sync on, Delete all asks whether to delete the server copy too', async () => {
    const api = fakeApi(handlers({ current: on }, { deleteAll: () => ({ deleted: true }) }));
    await mount(api);
    await act(async () => button('Delete all data…')!.click());
    const dialog = root.querySelector<HTMLElement>('[role=dialog]')!;
    expect(dialog.textContent).toContain('Also delete the copy on the sync server');
    await act(async () => {
      dialog.querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
      const word = dialog.querySelector<HTMLInputElement>('input[type=text]')!;
      word.value = 'DELETE';
      word.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => button('Delete everything')!.click());
    for (let i = 0; i < 3; i++) await act(() => settle());
    expect(api.calls.find((c) => c.type === 'deleteAll')?.payload).toEqual({ confirm: true, server: true });
  });
});
