// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type SiteHealthWarning } from '../../../src/domain/types';
import type { Res } from '../../../src/messages/contract';
import { App } from '../../../src/popup/App';
import type { SiteAccess } from '../../../src/ui/access';
import { ApiContext, type Api } from '../../../src/ui/api';
import type { SupportedSite } from '../../../src/domain/sites';
import { fakeApi, NOW, person, row, settle, type Handlers } from './fakes';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  localStorage.clear();
});

async function flush() {
  for (let i = 0; i < 3; i++) await act(() => settle());
}

async function mount(api: Api) {
  await act(async () => {
    render(
      <ApiContext.Provider value={api}>
        <App initial={{ view: 'today' }} />
      </ApiContext.Provider>,
      root,
    );
  });
  await flush();
}

const tiers = (n: number): Res<'today'>['queue'] =>
  [0, 1, 2, 3].map((tier) => ({ tier, total: tier === 3 ? n : 0, rows: tier === 3 ? [row(person('ana', 'Ana'))] : [] }));
const today = (n = 1): Res<'today'> => ({
  queue: tiers(n),
  appointments: [],
  daily: { goal: 8, newLeads: 0, followUps: 0, exposures: 0, appointmentsSet: 0, conversations: 0 },
  dueCount: 0,
  overdueCount: 0,
});
const counts = { lead: 0, prospect: 0, customer: 0, team_member: 0, not_interested: 0 };

