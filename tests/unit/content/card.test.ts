// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followUpTime, relativeTime } from '../../../src/content/card';
import { FakeBackground, PAGE, type Started, anyoneGuard, badge, bodyOf, buttonOf, chipFor, setUrl, start, trusted, trustedGuard, userFocus } from './harness';

/** Local noon, so calendar-day arithmetic holds in any time zone. */
const NOW = new Date(2025, 4, 14, 12, 0).getTime();
const at = (days: number, hours = 12, minutes = 0): number => new Date(2025, 4, 14 + days, hours, minutes).getTime();

describe('relative times', () => {
  it('says when something happened, by calendar day', () => {
    expect(relativeTime(NOW - 30_000, NOW, 'en')).toBe('now');
    expect(relativeTime(at(0, 11, 50), NOW, 'en')).toBe('10 minutes ago');
    expect(relativeTime(at(0, 15), NOW, 'en')).toBe('in 3 hours');
    expect(relativeTime(at(-1, 23), NOW, 'en')).toBe('yesterday');
    expect(relativeTime(at(-3, 8), NOW, 'en')).toBe('3 days ago');
    expect(relativeTime(at(1, 9), NOW, 'en')).toBe('tomorrow');
    expect(relativeTime(at(5), NOW, 'en')).toBe('in 5 days');
    expect(relativeTime(at(-21), NOW, 'en')).toBe('3 weeks ago');
    expect(relativeTime(at(-91), NOW, 'en')).toBe('3 months ago');
    expect(relativeTime(at(-800), NOW, 'en')).toBe('2 years ago');
    expect(relativeTime(at(-3), NOW, 'es')).toBe('hace 3 días');
    expect(relativeTime(at(1), NOW, 'es')).toBe('mañana');
  });

  it('says when a follow-up is due, or by how much it is overdue', () => {
    expect(followUpTime(at(1, 8), NOW, 'en')).toBe('tomorrow');
    expect(followUpTime(at(5), NOW, 'en')).toBe('in 5 days');
    expect(followUpTime(at(0, 18), NOW, 'en')).toBe('today');
    expect(followUpTime(at(0, 8), NOW, 'en')).toBe('today');
    expect(followUpTime(at(-1, 20), NOW, 'en')).toBe('overdue by 1 day');
    expect(followUpTime(at(-2), NOW, 'en')).toBe('overdue by 2 days');
  });
});

let running: Started | null = null;
function run(bg: FakeBackground, trustedOnly = false): Started {
  running = start(bg, undefined, 60_000, { guard: trustedOnly ? trustedGuard : anyoneGuard, now: () => NOW });
  return running;
}

beforeEach(() => {
  setUrl(PAGE);
  document.body.innerHTML = bodyOf('demo/index.html');
});
afterEach(() => {
  running?.core.stop();
  running = null;
});

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const cardOf = (host: HTMLElement): HTMLElement | null => host.shadowRoot!.querySelector('.card');
const lines = (host: HTMLElement): string[] => Array.from(cardOf(host)!.querySelectorAll('p'), (p) => p.textContent);
const action = (host: HTMLElement, name: string): HTMLButtonElement | null =>
  cardOf(host)?.querySelector<HTMLButtonElement>(`.acts [data-action="${name}"]`) ?? null;
const key = (el: Element, k: string): boolean =>
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));

function knownBen(over: Parameters<typeof badge>[2] = {}): FakeBackground {
  const bg = new FakeBackground();
  bg.badges.set(
    'demo:bold-ben',
    badge('p7', '<b>Bold</b> Ben', {
      stage: 'prospect',
      lastTouchAt: at(-3),
      nextStep: { text: 'Send the <i>price</i> list', at: at(2) },
      nextFollowUpAt: at(1),
      qualification: { yes: 2, answered: 3 },
      ...over,
    }),
  );
  return bg;
}

