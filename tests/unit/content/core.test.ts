// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SLICE } from '../../../src/content/core';
import { tiktok } from '../../../src/content/sites/tiktok';
import { fixtureUrl, readFixture, stripped } from '../sites/helpers';
import {
  BASE,
  FakeBackground,
  PAGE,
  type Started,
  badge,
  bodyOf,
  buttonOf,
  chipFor,
  chips,
  comment,
  emptyPost,
  postWith,
  startWithTurns,
  label,
  setUrl,
  start,
} from './harness';

let running: Started | null = null;
function run(bg?: FakeBackground, healthDelayMs?: number): Started {
  running = start(bg, undefined, healthDelayMs);
  return running;
}

beforeEach(() => {
  setUrl(PAGE);
  document.body.innerHTML = '';
});
afterEach(() => {
  running?.core.stop();
  running = null;
});

describe('on demo/index.html', () => {
  beforeEach(() => {
    document.body.innerHTML = bodyOf('demo/index.html');
  });

  it('puts a chip right after each person name with an accessible name', async () => {
    const { core } = run();
    await core.idle();
    // 7 commenters, 4 likers, 1 message partner: one chip per name link.
    expect(chips()).toHaveLength(12);
    const ana = document.querySelector('[data-comment-id="c1"] [data-testid="author"]')!;
    const host = ana.nextElementSibling as HTMLElement;
    expect(host.localName).toBe('handraiser-chip');
    expect(host.getAttribute('data-state')).toBe('unknown');
    expect(host.getAttribute('data-profile-key')).toBe('demo:ana-souza');
    expect(host.shadowRoot!.mode).toBe('open');
    expect(buttonOf(host).textContent).toBe('+ Lead');
    expect(label(host)).toBe('Capture Ana Souza as lead');
    // Styled by one <style> per root, all with the same text (one parsed sheet in the browser).
    const style = host.shadowRoot!.querySelector('style')!;
    expect(style.textContent).toContain(':host');
    expect(host.shadowRoot!.adoptedStyleSheets).toHaveLength(0);
    for (const other of chips()) expect(other.shadowRoot!.querySelector('style')!.textContent).toBe(style.textContent);
  });

  it('says "+ Reach out" on a like of an ordinary post (what one click stores), "+ Lead" once the post is a hand-raise post', async () => {
    const { bg, core } = run();
    await core.idle();
    const likes = [...document.querySelectorAll('[data-testid="reaction-row"] handraiser-chip')] as HTMLElement[];
    expect(likes).toHaveLength(4);
    const lucas = likes.find((h) => h.getAttribute('data-profile-key') === 'demo:lucas-pereira')!;
    expect(buttonOf(lucas).textContent).toBe('+ Reach out');
    expect(label(lucas)).toBe('Save Lucas Pereira as someone to reach out to');
    for (const h of likes) expect(buttonOf(h).textContent).toBe('+ Reach out');
    // Commenters on the same page are leads on one click.
    expect(buttonOf(chipFor('demo:ana-souza')).textContent).toBe('+ Lead');

    // The post is marked as a hand-raise post (in another tab): its likers become leads on one click.
    bg.posts = [`${BASE}/demo/posts/102`];
    bg.broadcast({ type: 'handraiser:changed', personIds: [], reason: 'handRaisePosts' });
    await vi.waitFor(() => expect(buttonOf(lucas).textContent).toBe('+ Lead'));
    expect(label(lucas)).toBe('Capture Lucas Pereira as lead');
    await core.idle();

    // And a click sends what the label said: 'auto' lets the background decide the same way.
    buttonOf(lucas).click();
    await core.idle();
    expect(bg.of('capture').at(-1)!.payload).toMatchObject({ surface: 'reaction', as: 'auto', contextUrl: expect.stringContaining('/demo/posts/102') });
  });

  it('looks everybody up in one message with unique keys', async () => {
    const { bg, core } = run();
    await core.idle();
    expect(bg.of('lookup')).toHaveLength(1);
    expect(bg.of('lookup')[0]!.payload.profileKeys).toHaveLength(9);
  });

  it('shows a name with markup in it literally', async () => {
    const { core } = run();
    await core.idle();
    expect(label(chipFor('demo:bold-ben'))).toBe('Capture <b>Bold</b> Ben as lead');
    expect(chipFor('demo:bold-ben').shadowRoot!.querySelector('b')).toBeNull();
  });

  it('shows the status of known people', async () => {
    const bg = new FakeBackground();
    bg.badges.set('demo:jose-garcia', badge('p1', 'José', { stage: 'prospect' }, { followUpDue: true }));
    bg.badges.set('demo:tom-oreilly', badge('p2', 'Tom', { stage: 'not_interested' }, { notInterested: true }));
    bg.badges.set('demo:lucas-pereira', badge('p3', 'Lucas', { reachOut: true }));
    bg.badges.set('demo:sam-okafor', badge('p4', 'Sam', {}, { overdue: true, followUpDue: true }));
    const { core } = run(bg);
    await core.idle();
    const jose = chipFor('demo:jose-garcia');
    expect(jose.getAttribute('data-state')).toBe('prospect');
    // The face says the stage; a due follow-up is drawn on it and said in full in the label and tooltip.
    expect(buttonOf(jose).textContent).toBe('Prospect');
    expect(buttonOf(jose).title).toBe('Prospect · due');
    expect(buttonOf(jose).classList.contains('due')).toBe(true);
    expect(label(jose)).toBe('José García: Prospect · due. Open Handraiser menu');
    expect(buttonOf(chipFor('demo:tom-oreilly')).textContent).toBe('Said no');
    expect(buttonOf(chipFor('demo:tom-oreilly')).classList.contains('muted')).toBe(true);
    expect(buttonOf(chipFor('demo:lucas-pereira')).textContent).toBe('Reach out');
    expect(buttonOf(chipFor('demo:sam-okafor')).textContent).toBe('Lead');
    expect(label(chipFor('demo:sam-okafor'))).toBe('Sam Okafor: Lead · overdue. Open Handraiser menu');
  });

  it('one click captures a commenter with profile, surface and context, and the chip says Lead', async () => {
    const { bg, core } = run();
    await core.idle();
    const host = chipFor('demo:jose-garcia');
    buttonOf(host).click();
    await core.idle();
    expect(bg.of('capture')).toHaveLength(1);
    expect(bg.of('capture')[0]!.payload).toEqual({
      person: {
        profileUrl: `${BASE}/demo/profile/jose-garcia`,
        name: 'José García',
        avatarUrl: `${BASE}/demo/avatars/jose-garcia.svg`,
        pageUrl: PAGE,
      },
      surface: 'comment',
      contextUrl: `${BASE}/demo/posts/101`,
      text: 'Me interesa 🙋‍♂️ How long does it take each morning?',
      as: 'auto',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(host.getAttribute('data-state')).toBe('lead');
    expect(buttonOf(host).textContent).toBe('Lead');
    expect(label(host)).toBe('José García: Lead. Open Handraiser menu');
  });

  it('a capture that failed (its reply lost) is retried with the same id, so the store keeps it once; the next capture is new', async () => {
    const { bg, core } = run();
    await core.idle();
    const host = chipFor('demo:jose-garcia');
    bg.failWith = new Error('The message port closed before a response was received.');
    buttonOf(host).click();
    await core.idle();
    bg.failWith = null;
    buttonOf(host).click();
    await core.idle();
    const [failed, retried] = bg.of('capture').map((c) => c.payload.requestId);
    expect(failed).toBeDefined();
    expect(retried).toBe(failed);
    expect(host.getAttribute('data-state')).toBe('lead');
    // Captured: a new sighting later is a new capture.
    bg.badges.delete('demo:jose-garcia');
    bg.broadcast({ type: 'handraiser:changed', personIds: [], profileKeys: ['demo:jose-garcia'], reason: 'deleteAll' });
    await vi.waitFor(() => expect(host.getAttribute('data-state')).toBe('unknown'));
    buttonOf(host).click();
    await core.idle();
    expect(bg.of('capture')[2]!.payload.requestId).not.toBe(failed);
  });

  it('updates every chip of the same person after a capture', async () => {
    const { core } = run();
    await core.idle();
    const anas = chips().filter((c) => c.dataset.profileKey === 'demo:ana-souza');
    expect(anas).toHaveLength(3);
    buttonOf(anas[0]!).click();
    await core.idle();
    expect(anas.map((c) => c.dataset.state)).toEqual(['lead', 'lead', 'lead']);
  });

  it("a click on the chip never reaches the site's handlers; clicks elsewhere still do", async () => {
    const { core } = run();
    await core.idle();
    const commentEl = document.querySelector('[data-comment-id="c2"]')!;
    const siteClick = vi.fn();
    commentEl.addEventListener('click', siteClick);
    const host = chipFor('demo:jose-garcia');
    const evt = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    buttonOf(host).dispatchEvent(evt);
    expect(siteClick).not.toHaveBeenCalled();
    expect(evt.defaultPrevented).toBe(true);
    const text = commentEl.querySelector('[data-testid="comment-text"]') as HTMLElement;
    text.click();
    expect(siteClick).toHaveBeenCalledTimes(1);
  });

  it('a change to a known person re-looks up only that person and updates their chip', async () => {
    const bg = new FakeBackground();
    bg.badges.set('demo:priya-natarajan', badge('p9', 'Priya', {}));
    const { core } = run(bg);
    await core.idle();
    expect(chipFor('demo:priya-natarajan').dataset.state).toBe('lead');
    bg.badges.set('demo:priya-natarajan', badge('p9', 'Priya', { stage: 'customer' }));
    bg.broadcast({ type: 'handraiser:changed', personIds: ['p9'], reason: 'stage' });
    await core.idle();
    expect(bg.of('lookup')).toHaveLength(2);
    expect(bg.of('lookup')[1]!.payload.profileKeys).toEqual(['demo:priya-natarajan']);
    expect(chipFor('demo:priya-natarajan').dataset.state).toBe('customer');
    expect(buttonOf(chipFor('demo:priya-natarajan')).textContent).toBe('Customer');
  });

  it('a capture in another tab re-looks up only the captured profile; a change to nobody on the page sends nothing', async () => {
    const { bg, core } = run();
    await core.idle();
    bg.broadcast({ type: 'handraiser:changed', personIds: ['someone-elsewhere'], reason: 'touch' });
    await core.idle();
    expect(bg.of('lookup')).toHaveLength(1);
    bg.badges.set('demo:mei-chen', badge('p5', 'Mei', {}));
    bg.broadcast({ type: 'handraiser:changed', personIds: ['p5'], profileKeys: ['demo:mei-chen'], reason: 'capture' });
    await core.idle();
    expect(bg.of('lookup')).toHaveLength(2);
    expect(bg.of('lookup')[1]!.payload.profileKeys).toEqual(['demo:mei-chen']);
    expect(chipFor('demo:mei-chen').dataset.state).toBe('lead');
  });

  it('a change that can move anyone (import, settings, delete all) re-looks up the whole page, in slices of 200', async () => {
    const { bg, core } = run();
    await core.idle();
    bg.badges.set('demo:priya-natarajan', badge('p9', 'Priya', { stage: 'customer' }));
    bg.broadcast({ type: 'handraiser:changed', personIds: [], reason: 'import' });
    await core.idle();
    expect(bg.of('lookup')).toHaveLength(2);
    expect(bg.of('lookup')[1]!.payload.profileKeys).toHaveLength(9);
    expect(chipFor('demo:priya-natarajan').dataset.state).toBe('customer');
  });

  it('ignores invalid broadcasts', async () => {
    const { bg, core } = run();
    await core.idle();
    const before = bg.calls.length;
    for (const m of [
      null,
      'handraiser:changed',
      { type: 'handraiser:changed' },
      { type: 'handraiser:changed', personIds: 'all', reason: 'x' },
      { type: 'handraiser:command', command: 'delete-everything' },
      { type: 'other' },
    ]) {
      bg.broadcast(m);
    }
    await core.idle();
    expect(bg.calls.length).toBe(before);
  });

  it('the keyboard command captures the person whose chip has focus', async () => {
    const { bg, core } = run();
    await core.idle();
    const host = chipFor('demo:sam-okafor');
    buttonOf(host).focus();
    expect(document.activeElement).toBe(host);
    bg.broadcast({ type: 'handraiser:command', command: 'capture-focused' });
    await core.idle();
    expect(bg.of('capture').map((c) => c.payload.person.name)).toEqual(['Sam Okafor']);
    expect(host.dataset.state).toBe('lead');
  });

  it('the keyboard command also captures from a focused name link (the "Add" variant)', async () => {
    const { bg, core } = run();
    await core.idle();
    const link = document.querySelector('[data-comment-id="c3"] [data-testid="author"]') as HTMLElement;
    link.focus();
    bg.broadcast({ type: 'handraiser:command', command: 'capture-focused' });
    await core.idle();
    expect(bg.of('capture').map((c) => c.payload.person.name)).toEqual(['Priya Natarajan']);
  });

  it('records the open DM thread once, metadata only, keyed by the site message ids', async () => {
    const { bg, core } = run();
    await core.idle();
    const dms = bg.of('recordDm');
    expect(dms).toHaveLength(1);
    expect(dms[0]!.payload.person.profileUrl).toBe(`${BASE}/demo/profile/ana-souza`);
    expect(dms[0]!.payload.threadUrl).toBe(`${BASE}/demo/messages/ana-souza`);
    expect(dms[0]!.payload.messages).toEqual([
      { dedupeKey: 'demo:id:m1001', direction: 'outbound', at: Date.parse('2025-05-12T08:10:00Z') },
      { dedupeKey: 'demo:id:m1002', direction: 'inbound', at: Date.parse('2025-05-12T08:24:00Z') },
      { dedupeKey: 'demo:id:m1003', direction: 'outbound', at: Date.parse('2025-05-12T08:26:00Z') },
      { dedupeKey: 'demo:id:m1004', direction: 'inbound', at: Date.parse('2025-05-12T08:40:00Z') },
    ]);
    // A new message: only that one is sent.
    const msg = document.createElement('div');
    msg.setAttribute('data-testid', 'dm-message');
    msg.setAttribute('data-direction', 'in');
    msg.innerHTML = '<p>See you!</p>';
    document.querySelector('.dm-list')!.append(msg);
    await core.idle();
    expect(bg.of('recordDm')).toHaveLength(2);
    const [m] = bg.of('recordDm')[1]!.payload.messages;
    expect(m).toEqual({ dedupeKey: expect.stringMatching(/^demo:h:/), direction: 'inbound' });
  });

  it('includes DM text only when the user turned storeMessageText on', async () => {
    const bg = new FakeBackground();
    bg.settings.storeMessageText = true;
    const { core } = run(bg);
    await core.idle();
    expect(bg.of('recordDm')[0]!.payload.messages[1]!.text).toBe('Yes please! Is it suitable for beginners?');
  });
});

describe('on an endless feed', () => {
  it('5 people → one lookup with 5 keys; 20 more → one more lookup with 20 keys, old chips untouched', async () => {
    const section = emptyPost();
    for (let i = 0; i < 5; i++) section.append(comment(i));
    const { bg, core } = run();
    await core.idle();
    expect(bg.of('lookup')).toHaveLength(1);
    expect(bg.of('lookup')[0]!.payload.profileKeys).toHaveLength(5);
    const old = chips();
    expect(old).toHaveLength(5);

    const frag = document.createDocumentFragment();
    for (let i = 5; i < 25; i++) frag.append(comment(i));
    section.append(frag);
    await core.idle();
    expect(bg.of('lookup')).toHaveLength(2);
    expect(bg.of('lookup')[1]!.payload.profileKeys).toHaveLength(20);
    expect(chips()).toHaveLength(25);
    expect(chips().slice(0, 5)).toEqual(old);
    expect(label(chips()[24]!)).toBe('Capture Reader 24 as lead');
  });

  it('a page that already holds 620 people is read, looked up and chipped 200 at a time, one slice per turn', async () => {
    postWith(620);
    // The turns between slices (animation frames in the browser) are released by hand here.
    const started = startWithTurns();
    running = started;
    const { bg, core, turns } = started;
    const seen: number[] = [];
    let released = 0;
    for (let i = 0; i < 200 && chips().length < 620; i++) {
      await new Promise((r) => setTimeout(r, 0));
      const n = chips().length;
      if (n > 0 && n !== seen.at(-1)) seen.push(n);
      // Never more than one slice ahead of the turns released so far.
      expect(n).toBeLessThanOrEqual(SLICE * (released + 1));
      if (turns.length > 0 && n === SLICE * (released + 1)) {
        released++;
        turns.shift()!();
      }
    }
    await core.idle();
    expect(seen).toEqual([200, 400, 600, 620]);
    expect(bg.of('lookup').map((c) => c.payload.profileKeys.length)).toEqual([200, 200, 200, 20]);
    // Everyone, once, right after their own name.
    expect(chips()).toHaveLength(620);
    const names = [...document.querySelectorAll('[data-testid="author"]')];
    expect(names.every((a, i) => a.nextElementSibling?.getAttribute('data-profile-key') === `demo:reader-${i}`)).toBe(true);
  }, 20_000);

  it('a turned-off site stops a long first scan between slices', async () => {
    postWith(500);
    const started = startWithTurns();
    running = started;
    const { bg, core, turns } = started;
    for (let i = 0; i < 50 && turns.length === 0; i++) await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(chips()).toHaveLength(SLICE);
    bg.settings.sites.demo = { enabled: false, badges: true };
    bg.broadcast({ type: 'handraiser:settings' });
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
    expect(chips()).toHaveLength(0);
    while (turns.length) turns.shift()!();
    await core.idle();
    expect(chips()).toHaveLength(0);
    expect(bg.of('lookup')).toHaveLength(1);
  });

  it('notices single-page navigation and re-reads hand-raise posts', async () => {
    emptyPost();
    const { bg, core } = run();
    await core.idle();
    expect(bg.of('listHandRaisePosts')).toHaveLength(1);
    history.pushState({}, '', '/demo/posts/102');
    document.querySelector('[data-testid="comments"]')!.append(comment(1));
    await core.idle();
    expect(bg.of('listHandRaisePosts')).toHaveLength(2);
  });
});

describe('validation at the door', () => {
  it('drops javascript:, foreign-host and non-person links silently; sends nothing for them', async () => {
    document.body.innerHTML = bodyOf('tests/fixtures/sites/demo/edge-cases.html');
    const { bg, core } = run();
    await core.idle();
    const keys = chips().map((c) => c.dataset.profileKey);
    expect(keys).toEqual(['demo:hostile', 'demo:long', 'demo:hostile']);
    expect(JSON.stringify(bg.calls)).not.toMatch(/javascript|evil\.example|sunny-side/);
    // HTML in a name is text; the long name is bounded.
    expect(label(chipFor('demo:hostile'))).toBe('Capture <img src=x onerror=alert(1)>Hostile as lead');
    expect(document.querySelector('img[src=x]')).toBeNull();
    buttonOf(chipFor('demo:long')).click();
    await core.idle();
    expect(bg.of('capture')[0]!.payload.person.name).toHaveLength(200);
    expect(bg.of('capture')[0]!.payload.person.avatarUrl).toBeUndefined();
  });

  it('a javascript: avatar is never sent', async () => {
    document.body.innerHTML = bodyOf('tests/fixtures/sites/demo/edge-cases.html');
    const { bg, core } = run();
    await core.idle();
    buttonOf(chipFor('demo:hostile')).click();
    await core.idle();
    expect(bg.of('capture')[0]!.payload.person.avatarUrl).toBeUndefined();
    expect(bg.of('capture')[0]!.payload.text).toBe('Hi </p>there');
  });
});

describe('the menu of a known person', () => {
  beforeEach(() => {
    document.body.innerHTML = bodyOf('demo/index.html');
  });

  function items(host: HTMLElement): HTMLElement[] {
    return Array.from(host.shadowRoot!.querySelectorAll<HTMLElement>('[role=menuitem]'));
  }

  it('opens with the promotion first, moves with arrows, Escape closes and returns focus', async () => {
    const bg = new FakeBackground();
    bg.badges.set('demo:mei-chen', badge('p5', 'Mei', { promotion: { to: 'prospect', reason: 'replied_after_outreach' } }));
    const { core } = run(bg);
    await core.idle();
    const host = chipFor('demo:mei-chen');
    buttonOf(host).click();
    const menu = host.shadowRoot!.querySelector('[role=menu]')!;
    expect(menu).not.toBeNull();
    expect(buttonOf(host).getAttribute('aria-expanded')).toBe('true');
    const list = items(host);
    expect(list.map((i) => i.firstChild!.textContent)).toEqual([
      'Promote to prospect',
      'Capture as lead',
      'Not interested',
      'Mark this post as a hand-raise post',
      'Open in Handraiser',
    ]);
    expect(list[0]!.textContent).toContain('They replied to your outreach');
    expect(host.shadowRoot!.activeElement).toBe(list[0]);
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(host.shadowRoot!.activeElement).toBe(list[1]);
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    expect(host.shadowRoot!.activeElement).toBe(list[4]);
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(host.shadowRoot!.querySelector('[role=menu]')).toBeNull();
    expect(host.shadowRoot!.activeElement).toBe(buttonOf(host));
  });

  it('Enter on "Promote to prospect" sets the stage and the chip follows', async () => {
    const bg = new FakeBackground();
    bg.badges.set('demo:mei-chen', badge('p5', 'Mei', { promotion: { to: 'prospect', reason: 'appointment_set' } }));
    const { core } = run(bg);
    await core.idle();
    const host = chipFor('demo:mei-chen');
    buttonOf(host).click();
    host.shadowRoot!.querySelector('[role=menu]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await core.idle();
    expect(bg.of('setStage')[0]!.payload).toEqual({ personId: 'p5', stage: 'prospect' });
    expect(host.dataset.state).toBe('prospect');
  });

  it('marks and unmarks the post as a hand-raise post; the item reflects the state', async () => {
    const bg = new FakeBackground();
    bg.badges.set('demo:sam-okafor', badge('p6', 'Sam'));
    const { core } = run(bg);
    await core.idle();
    const host = chipFor('demo:sam-okafor');
    buttonOf(host).click();
    items(host).find((i) => i.textContent === 'Mark this post as a hand-raise post')!.click();
    await core.idle();
    expect(bg.of('markHandRaisePost')[0]!.payload).toEqual({ url: `${BASE}/demo/posts/101` });
    buttonOf(host).click();
    expect(items(host).map((i) => i.textContent)).toContain('Unmark hand-raise post');
    items(host).find((i) => i.textContent === 'Unmark hand-raise post')!.click();
    await core.idle();
    expect(bg.of('unmarkHandRaisePost')[0]!.payload).toEqual({ url: `${BASE}/demo/posts/101` });
  });

  it('a click outside closes the menu; "Open in Handraiser" sends openHandraiser', async () => {
    const bg = new FakeBackground();
    bg.badges.set('demo:sam-okafor', badge('p6', 'Sam', { stage: 'customer' }));
    const { core } = run(bg);
    await core.idle();
    const host = chipFor('demo:sam-okafor');
    buttonOf(host).click();
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    expect(host.shadowRoot!.querySelector('[role=menu]')).toBeNull();
    buttonOf(host).click();
    items(host).find((i) => i.textContent === 'Open in Handraiser')!.click();
    await core.idle();
    expect(bg.of('openHandraiser')[0]!.payload).toEqual({ view: 'person', personId: 'p6' });
  });

  it('an error shows as readable text in the tooltip and the live region, never an alert', async () => {
    const bg = new FakeBackground();
    const alert = vi.fn();
    window.alert = alert;
    const { core } = run(bg);
    await core.idle();
    bg.errorReply = { code: 'failed', message: 'The database is busy.' };
    const host = chipFor('demo:jose-garcia');
    buttonOf(host).click();
    await core.idle();
    expect(buttonOf(host).title).toBe("Couldn't save: The database is busy.");
    expect(host.shadowRoot!.querySelector('[aria-live]')!.textContent).toBe("Couldn't save: The database is busy.");
    expect(host.dataset.state).toBe('unknown');
    expect(alert).not.toHaveBeenCalled();
  });
});

describe('settings', () => {
  beforeEach(() => {
    document.body.innerHTML = bodyOf('demo/index.html');
  });

  it('a site turned off gets no chips; turning it on via the settings broadcast brings them', async () => {
    const bg = new FakeBackground();
    bg.settings.sites.demo = { enabled: false, badges: true };
    const { core } = run(bg);
    await core.idle();
    expect(chips()).toHaveLength(0);
    expect(bg.of('lookup')).toHaveLength(0);
    bg.settings.sites.demo = { enabled: true, badges: true };
    bg.broadcast({ type: 'handraiser:settings' });
    await core.idle();
    expect(chips()).toHaveLength(12);
    bg.settings.sites.demo = { enabled: false, badges: true };
    bg.broadcast({ type: 'handraiser:settings' });
    await core.idle();
    expect(chips()).toHaveLength(0);
  });

  it('badges off: known people show only that they are saved (the same box), unknown people keep the capture button', async () => {
    const bg = new FakeBackground();
    bg.badges.set('demo:jose-garcia', badge('p1', 'José'));
    const { core } = run(bg);
    await core.idle();
    expect(chips()).toHaveLength(12);
    bg.settings.sites.demo = { enabled: true, badges: false };
    bg.broadcast({ type: 'handraiser:settings' });
    await core.idle();
    expect(chips()).toHaveLength(12);
    expect(chipFor('demo:jose-garcia').dataset.state).toBe('saved');
    expect(buttonOf(chipFor('demo:jose-garcia')).textContent).toBe('Saved');
    expect(chips().filter((c) => c.dataset.state !== 'saved').every((c) => c.dataset.state === 'unknown')).toBe(true);
  });

  it('a change that can move anyone on a long page re-looks up everyone 200 at a time, and every chip follows', async () => {
    postWith(320);
    const bg = new FakeBackground();
    const { core } = run(bg);
    await core.idle();
    expect(chips()).toHaveLength(320);
    for (let i = 0; i < 320; i++) bg.badges.set(`demo:reader-${i}`, badge(`p${i}`, `Reader ${i}`, { stage: 'prospect' }));
    bg.calls = [];
    bg.broadcast({ type: 'handraiser:changed', personIds: [], reason: 'import' });
    await core.idle();
    expect(bg.of('lookup').map((c) => c.payload.profileKeys.length)).toEqual([200, 120]);
    expect(chips().every((c) => c.dataset.state === 'prospect')).toBe(true);
  });
});

describe('site health and shutdown', () => {
  it('reports a page type with nobody in it once per page type and URL', async () => {
    vi.useFakeTimers();
    try {
      document.body.innerHTML = `<ul><li data-testid="reaction-row"><span>Someone</span></li></ul>`;
      const { bg } = run(undefined, 3000);
      await vi.advanceTimersByTimeAsync(100);
      expect(bg.of('reportSiteHealth')).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(3000);
      expect(bg.of('reportSiteHealth').map((c) => c.payload)).toEqual([
        { site: 'demo', pageType: 'likes list', url: PAGE, found: 'nobody' },
      ]);
      bg.broadcast({ type: 'handraiser:changed', personIds: [], reason: 'touch' });
      await vi.advanceTimersByTimeAsync(5000);
      expect(bg.of('reportSiteHealth')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a page type where people were found is reported as found by the selectors, never as nobody', async () => {
    vi.useFakeTimers();
    try {
      document.body.innerHTML = bodyOf('demo/index.html');
      const { bg } = run(undefined, 3000);
      await vi.advanceTimersByTimeAsync(4000);
      expect(bg.of('reportSiteHealth').map((c) => [c.payload.pageType, c.payload.found])).toEqual([
        ['post comments', 'selectors'],
        ['likes list', 'selectors'],
        ['message thread', 'selectors'],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a layout no variant knows: the structural fallback takes over, chips the commenters, and says so in site health', async () => {
    vi.useFakeTimers();
    try {
      const html = readFixture('tiktok', 'video-comments.html');
      setUrl(fixtureUrl(html));
      document.body.innerHTML = stripped(html).body.innerHTML;
      running = start(undefined, tiktok, 3000);
      const { bg } = running;
      await vi.advanceTimersByTimeAsync(500);
      // No variant reads the stripped markup.
      expect(chips()).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(3000);
      await vi.advanceTimersByTimeAsync(500);
      expect(chips().map((c) => c.dataset.profileKey).sort()).toEqual(['tiktok:@ana.souza', 'tiktok:@carlamendes', 'tiktok:@josegarcia', 'tiktok:@mei_chen']);
      expect(bg.of('reportSiteHealth').map((c) => [c.payload.pageType, c.payload.found])).toEqual([['video comments', 'fallback']]);
      // They capture as commenters, with the video as the context.
      buttonOf(chipFor('tiktok:@josegarcia')).click();
      await vi.advanceTimersByTimeAsync(100);
      expect(bg.of('capture')[0]!.payload).toMatchObject({
        surface: 'comment',
        person: { name: 'José García' },
        contextUrl: 'https://www.tiktok.com/@carlamendes/video/7370000000000000001',
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops and removes its chips quietly when the extension context is invalidated', async () => {
    document.body.innerHTML = bodyOf('demo/index.html');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { bg, core } = run();
    await core.idle();
    expect(chips()).toHaveLength(12);
    bg.failWith = new Error('Extension context invalidated.');
    buttonOf(chipFor('demo:ana-souza')).click();
    await core.idle();
    expect(core.stopped).toBe(true);
    expect(chips()).toHaveLength(0);
    const calls = bg.calls.length;
    document.querySelector('[data-testid="comments"]')!.append(comment(99));
    await new Promise((r) => setTimeout(r, 10));
    expect(bg.calls.length).toBe(calls);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('never throws into the page when an adapter throws', async () => {
    document.body.innerHTML = bodyOf('demo/index.html');
    const { demo } = await import('../../../src/content/sites/demo');
    const broken = {
      ...demo,
      people: [{ ...demo.people[0]!, extract: () => { throw new Error('boom'); } }, ...demo.people.slice(1)],
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    running = start(new FakeBackground(), broken);
    await running.core.idle();
    expect(chips()).toHaveLength(5);
    expect(warn.mock.calls.filter((c) => String(c[0]).startsWith('Handraiser:'))).toHaveLength(1);
    warn.mockRestore();
  });
});
