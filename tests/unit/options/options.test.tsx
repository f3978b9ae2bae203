// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/domain/types';
import { HandraiserError } from '../../../src/messages/handraiser-error';
import type { Api } from '../../../src/ui/api';
import { mountOptions } from './mount';
import { fakeApi, NOW, person, settle, type Handlers } from '../popup/fakes';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

async function flush(ms = 0) {
  for (let i = 0; i < 3; i++) await act(() => settle(ms));
}

function handlers(extra: Handlers = {}): Handlers & { state: { settings: Settings } } {
  const state = { settings: structuredClone(DEFAULT_SETTINGS) };
  return {
    state,
    settingsGet: () => ({ settings: state.settings }),
    settingsSet: (req) => {
      state.settings = { ...state.settings, ...req.settings };
      return { settings: state.settings };
    },
    listHandRaisePosts: () => ({
      posts: [{ postKey: 'facebook:/p/1', site: 'facebook', url: 'https://www.facebook.com/p/1', title: 'Like if you want the free guide', markedAt: NOW }],
    }),
    syncStatus: () => ({ configured: false, settings: [], waiting: 0, running: false, notices: [] }),
    listSiteHealth: () => ({
      warnings: [
        { site: 'facebook', pageType: 'comments', url: 'https://www.facebook.com/p/1', at: NOW - 5000 },
        { site: 'facebook', pageType: 'comments', url: 'https://www.facebook.com/p/2', at: NOW },
        { site: 'youtube', pageType: 'video comments', url: 'https://www.youtube.com/watch?v=1', at: NOW - 9000, found: 'selectors' },
        { site: 'youtube', pageType: 'video comments', url: 'https://www.youtube.com/watch?v=2', at: NOW - 100, found: 'fallback' },
        { site: 'x', pageType: 'replies', url: 'https://x.com/a/status/1', at: NOW - 100, found: 'selectors' },
      ],
    }),
    ...extra,
  };
}

const mount = (api: Api) => mountOptions(root, api);

const button = (text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text);
async function click(el: HTMLElement | undefined) {
  expect(el).toBeTruthy();
  await act(async () => el!.click());
  await flush();
}
async function input(el: HTMLInputElement, value: string, event = 'input') {
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event(event, { bubbles: true }));
  });
}

function chooseFile(name: string, text: string) {
  const el = root.querySelector<HTMLInputElement>('input[type=file]')!;
  const file = new File([text], name, { type: name.endsWith('.json') ? 'application/json' : 'text/csv' });
  Object.defineProperty(el, 'files', { value: [file], configurable: true });
  return act(async () => void el.dispatchEvent(new Event('change', { bubbles: true })));
}

