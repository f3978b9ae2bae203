// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../src/domain/types';
import type { Res } from '../../../src/messages/contract';
import { App } from '../../../src/popup/App';
import type { Route } from '../../../src/popup/route';
import { ApiContext, type Api } from '../../../src/ui/api';
import { fakeApi, NO_SIGNALS, NOW, person, row, settle, type Handlers } from './fakes';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

async function mount(api: Api, initial: Route) {
  await act(async () => {
    render(
      <ApiContext.Provider value={api}>
        <App initial={initial} />
      </ApiContext.Provider>,
      root,
    );
  });
  await flush();
}

/** Effects run when act() ends and their answers arrive after: settle in several rounds. */
async function flush(ms = 0) {
  for (let i = 0; i < 3; i++) await act(() => settle(ms));
}

/** The control a visible label names (label for=id), like a user finds it. */
function byLabel<T extends HTMLElement = HTMLInputElement>(text: string): T {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  expect(label, text).toBeTruthy();
  const el = label!.htmlFor ? document.getElementById(label!.htmlFor) : label!.querySelector('input, select, textarea');
  expect(el, text).toBeTruthy();
  return el as T;
}

const byText = (text: string, sel = 'button') =>
  [...root.querySelectorAll<HTMLElement>(sel)].find((b) => b.textContent?.trim() === text);

async function click(el: HTMLElement | undefined) {
  expect(el).toBeTruthy();
  await act(async () => el!.click());
  await flush();
}