/** The browser's site access, withholding `missing` until a request grants what it asks. */
function fakeAccess(initially: SupportedSite[], grant = true) {
  let missing = [...initially];
  const listeners = new Set<() => void>();
  const access: SiteAccess & { request: ReturnType<typeof vi.fn> } = {
    missing: vi.fn(async (sites?: readonly SupportedSite[]) => missing.filter((s) => !sites || sites.includes(s))),
    request: vi.fn(async (sites: readonly SupportedSite[]) => {
      if (!grant) return false;
      missing = missing.filter((s) => !sites.includes(s));
      for (const fn of listeners) fn();
      return true;
    }),
    onChange: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  /** The user changes site access in the browser's own settings. */
  const change = (next: SupportedSite[]) => {
    missing = next;
    for (const fn of listeners) fn();
  };
  return { access, change };
}

const withSettings = (handlers: Handlers, off: SupportedSite[] = []): Handlers => ({
  settingsGet: () => ({
    settings: { ...DEFAULT_SETTINGS, sites: Object.fromEntries(Object.entries(DEFAULT_SETTINGS.sites).map(([s, v]) => [s, { ...v, enabled: !off.includes(s as SupportedSite) }])) as typeof DEFAULT_SETTINGS.sites },
  }),
  ...handlers,
});

const notice = () => root.querySelector('.site-access');
const allowButton = () => [...root.querySelectorAll<HTMLButtonElement>('.site-access button')].find((b) => b.textContent === 'Allow access');

describe('site access in the popup', () => {
  it('names the sites Handraiser cannot read, in plain words, and one click asks for exactly them', async () => {
    const { access } = fakeAccess(['facebook', 'tiktok']);
    const api = { ...fakeApi(withSettings({ today: () => today() })), siteAccess: access };
    await mount(api);
    expect(notice()?.querySelector('h3')?.textContent).toBe("Handraiser can't read Facebook and TikTok");
    expect(notice()?.textContent).toContain('no buttons appear next to people there');
    await act(async () => allowButton()!.click());
    await flush();
    expect(access.request).toHaveBeenCalledWith(['facebook', 'tiktok']);
    expect(notice()).toBeNull();
  });

  it('shows on the first-run screen too, where a new Firefox user starts without access', async () => {
    const { access } = fakeAccess(['facebook', 'instagram', 'linkedin', 'x', 'youtube', 'tiktok']);
    const api = {
      ...fakeApi(withSettings({ today: () => today(0), pipeline: () => ({ counts, groups: { stages: counts, onDrip: 0, reachOut: 0 }, total: 0, rows: [] }) })),
      siteAccess: access,
    };
    await mount(api);
    expect(root.textContent).toContain('Capture your first lead');
    expect(notice()?.querySelector('h3')?.textContent).toBe("Handraiser can't read Facebook, Instagram, LinkedIn, X (Twitter), YouTube, and TikTok");
  });

  it('leaves out the sites the user turned off in Handraiser', async () => {
    const { access } = fakeAccess(['facebook', 'tiktok']);
    await mount({ ...fakeApi(withSettings({ today: () => today() }, ['tiktok'])), siteAccess: access });
    expect(notice()?.querySelector('h3')?.textContent).toBe("Handraiser can't read Facebook");
    render(null, root);
    const off = fakeAccess(['tiktok']);
    await mount({ ...fakeApi(withSettings({ today: () => today() }, ['tiktok'])), siteAccess: off.access });
    expect(notice()).toBeNull();
  });

  it('says what to do when the user declines, and follows changes made in the browser\'s settings', async () => {
    const { access, change } = fakeAccess(['youtube'], false);
    await mount({ ...fakeApi(withSettings({ today: () => today() })), siteAccess: access });
    await act(async () => allowButton()!.click());
    await flush();
    expect(notice()?.querySelector('[role=alert]')?.textContent).toContain('Access was not given');
    await act(async () => change([]));
    await flush();
    expect(notice()).toBeNull();
    await act(async () => change(['linkedin']));
    await flush();
    expect(notice()?.querySelector('h3')?.textContent).toBe("Handraiser can't read LinkedIn");
  });

  it('"Not now" leaves one quiet line that still asks; a newly withheld site brings the full notice back', async () => {
    const { access, change } = fakeAccess(['tiktok']);
    await mount({ ...fakeApi(withSettings({ today: () => today() })), siteAccess: access });
    await act(async () => [...root.querySelectorAll<HTMLButtonElement>('.site-access button')].find((b) => b.textContent === 'Not now')!.click());
    await flush();
    expect(notice()).toBeNull();
    const quiet = root.querySelector('.site-access-quiet')!;
    expect(quiet.textContent).toContain("Handraiser can't read TikTok");
    // Kept for the next time the popup opens.
    render(null, root);
    await mount({ ...fakeApi(withSettings({ today: () => today() })), siteAccess: access });
    expect(notice()).toBeNull();
    expect(root.querySelector('.site-access-quiet')).not.toBeNull();
    await act(async () => change(['instagram', 'tiktok']));
    await flush();
    expect(notice()?.querySelector('h3')?.textContent).toBe("Handraiser can't read Instagram and TikTok");
    await act(async () => change(['tiktok']));
    await flush();
    await act(async () => root.querySelector<HTMLButtonElement>('.site-access-quiet button')!.click());
    await flush();
    expect(access.request).toHaveBeenCalledWith(['tiktok']);
    expect(root.querySelector('.site-access-quiet')).toBeNull();
  });

  it('says nothing when every site can be read', async () => {
    const { access } = fakeAccess([]);
    await mount({ ...fakeApi(withSettings({ today: () => today() })), siteAccess: access });
    expect(notice()).toBeNull();
  });
});

describe('the quiet site-health hint', () => {
  const report = (site: SiteHealthWarning['site'], found: SiteHealthWarning['found'], at: number): SiteHealthWarning => ({
    site,
    pageType: 'post comments',
    url: `https://www.${site}.com/p/1`,
    at,
    found,
  });

  it('names the site whose latest finding is the fallback only, below the queue, and links the options\' site health', async () => {
    const api = fakeApi({
      today: () => today(),
      listSiteHealth: () => ({ warnings: [report('instagram', 'fallback', NOW), report('instagram', 'selectors', NOW - 1000), report('x', 'selectors', NOW)] }),
    });
    await mount(api);
    const hint = root.querySelector('.site-health-hint')!;
    expect(hint.textContent).toContain('Handraiser may be missing people on Instagram: the site seems to have changed.');
    const order = [...root.querySelectorAll('.queue, .site-health-hint, [aria-labelledby="counts-title"]')].map((e) => e.className);
    expect(order).toEqual(['queue', 'small muted site-health-hint', 'card']);
    await act(async () => [...hint.querySelectorAll('button')].find((b) => b.textContent === 'See site health')!.click());
    expect(api.openOptions).toHaveBeenCalledWith('health');
  });

  it('stays away when the selectors found people last', async () => {
    await mount(fakeApi({ today: () => today(), listSiteHealth: () => ({ warnings: [report('facebook', 'selectors', NOW), report('facebook', 'nobody', NOW - 1)] }) }));
    expect(root.querySelector('.site-health-hint')).toBeNull();
  });
});