describe('the card of a known person', () => {
  it('keyboard focus shows it at once, with every line as text', async () => {
    const { core } = run(knownBen());
    await core.idle();
    const host = chipFor('demo:bold-ben');
    buttonOf(host).focus();
    const card = cardOf(host)!;
    expect(card).not.toBeNull();
    expect(card.getAttribute('role')).toBe('group');
    expect(card.getAttribute('aria-label')).toBe('<b>Bold</b> Ben in Handraiser');
    expect(buttonOf(host).getAttribute('aria-describedby')).toBe(card.id);
    expect(card.querySelector('b')!.textContent).toBe('<b>Bold</b> Ben');
    expect(card.querySelector('.detail')!.textContent).toBe('Prospect');
    expect(lines(host)).toEqual([
      'Last touch: 3 days ago',
      'Next step: Send the <i>price</i> list (in 2 days)',
      'Next follow-up: tomorrow',
      'Qualified: 2 of 4',
    ]);
    // Markup from the page or the store stays text.
    expect(card.querySelectorAll('i')).toHaveLength(0);
    expect(card.querySelectorAll('b')).toHaveLength(1);
    expect(Array.from(card.querySelectorAll('.acts button'), (b) => b.getAttribute('data-action'))).toEqual(['log-touch', 'not-interested']);
  });

  it('says how overdue a follow-up is, and leaves out what is unknown', async () => {
    const { core } = run(knownBen({ stage: 'lead', lastTouchAt: undefined, nextStep: undefined, nextFollowUpAt: at(-2) }));
    await core.idle();
    const host = chipFor('demo:bold-ben');
    buttonOf(host).focus();
    expect(lines(host)).toEqual(['Next follow-up: overdue by 2 days', 'Qualified: 2 of 4']);
    expect(Array.from(cardOf(host)!.querySelectorAll('.acts button'), (b) => b.textContent)).toEqual([
      'Log a touch',
      'Promote',
      'Not interested',
    ]);
  });

  it('Escape hides it and keeps focus on the chip', async () => {
    const { core } = run(knownBen());
    await core.idle();
    const host = chipFor('demo:bold-ben');
    buttonOf(host).focus();
    action(host, 'log-touch')!.focus();
    key(action(host, 'log-touch')!, 'Escape');
    expect(cardOf(host)).toBeNull();
    expect(host.shadowRoot!.activeElement).toBe(buttonOf(host));
    expect(buttonOf(host).hasAttribute('aria-describedby')).toBe(false);
    // Escape anywhere on the page closes a card opened by hover too.
    host.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'mouse' }));
    await wait(350);
    expect(cardOf(host)).not.toBeNull();
    key(document.body, 'Escape');
    expect(cardOf(host)).toBeNull();
  });

  it('shows after a short hover, stays while the pointer moves into it, hides after leaving', async () => {
    const { core } = run(knownBen());
    await core.idle();
    const host = chipFor('demo:bold-ben');
    host.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'mouse' }));
    await wait(100);
    expect(cardOf(host)).toBeNull();
    await wait(250);
    expect(cardOf(host)).not.toBeNull();
    // Crossing the gap between chip and card: leave, then enter again within the grace.
    host.dispatchEvent(new PointerEvent('pointerleave', { pointerType: 'mouse' }));
    await wait(50);
    host.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'mouse' }));
    await wait(300);
    expect(cardOf(host)).not.toBeNull();
    host.dispatchEvent(new PointerEvent('pointerleave', { pointerType: 'mouse' }));
    await wait(250);
    expect(cardOf(host)).toBeNull();
  });

  it('a focus that comes from a press shows no card; opening the menu closes it', async () => {
    const { core } = run(knownBen());
    await core.idle();
    const host = chipFor('demo:bold-ben');
    host.dispatchEvent(new PointerEvent('pointerdown', { pointerType: 'mouse' }));
    buttonOf(host).focus();
    expect(cardOf(host)).toBeNull();
    buttonOf(host).blur();
    await wait(5);
    buttonOf(host).focus();
    expect(cardOf(host)).not.toBeNull();
    buttonOf(host).click();
    expect(host.shadowRoot!.querySelector('[role=menu]')).not.toBeNull();
    expect(cardOf(host)).toBeNull();
  });

  it('unknown people get no card', async () => {
    const { core } = run(new FakeBackground());
    await core.idle();
    const host = chipFor('demo:bold-ben');
    buttonOf(host).focus();
    host.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'mouse' }));
    await wait(350);
    expect(cardOf(host)).toBeNull();
  });

  it('"Log a touch" logs an outbound message on this site and says so', async () => {
    const { bg, core } = run(knownBen());
    await core.idle();
    const host = chipFor('demo:bold-ben');
    buttonOf(host).focus();
    action(host, 'log-touch')!.click();
    expect(cardOf(host)).toBeNull();
    await core.idle();
    expect(bg.of('logTouch').map((c) => c.payload)).toEqual([
      { personId: 'p7', direction: 'outbound', channel: 'demo', kind: 'message' },
    ]);
    expect(host.shadowRoot!.querySelector('[aria-live]')!.textContent).toBe('Follow-up logged');
  });

  it('"Promote" (leads only) and "Not interested" set the stage', async () => {
    const { bg, core } = run(knownBen({ stage: 'lead' }));
    await core.idle();
    const host = chipFor('demo:bold-ben');
    buttonOf(host).focus();
    action(host, 'promote')!.click();
    await core.idle();
    expect(bg.of('setStage').map((c) => c.payload)).toEqual([{ personId: 'p7', stage: 'prospect' }]);
    expect(host.dataset.state).toBe('prospect');
    buttonOf(host).blur();
    buttonOf(host).focus();
    expect(action(host, 'promote')).toBeNull();
    action(host, 'not-interested')!.click();
    await core.idle();
    expect(bg.of('setStage').map((c) => c.payload)[1]).toEqual({ personId: 'p7', stage: 'not_interested' });
    expect(host.dataset.state).toBe('not-interested');
    buttonOf(host).blur();
    buttonOf(host).focus();
    // Said no: leave them alone.
    expect(cardOf(host)!.querySelector('.acts')).toBeNull();
    expect(lines(host)).toEqual(['Last touch: 3 days ago', 'Next step: Send the <i>price</i> list (in 2 days)', 'Qualified: 2 of 4']);
  });
});