async function type(el: HTMLInputElement | HTMLTextAreaElement | null, value: string) {
  expect(el).toBeTruthy();
  await act(async () => {
    el!.value = value;
    el!.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const tiers = (rows: Partial<Record<number, { total: number; rows: Res<'today'>['queue'][number]['rows'] }>> = {}): Res<'today'>['queue'] =>
  [0, 1, 2, 3].map((tier) => ({ tier, total: rows[tier]?.total ?? 0, rows: rows[tier]?.rows ?? [] }));
const emptyToday: Res<'today'> = {
  queue: tiers(),
  appointments: [],
  daily: { goal: 8, newLeads: 0, followUps: 0, exposures: 0, appointmentsSet: 0, conversations: 0 },
  dueCount: 0,
  overdueCount: 0,
};
const counts = { lead: 0, prospect: 0, customer: 0, team_member: 0, not_interested: 0 };
const DAY = 86_400_000;

describe('Today', () => {
  it('shows one queue, hottest tier first, each row with its site, why, Open, Sent and They replied; the goal stays small', async () => {
    const rui = person('rui', 'Rui', 'prospect', { qualification: { need: true, desire: true, decisionMaker: true, initiative: true }, nextFollowUpAt: NOW - DAY });
    const ana = person('ana', 'Ana Souza', 'lead', { nextFollowUpAt: NOW - 52 * DAY });
    const pia = person('pia', 'Pia', 'prospect', { nextFollowUpAt: NOW - 2 * DAY });
    const api = fakeApi({
      today: () => ({
        ...emptyToday,
        queue: tiers({
          0: { total: 1, rows: [{ ...row(rui, { readyToDecide: true, followUpDue: true, overdue: true }), link: { url: 'https://www.instagram.com/direct/t/123', kind: 'conversation' } }] },
          1: { total: 1, rows: [row(pia, { followUpDue: true, overdue: true })] },
          3: { total: 1, rows: [{ ...row(ana, { followUpDue: true, overdue: true }), link: { url: 'http://127.0.0.1:8337/demo/profile/ana', kind: 'profile' } }] },
        }),
        appointments: [{ appointment: { id: 'a1', personId: 'pia', at: NOW + 3_600_000, kind: 'call', status: 'scheduled' }, name: 'Pia' }],
        daily: { goal: 8, newLeads: 2, followUps: 3, exposures: 1, appointmentsSet: 1, conversations: 5 },
        dueCount: 3,
        overdueCount: 3,
      }),
    });
    await mount(api, { view: 'today' });
    expect(root.textContent).toContain('New conversations today: 5 of 8');
    expect(root.querySelector('[role=progressbar]')!.getAttribute('aria-valuenow')).toBe('5');
    expect(root.querySelector('#queue-title')?.textContent).toContain('3 people to contact');
    // One queue: a lead 52 days late sits below the prospect about to decide.
    const names = [...root.querySelectorAll('.queue-row .person-name')].map((n) => n.textContent);
    expect(names).toEqual(['Rui', 'Pia', 'Ana Souza']);
    expect([...root.querySelectorAll('.tier h4')].map((h) => h.textContent)).toEqual(['Ready to decide 1', 'Prospects and customers 1', 'Leads to follow up 1']);
    const first = root.querySelector('.queue-row')!;
    expect(first.querySelector('.site-icon')?.textContent).toContain('Demo page');
    const open = first.querySelector<HTMLAnchorElement>('a[aria-label="Open the conversation with Rui"]')!;
    expect(open.href).toBe('https://www.instagram.com/direct/t/123');
    expect(open.rel).toBe('noopener noreferrer');
    expect([...root.querySelectorAll('.queue-row')].at(-1)?.textContent).toContain('Follow-up 52 days overdue');
    expect(first.textContent).toContain('Follow-up 1 day overdue');
    // Its tier's heading says "Ready to decide": the row does not repeat it.
    expect(first.querySelector('.chip')).toBeNull();
    expect([...first.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))).toContain('Sent a message to Rui');
    expect(root.textContent).toContain('Appointments today');
    // The queue comes first: the daily counts are below it.
    const order = [...root.querySelectorAll('section')].map((x) => x.getAttribute('aria-labelledby'));
    expect(order.indexOf('queue-title')).toBeLessThan(order.indexOf('counts-title'));
    // No pipeline probe when the day is not empty.
    expect(api.calls.map((c) => c.type)).toEqual(['today', 'listSiteHealth']);
  });

  it('"Sent" logs a message you sent in one tap (undoable); with a prospect it then asks for the next step', async () => {
    const lead = person('ana', 'Ana Souza', 'lead', { nextFollowUpAt: NOW - DAY });
    const pro = person('pia', 'Pia', 'prospect', { nextFollowUpAt: NOW - DAY });
    const api = fakeApi({
      today: () => ({ ...emptyToday, queue: tiers({ 1: { total: 1, rows: [row(pro)] }, 3: { total: 1, rows: [row(lead)] } }), dueCount: 2 }),
      logTouch: (req) => ({ person: req.personId === 'pia' ? pro : lead, touch: { id: `t-${req.personId}`, personId: req.personId, at: NOW, direction: req.direction, channel: req.channel, kind: req.kind } }),
      deleteTouch: () => ({ person: lead }),
      updatePerson: (req) => ({ person: { ...pro, ...(req.nextStep ? { nextStep: req.nextStep } : {}) } }),
    });
    await mount(api, { view: 'today' });
    await click(root.querySelector<HTMLElement>('button[aria-label="Sent a message to Ana Souza"]')!);
    expect(api.calls.find((c) => c.type === 'logTouch')!.payload).toEqual({ personId: 'ana', direction: 'outbound', channel: 'demo', kind: 'message' });
    expect(root.querySelector('.snackbar')?.textContent).toContain('Message to Ana Souza logged');
    await click(root.querySelector<HTMLElement>('.snackbar button[aria-label^="Undo"]')!);
    expect(api.calls.find((c) => c.type === 'deleteTouch')!.payload).toEqual({ touchId: 't-ana' });

    await click(root.querySelector<HTMLElement>('button[aria-label="They replied: Pia"]')!);
    expect(api.calls.filter((c) => c.type === 'logTouch').at(-1)!.payload).toMatchObject({ personId: 'pia', direction: 'inbound', kind: 'message' });
    expect(root.querySelector('.next-step-prompt')).toBeNull();
    await click(root.querySelector<HTMLElement>('button[aria-label="Sent a message to Pia"]')!);
    const prompt = root.querySelector('.next-step-prompt')!;
    expect(prompt.textContent).toContain('You forgot to close');
    await type(prompt.querySelector('input[type=text]'), 'Call back Thursday');
    await click(byText('Save next step'));
    expect(api.calls.find((c) => c.type === 'updatePerson')!.payload).toEqual({ personId: 'pia', nextStep: { text: 'Call back Thursday' } });
  });

  it('pages a long tier in place, and "everyone due" opens the pipeline filtered to them', async () => {
    const first = Array.from({ length: 10 }, (_, i) => row(person(`o${i}`, `Over ${i}`)));
    const next = Array.from({ length: 20 }, (_, i) => row(person(`n${i}`, `Next ${i}`)));
    const api = fakeApi({
      today: () => ({ ...emptyToday, queue: tiers({ 3: { total: 1234, rows: first } }), dueCount: 1237, overdueCount: 1234 }),
      queuePage: (req) => ({ tier: req.tier, total: 1234, rows: next.slice(0, req.limit) }),
      pipeline: (req) => ({ counts, groups: { stages: counts, onDrip: 0, reachOut: 0 }, total: req.signal ? 1237 : 0, rows: [] }),
    });
    await mount(api, { view: 'today' });
    expect(root.querySelector('.tier h4')?.textContent).toBe('Leads to follow up 1,234');
    await click(byText('Show 20 more'));
    expect(api.calls.find((c) => c.type === 'queuePage')!.payload).toEqual({ tier: 3, offset: 10, limit: 20 });
    expect(root.querySelectorAll('.queue-row')).toHaveLength(30);
    await click(byText('See all 1,237 people with a follow-up due in the pipeline'));
    expect(api.calls.filter((c) => c.type === 'pipeline').at(-1)!.payload).toMatchObject({ signal: 'followUpDue' });
    expect(byLabel<HTMLSelectElement>('Signal').value).toBe('followUpDue');
  });

  it('says so when nobody is to contact now', async () => {
    const api = fakeApi({ today: () => ({ ...emptyToday, appointments: [{ appointment: { id: 'a', personId: 'p', at: NOW, kind: 'call', status: 'scheduled' }, name: 'P' }] }) });
    await mount(api, { view: 'today' });
    expect(root.querySelector('.success')?.textContent).toContain('Nobody to contact right now');
  });

  it('teaches the first capture first, naming the button the pages show, when nobody exists yet', async () => {
    const api = fakeApi({ today: () => emptyToday, pipeline: () => ({ counts, groups: { stages: counts, onDrip: 0, reachOut: 0 }, total: 0, rows: [] }) });
    await mount(api, { view: 'today' });
    expect(root.textContent).toContain('Capture your first lead');
    expect(root.querySelectorAll('.first-run li')).toHaveLength(3);
    expect(root.querySelector('.first-run .chip-sample')?.textContent).toBe('+ Lead');
    // No empty goal card above the steps.
    expect(root.querySelector('[role=progressbar]')).toBeNull();
    const demo = root.querySelector<HTMLAnchorElement>('.first-run a')!;
    expect(demo.href).toBe('http://127.0.0.1:8337/demo/index.html');
    expect(demo.rel).toBe('noopener noreferrer');
    await click(byText('Add someone by hand'));
    expect(root.querySelector('h2')?.textContent).toBe('Add a person');
  });

  it('shows a readable error with a retry', async () => {
    const api = fakeApi({});
    await mount(api, { view: 'today' });
    expect(root.querySelector('[role=alert]')?.textContent).toContain('no fake for today');
  });
});

describe('Pipeline', () => {
  it('searches as you type (debounced) and pages with Load more', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => row(person(`p${i}`, `Person ${i}`)));
    const api = fakeApi({
      pipeline: (req) => ({
        counts: { ...counts, lead: 120 },
        groups: { stages: { ...counts, lead: 114 }, onDrip: 3, reachOut: 3 },
        total: req.query ? 1 : req.onDrip || req.reachOut ? 3 : 120,
        rows: req.query ? [row(person('ana', 'Ana Souza'))] : rows.slice(0, req.limit ?? 50),
      }),
    });
    await mount(api, { view: 'pipeline' });
    expect(root.textContent).toContain('Showing 50 of 120');
    await click(byText('Show 50 more'));
    const more = api.calls.filter((c) => c.type === 'pipeline').at(-1)!.payload as { offset: number };
    expect(more.offset).toBe(50);

    const search = root.querySelector<HTMLInputElement>('input[type=search]');
    const before = api.calls.length;
    await type(search, 'a');
    await type(search, 'an');
    await type(search, 'ana');
    await flush(120);
    const searches = api.calls.slice(before).filter((c) => (c.payload as { query?: string }).query !== undefined);
    expect(searches).toHaveLength(1);
    expect(searches[0]!.payload).toMatchObject({ query: 'ana' });
    expect(root.textContent).toContain('Ana Souza');
  });

  it('shows the group totals the background counted, without counting drip and suggestions apart', async () => {
    const api = fakeApi({
      pipeline: () => ({
        counts: { ...counts, lead: 9, prospect: 4, not_interested: 2 },
        groups: { stages: { lead: 5, prospect: 3, customer: 0, team_member: 0, not_interested: 2 }, onDrip: 3, reachOut: 2 },
        total: 0,
        rows: [],
      }),
    });
    await mount(api, { view: 'pipeline' });
    const chip = (label: string) =>
      [...root.querySelectorAll<HTMLElement>('.group')].find((b) => b.firstElementChild?.textContent === label)?.querySelector('.count')?.textContent;
    expect(chip('Everyone')).toBe('15');
    expect(chip('Reach out?')).toBe('2');
    expect(chip('Lead')).toBe('5');
    expect(chip('Prospect')).toBe('3');
    expect(chip('On drip')).toBe('3');
    expect(chip('Not interested')).toBe('2');
    expect(api.calls).toHaveLength(1);
  });

  it('filters by group, site, source and signal', async () => {
    const api = fakeApi({ pipeline: () => ({ counts, groups: { stages: counts, onDrip: 0, reachOut: 0 }, total: 0, rows: [] }) });
    await mount(api, { view: 'pipeline' });
    await click(byText('On drip 0') ?? [...root.querySelectorAll<HTMLElement>('.group')].find((b) => b.textContent?.startsWith('On drip')));
    const sel = (label: string) => byLabel<HTMLSelectElement>(label);
    for (const [label, value] of [
      ['Site', 'facebook'],
      ['Source', 'hand_raise_like'],
      ['Signal', 'chasing'],
    ] as const) {
      await act(async () => {
        const s = sel(label);
        s.value = value;
        s.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await act(() => settle());
    }
    expect(api.calls.at(-1)!.payload).toMatchObject({ onDrip: true, site: 'facebook', sourceKind: 'hand_raise_like', signal: 'chasing' });
  });
});

function personHandlers(p: Person, extra: Handlers = {}): Handlers & { state: { person: Person } } {
  const state = { person: p };
  return {
    state,
    person: () => ({ person: state.person, touches: [], appointments: [], signals: NO_SIGNALS, promotion: null }),
    setStage: (req) => {
      state.person = { ...state.person, stage: req.stage };
      return { person: state.person };
    },
    updatePerson: (req) => {
      state.person = {
        ...state.person,
        ...(req.notes === undefined ? {} : { notes: req.notes }),
        ...(req.reachOut === undefined ? {} : { reachOut: req.reachOut }),
      };
      return { person: state.person };
    },
    logTouch: (req) => ({
      person: state.person,
      touch: { id: 't1', personId: p.id, at: NOW, direction: req.direction, channel: req.channel, kind: req.kind },
    }),
    ...extra,
  };
}

describe('Person', () => {
  it('renders scraped text as text and links only web profiles, safely', async () => {
    const evil = person('x1', '<img src=x onerror="window.pwned=1">', 'lead', {
      notes: '<script>window.pwned=2</script>',
    });
    evil.identities.push({
      site: 'x',
      profileKey: 'x:evil',
      profileUrl: 'javascript:alert(1)',
      displayName: 'evil',
      handle: 'evil',
    });
    await mount(fakeApi(personHandlers(evil)), { view: 'person', id: 'x1' });
    expect(root.querySelector('h2')?.textContent).toBe('<img src=x onerror="window.pwned=1">');
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('script')).toBeNull();
    const links = [...root.querySelectorAll<HTMLAnchorElement>('.card a')];
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) {
      expect(a.href).toMatch(/^https?:/);
      expect(a.target).toBe('_blank');
      expect(a.rel).toBe('noopener noreferrer');
    }
    expect(root.textContent).toContain('X (Twitter): @evil');
    expect([...root.querySelectorAll('a')].some((a) => a.getAttribute('href')?.startsWith('javascript'))).toBe(false);
  });

  it('asks a prospect for the next step, and lets the user skip explicitly', async () => {
    const h = personHandlers(person('pia', 'Pia', 'prospect'));
    const api = fakeApi(h);
    await mount(api, { view: 'person', id: 'pia' });
    expect(root.textContent).toContain('Is this prospect ready?');
    await click(byText('Log it'));
    expect(api.calls.some((c) => c.type === 'logTouch')).toBe(false);
    expect(root.querySelector('[role=alert]')?.textContent).toBe('You forgot to close: what’s the next step?');
    await click(byText('Save without a next step'));
    const logged = api.calls.find((c) => c.type === 'logTouch')!;
    expect(logged.payload).toEqual({ personId: 'pia', direction: 'outbound', channel: 'demo', kind: 'message' });
  });

  it('sends the next step with the touch when given', async () => {
    const api = fakeApi(personHandlers(person('pia', 'Pia', 'prospect')));
    await mount(api, { view: 'person', id: 'pia' });
    const step = byLabel('Next step');
    await type(step, 'Call back Thursday');
    await click(byText('Log it'));
    expect(api.calls.find((c) => c.type === 'logTouch')!.payload).toMatchObject({ nextStep: { text: 'Call back Thursday' } });
  });

  it('promotes in one click and undoes it from the snackbar', async () => {
    const h = personHandlers(person('ana', 'Ana'));
    const api = fakeApi(h);
    await mount(api, { view: 'person', id: 'ana' });
    await click(byText('Promote to prospect'));
    expect(h.state.person.stage).toBe('prospect');
    expect(root.querySelector('.snackbar')?.textContent).toContain('Ana moved to Prospect');
    await click(root.querySelector<HTMLElement>('.snackbar button[aria-label^="Undo"]')!);
    expect(h.state.person.stage).toBe('lead');
    expect(api.calls.filter((c) => c.type === 'setStage').map((c) => c.payload)).toEqual([
      { personId: 'ana', stage: 'prospect' },
      { personId: 'ana', stage: 'lead' },
    ]);
    expect(root.querySelector('.snackbar')?.textContent).toContain('Undone: Ana moved to Prospect');
  });

  it('undoes a logged touch by deleting it', async () => {
    const h = personHandlers(person('ana', 'Ana'), {
      deleteTouch: (req) => {
        expect(req).toEqual({ touchId: 't1' });
        return { person: h.state.person };
      },
    });
    const api = fakeApi(h);
    await mount(api, { view: 'person', id: 'ana' });
    await click(byText('Log it'));
    expect(api.calls.some((c) => c.type === 'deleteTouch')).toBe(false);
    await click(root.querySelector<HTMLElement>('.snackbar button[aria-label^="Undo"]')!);
    expect(api.calls.filter((c) => c.type === 'deleteTouch').map((c) => c.payload)).toEqual([{ touchId: 't1' }]);
    expect(root.querySelector('.snackbar')?.textContent).toContain('Undone');
  });

  it('captures a suggestion as a lead, and undo makes it a suggestion again', async () => {
    const h = personHandlers(person('bo', 'Bo', 'lead', { reachOut: true }));
    const api = fakeApi(h);
    await mount(api, { view: 'person', id: 'bo' });
    await click(byText('Capture as lead'));
    expect(h.state.person.reachOut).toBe(false);
    await click(root.querySelector<HTMLElement>('.snackbar button[aria-label^="Undo"]')!);
    expect(h.state.person.reachOut).toBe(true);
    expect(api.calls.filter((c) => c.type === 'updatePerson').map((c) => c.payload)).toEqual([
      { personId: 'bo', reachOut: false },
      { personId: 'bo', reachOut: true },
    ]);
    expect(api.calls.some((c) => c.type === 'capture')).toBe(false);
  });

  it('saves notes on blur, once', async () => {
    const h = personHandlers(person('ana', 'Ana'));
    const api = fakeApi(h);
    await mount(api, { view: 'person', id: 'ana' });
    const notes = root.querySelector<HTMLTextAreaElement>('textarea[aria-labelledby="notes-title"]')!;
    await type(notes, 'Has two kids');
    await act(async () => void notes.dispatchEvent(new Event('blur')));
    await act(() => settle());
    expect(api.calls.filter((c) => c.type === 'updatePerson').map((c) => c.payload)).toEqual([
      { personId: 'ana', notes: 'Has two kids' },
    ]);
  });

  it('merges only after confirmation', async () => {
    const other = person('ana2', 'Ana S.');
    const api = fakeApi(
      personHandlers(person('ana', 'Ana'), {
        pipeline: () => ({ counts, groups: { stages: counts, onDrip: 0, reachOut: 0 }, total: 1, rows: [row(other)] }),
        merge: () => ({ person: person('ana', 'Ana') }),
      }),
    );
    await mount(api, { view: 'person', id: 'ana' });
    await click(byText('Merge with another person…'));
    const search = [...root.querySelectorAll<HTMLInputElement>('input[type=search]')].at(-1)!;
    await type(search, 'ana');
    await flush(100);
    await click([...root.querySelectorAll<HTMLElement>('ul[aria-label="People to merge"] button')][0]);
    const dialog = root.querySelector('[role=dialog]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.textContent).toContain('Everything of Ana S.');
    expect(api.calls.some((c) => c.type === 'merge')).toBe(false);
    await click(byText('Merge'));
    expect(api.calls.find((c) => c.type === 'merge')!.payload).toEqual({ keepId: 'ana', otherId: 'ana2' });
  });
});

describe('Insight', () => {
  it('shows the full figures from the background: overall, by source, median days per stage', async () => {
    const c = (leads: number, prospects: number, closed: number) => ({
      leads,
      prospects,
      customersOrTeam: closed,
      leadToProspect: leads ? prospects / leads : 0,
      prospectToClose: prospects ? closed / prospects : 0,
    });
    const api = fakeApi({
      insight: () => ({ people: 10, overall: c(10, 4, 1), medianDaysInStage: { lead: 3.4, prospect: 12 }, bySource: { comment: c(8, 2, 0), referral: c(2, 2, 1) }, bySite: { instagram: c(6, 3, 1), facebook: c(4, 1, 0) } }),
    });
    await mount(api, { view: 'insight' });
    expect(api.calls).toEqual([{ type: 'insight', payload: {} }]);
    const text = root.textContent ?? '';
    expect(text).toContain('Lead → prospect40%');
    expect(text).toContain('Prospect → customer or team member25%');
    expect(text).not.toContain('Estimated from where people are now');
    const median = root.querySelector('section[aria-labelledby="median-title"]')!;
    expect(median.textContent).toContain('3 days');
    expect(median.textContent).toContain('12 days');
    const bySource = [...root.querySelectorAll('section[aria-labelledby="bysource-title"] tbody tr')].map((r) => r.textContent);
    expect(bySource).toHaveLength(2);
    expect(bySource[1]).toContain('100%');
    const bySite = [...root.querySelectorAll('section[aria-labelledby="bysite-title"] tbody tr')].map((r) => r.textContent);
    expect(bySite).toEqual(['Facebook425%0%', 'Instagram650%33%']);
    expect(text).toContain('Based on 10 people.');
  });

  it('narrows to the people who came in during a range, and says what to do when there is nothing', async () => {
    const c = { leads: 0, prospects: 0, customersOrTeam: 0, leadToProspect: 0, prospectToClose: 0 };
    const api = fakeApi({ insight: () => ({ people: 0, overall: c, medianDaysInStage: {}, bySource: {}, bySite: {} }) });
    await mount(api, { view: 'insight' });
    expect(root.querySelector('.notice')?.textContent).toContain('Nothing to measure yet');
    expect(root.querySelector('table')).toBeNull();
    await act(async () => {
      const s = byLabel<HTMLSelectElement>('People who came in');
      s.value = '30';
      s.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush();
    const from = new Date(NOW);
    from.setHours(0, 0, 0, 0);
    from.setDate(from.getDate() - 29);
    expect(api.calls.at(-1)).toEqual({ type: 'insight', payload: { from: from.getTime() } });
    expect(root.querySelector('.notice')?.textContent).toContain('Nobody came in during this period');
  });

  it('estimates conversion from one page of counts when the full figures fail', async () => {
    const api = fakeApi({
      pipeline: () => {
        const c = { lead: 5, prospect: 2, customer: 1, team_member: 1, not_interested: 1 };
        return { counts: c, groups: { stages: c, onDrip: 0, reachOut: 0 }, total: 10, rows: [] };
      },
    });
    await mount(api, { view: 'insight' });
    expect(api.calls).toEqual([
      { type: 'insight', payload: {} },
      { type: 'pipeline', payload: { limit: 1 } },
    ]);
    const text = root.textContent ?? '';
    expect(text).toContain('Lead → prospect40%');
    expect(text).toContain('Prospect → customer or team member50%');
    expect(text).toContain('Estimated from where people are now');
  });
});

describe('Spanish', () => {
  it('renders the first-run screen from the Spanish catalog', async () => {
    const { useCatalogForTests } = await import('../../../src/ui/i18n');
    const es = (await import('../../../src/_locales/es/messages.json')).default;
    useCatalogForTests(es);
    try {
      const api = fakeApi({ today: () => emptyToday, pipeline: () => ({ counts, groups: { stages: counts, onDrip: 0, reachOut: 0 }, total: 0, rows: [] }) });
      await mount(api, { view: 'today' });
      expect(root.querySelector('h2')?.textContent).toBe('Hoy');
      expect(root.textContent).toContain('Guarda tu primer lead');
      expect(root.querySelector('.first-run .chip-sample')?.textContent).toBe('+ Lead');
    } finally {
      useCatalogForTests(undefined);
    }
  });
});