describe('Options', () => {
  it('has one h1, a labelled section per topic, and no unlabelled inputs', async () => {
    await mount(fakeApi(handlers()));
    expect(root.querySelectorAll('h1')).toHaveLength(1);
    expect(root.querySelectorAll('section[aria-labelledby]').length).toBeGreaterThanOrEqual(10);
    for (const el of root.querySelectorAll<HTMLInputElement>('input, select, textarea')) {
      const named =
        el.closest('label') ||
        el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby') ||
        (el.id && root.querySelector(`label[for="${el.id}"]`));
      expect(named, el.outerHTML).toBeTruthy();
    }
  });

  it('edits the cadence, refusing days that are not 1..365', async () => {
    const h = handlers();
    const api = fakeApi(h);
    await mount(api);
    const days = root.querySelectorAll<HTMLInputElement>('#cadence input.days');
    expect(days).toHaveLength(2 + 8);
    await input(days[0]!, '0');
    await click(button('Save cadence'));
    expect(root.querySelector('#cadence [role=alert]')?.textContent).toContain('whole number of days from 1 to 365');
    expect(api.calls.some((c) => c.type === 'settingsSet')).toBe(false);
    await input(days[0]!, '3');
    await click(button('Add a follow-up'));
    await click(button('Save cadence'));
    expect(h.state.settings.cadence.lead).toEqual([3, 5, 12]);
    expect(root.querySelector('.snackbar')?.textContent).toContain('Saved: Follow-up cadence');
  });

  it('saves toggles at once', async () => {
    const h = handlers();
    await mount(fakeApi(h));
    const storeText = [...root.querySelectorAll('label')].find((l) => l.textContent?.includes('Keep the text'))!.querySelector('input')!;
    await act(async () => storeText.click());
    await flush();
    expect(h.state.settings.storeMessageText).toBe(true);
    const badges = root.querySelector<HTMLInputElement>('input[aria-label="Show badges on Facebook"]')!;
    await act(async () => badges.click());
    await flush();
    expect(h.state.settings.sites.facebook).toEqual({ enabled: true, badges: false });
  });

  it('lists hand-raise posts, and per site and page type when people were last found, by the structure only, or not at all', async () => {
    await mount(fakeApi(handlers()));
    expect(root.querySelector('#posts')?.textContent).toContain('Like if you want the free guide');
    const rows = [...root.querySelectorAll('#health li')];
    expect(rows.map((r) => r.getAttribute('data-site'))).toEqual(['facebook', 'youtube', 'x']);
    expect(rows[0]!.textContent).toMatch(/Facebook: comments found no people on .+ The site may have changed\./);
    expect(rows[1]!.textContent).toMatch(/People last found here on .+Handraiser found people here only by the page's structure: YouTube has probably changed its layout/);
    expect(rows[2]!.textContent).toMatch(/People last found here on/);
    expect(rows.map((r) => r.classList.contains('notice'))).toEqual([true, true, false]);
    expect(root.querySelector('#health .success')).toBeNull();
  });

  it('deletes everything only after DELETE is typed', async () => {
    const api = fakeApi(handlers({ deleteAll: () => ({ deleted: true }) }));
    await mount(api);
    await click(button('Delete all data…'));
    const confirm = button('Delete everything')!;
    expect(confirm.disabled).toBe(true);
    const field = root.querySelector<HTMLInputElement>('[role=dialog] input')!;
    await input(field, 'delete');
    expect(button('Delete everything')!.disabled).toBe(true);
    await input(field, 'DELETE');
    await click(button('Delete everything'));
    expect(api.calls.find((c) => c.type === 'deleteAll')?.payload).toEqual({ confirm: true });
  });

  it('a file that is not JSON changes nothing and says why', async () => {
    const api = fakeApi(handlers());
    await mount(api);
    await chooseFile('backup.json', '{ not json');
    await flush();
    expect(root.querySelector('.import-problems')?.textContent).toContain('“backup.json” is not a Handraiser backup');
    expect(api.calls.some((c) => c.type === 'importJson')).toBe(false);
  });

  it('shows which rows of a backup are wrong, from the importJson error', async () => {
    const err = new HandraiserError('invalid', 'The file could not be imported: 1 problem found, nothing was changed.', [
      { row: 'person 2 (Ben)', path: 'identities.0.profileUrl', message: 'must be an http(s) address' },
    ]);
    const api = fakeApi(handlers({ importJson: () => Promise.reject(err) }));
    await mount(api);
    await chooseFile('b.json', JSON.stringify({ format: 'handraiser-backup', version: 1, exportedAt: NOW, people: [{}, {}] }));
    await flush();
    expect(root.textContent).toContain('a backup with 2 people');
    await click(button('Import'));
    const box = root.querySelector('.import-problems')!;
    expect(box.getAttribute('role')).toBe('alert');
    expect(box.textContent).toContain('person 2 (Ben), identities.0.profileUrl: must be an http(s) address');
    expect(box.textContent).toContain('Nothing was changed.');
  });

  it('maps CSV columns with a preview of the first 5 rows, then imports as a backup', async () => {
    const h = handlers({ importJson: () => ({ summary: { people: 6, merged: 0, touches: 0, appointments: 0, handRaisePosts: 0 } }) });
    const api = fakeApi(h);
    await mount(api);
    const lines = ['Full Name,Link,Info'];
    for (let i = 0; i < 6; i++) lines.push(`Person ${i},https://www.instagram.com/person${i}/,note ${i}`);
    await chooseFile('people.csv', lines.join('\n'));
    await flush();
    const table = root.querySelector('#import table')!;
    expect(table.querySelectorAll('thead th')).toHaveLength(2 + 5);
    const selects = table.querySelectorAll<HTMLSelectElement>('select');
    expect([...selects].map((s) => s.value)).toEqual(['name', 'profileUrl', 'ignore']);
    await act(async () => {
      selects[2]!.value = 'notes';
      selects[2]!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush();
    await click(button('Import 6 rows'));
    const sent = api.calls.find((c) => c.type === 'importJson')!.payload as { data: { people: { name: string; notes: string; identities: { profileKey: string }[] }[] } };
    expect(sent.data.people).toHaveLength(6);
    expect(sent.data.people[5]).toMatchObject({ name: 'Person 5', notes: 'note 5' });
    expect(root.querySelector('#import .success')?.textContent).toContain('Imported 6 new people');
  });
});

describe("a backup's settings", () => {
  const summary = { people: 1, merged: 0, touches: 0, appointments: 0, handRaisePosts: 0 };
  const hostileSettings = (): Settings => ({
    ...structuredClone(DEFAULT_SETTINGS),
    dailyGoal: 12,
    notifications: false,
    storeMessageText: true,
    sites: { ...DEFAULT_SETTINGS.sites, facebook: { enabled: false, badges: true } },
  });
  const backup = (settings: unknown) => JSON.stringify({ format: 'handraiser-backup', version: 1, exportedAt: NOW, people: [person('ana', 'Ana')], touches: [], appointments: [], settings });

  /** The options page with a backup holding `settings` imported. */
  async function imported(settings: unknown, h = handlers({ importJson: () => ({ summary }) })) {
    const api = fakeApi(h);
    await mount(api);
    await chooseFile('backup.json', backup(settings));
    await flush();
    await click(button('Import'));
    return { h, api };
  }

  it('are listed after the import and applied only when the user chooses; message-text storage is never switched on', async () => {
    const { h, api } = await imported(hostileSettings());
    expect(api.calls.some((c) => c.type === 'settingsSet')).toBe(false);
    const panel = root.querySelector('.file-settings')!;
    expect([...panel.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Daily goal: new conversations: 8 → 12',
      'Show reminders as notifications: On → Off',
      'Handraiser works on Facebook: On → Off',
    ]);
    expect(panel.textContent).toContain('Handraiser never turns that on from a file');
    await click(button('Use the backup’s settings'));
    const sets = api.calls.filter((c) => c.type === 'settingsSet');
    expect(sets).toHaveLength(1);
    expect(sets[0]!.payload).toEqual({ settings: { dailyGoal: 12, notifications: false, sites: { ...DEFAULT_SETTINGS.sites, facebook: { enabled: false, badges: true } } } });
    expect(h.state.settings.storeMessageText).toBe(false);
    expect(root.querySelector('.file-settings')).toBeNull();
    expect(root.querySelector('.snackbar')?.textContent).toContain('Settings from the backup used.');
  });

  it('"Keep mine" changes nothing; a backup whose settings match, or are broken, asks nothing', async () => {
    const { h, api } = await imported(hostileSettings());
    await click(button('Keep mine'));
    expect(root.querySelector('.file-settings')).toBeNull();
    for (const settings of [DEFAULT_SETTINGS, { dailyGoal: 'lots' }, undefined]) {
      await chooseFile('backup.json', backup(settings));
      await flush();
      await click(button('Import'));
      expect(root.querySelector('#import .success')).not.toBeNull();
      expect(root.querySelector('.file-settings')).toBeNull();
    }
    expect(api.calls.some((c) => c.type === 'settingsSet')).toBe(false);
    expect(h.state.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('switching message-text storage off is listed like any other change', async () => {
    const mine = handlers({ importJson: () => ({ summary }) });
    mine.state.settings.storeMessageText = true;
    const { h } = await imported({ ...DEFAULT_SETTINGS, cadence: { lead: [3, 6], contact: DEFAULT_SETTINGS.cadence.contact } }, mine);
    expect([...root.querySelectorAll('.file-settings li')].map((li) => li.textContent)).toEqual([
      'Follow-up days for leads: 2, 5 → 3, 6',
      'Keep the text of direct messages: On → Off',
    ]);
    await click(button('Use the backup’s settings'));
    expect(h.state.settings).toMatchObject({ storeMessageText: false, cadence: { lead: [3, 6] } });
  });
});

export { person };