describe('only the user acts', () => {
  it("a page script's click() on the capture button captures nothing; a trusted click does", async () => {
    const { bg, core } = run(new FakeBackground(), true);
    await core.idle();
    const host = chipFor('demo:jose-garcia');
    buttonOf(host).click();
    const synthetic = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    buttonOf(host).dispatchEvent(synthetic);
    await core.idle();
    expect(bg.of('capture')).toHaveLength(0);
    // Still ours: the site never sees it.
    expect(synthetic.defaultPrevented).toBe(true);
    // The user's own press: trusted, one press, inside the chip.
    trusted(buttonOf(host), new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 1 }));
    await core.idle();
    expect(bg.of('capture')).toHaveLength(1);
  });

  it('synthetic clicks and keys on menu items and card actions do nothing', async () => {
    const bg = knownBen();
    bg.badges.set('demo:sam-okafor', badge('p6', 'Sam', { stage: 'customer' }));
    const { core } = run(bg, true);
    await core.idle();
    const ben = chipFor('demo:bold-ben');
    userFocus(buttonOf(ben));
    action(ben, 'log-touch')!.click();
    action(ben, 'not-interested')!.click();
    // The keyboard command (from the background, not the page) opens the menu of a customer.
    const sam = chipFor('demo:sam-okafor');
    userFocus(buttonOf(sam));
    bg.broadcast({ type: 'handraiser:command', command: 'capture-focused' });
    await core.idle();
    const menu = sam.shadowRoot!.querySelector('[role=menu]')!;
    expect(menu).not.toBeNull();
    (menu.querySelector('[data-action="open"]') as HTMLElement).click();
    await core.idle();
    expect(sam.shadowRoot!.querySelector('[role=menu]')).not.toBeNull();
    key(menu, 'Enter');
    await core.idle();
    expect(bg.calls.filter((c) => !['settingsGet', 'listHandRaisePosts', 'lookup', 'recordDm'].includes(c.type))).toEqual([]);
  });

  it('the keyboard command captures the person whose chip the user focused', async () => {
    const { bg, core } = run(new FakeBackground(), true);
    await core.idle();
    userFocus(buttonOf(chipFor('demo:sam-okafor')));
    bg.broadcast({ type: 'handraiser:command', command: 'capture-focused' });
    await core.idle();
    expect(bg.of('capture').map((c) => c.payload.person.name)).toEqual(['Sam Okafor']);
  });

  it("the keyboard command does nothing on a chip or name a page script focused, and a script's focus opens no card", async () => {
    const bg = knownBen();
    const { core } = run(bg, true);
    await core.idle();
    // Long after the user's last key or press, the page moves the focus.
    buttonOf(chipFor('demo:sam-okafor')).focus();
    bg.broadcast({ type: 'handraiser:command', command: 'capture-focused' });
    await core.idle();
    (document.querySelector('a[href$="/demo/profile/mei-chen"][data-testid="author"]') as HTMLElement).focus();
    bg.broadcast({ type: 'handraiser:command', command: 'capture-focused' });
    await core.idle();
    expect(bg.of('capture')).toEqual([]);
    const ben = chipFor('demo:bold-ben');
    buttonOf(ben).focus();
    expect(cardOf(ben)).toBeNull();
    // Enter on a chip the page focused does not open the menu either.
    trusted(buttonOf(ben), new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 0 }));
    await core.idle();
    expect(ben.shadowRoot!.querySelector('[role=menu]')).toBeNull();
  });
});
