// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { Chip, STYLE, type ChipHandlers } from '../../../src/content/chip';
import { randomTag, storeExposure, TEST_EXPOSURE } from '../../../src/content/exposure';
import { anyoneGuard, badge } from './harness';

const handlers = (over: Partial<ChipHandlers> = {}): ChipHandlers => ({ activate() {}, guard: anyoneGuard(), ...over });
const make = (name: string, over: Partial<ChipHandlers> = {}, exposure = TEST_EXPOSURE) =>
  new Chip(document, exposure, `demo:${name.toLowerCase()}`, name, handlers(over));

describe('chip styles', () => {
  it('every root holds one <style> with the same text (browsers share one parsed sheet per text), no adopted sheet', () => {
    const one = make('A');
    const two = make('B');
    for (const chip of [one, two]) {
      expect(chip.root.adoptedStyleSheets).toHaveLength(0);
      const styles = chip.root.querySelectorAll('style');
      expect(styles).toHaveLength(1);
      expect(styles[0]!.textContent).toBe(STYLE);
    }
    // Cloned, not shared: each root has its own element.
    expect(one.root.querySelector('style')).not.toBe(two.root.querySelector('style'));
  });

  it("the host's box is one fixed size whatever it shows, and the page's own styles on it lose to ours", () => {
    const host = /:host\{([^}]*)\}/.exec(STYLE)![1]!;
    const rules = host.split(';');
    // Every declaration on the host is !important: inside a shadow root, that outranks the page's
    // stylesheets and the host's own style attribute, important or not.
    expect(rules.filter((r) => r && !r.endsWith('!important'))).toEqual([]);
    for (const fixed of ['all:initial', 'width:7.5em', 'height:18px', 'contain:size layout style', 'position:relative'])
      expect(rules).toContain(`${fixed}!important`);
    // Nothing else in the sheet sizes the host by what the chip shows.
    expect(STYLE).not.toMatch(/:host\(/);
  });

  it('a real chip: style and button only, no live region, menu or card DOM until needed', () => {
    const one = make('A');
    expect([...one.root.children].map((el) => el.localName)).toEqual(['style', 'button']);
    expect(one.button.type).toBe('button');
    // An action starts: the polite live region is there before its result is announced in it.
    one.setBusy(true);
    const live = one.root.querySelector('span.sr')!;
    expect([live.getAttribute('role'), live.getAttribute('aria-live'), live.textContent]).toEqual(['status', 'polite', '']);
    one.setBusy(false);
    one.announce('A: Lead');
    expect(one.root.querySelectorAll('span.sr')).toHaveLength(1);
    expect(live.textContent).toBe('A: Lead');
    // Without a busy phase first (a direct error), the region is made on the spot.
    const three = make('C');
    three.showError('offline');
    expect(three.root.querySelector('span.sr[role=status]')!.textContent).toBe("Couldn't save: offline");
    // Each chip its own button: the template is cloned, never moved.
    const two = make('B');
    expect(two.button).not.toBe(one.button);
    expect(one.root.contains(one.button)).toBe(true);
  });
});

describe('what a chip shows', () => {
  it('is pending until the look-up answers: no words, a label that says so, and a press does nothing', () => {
    const activate = vi.fn();
    const chip = make('Uma', { activate });
    document.body.append(chip.host);
    expect(chip.pending).toBe(true);
    expect(chip.button.textContent).toBe('');
    expect(chip.button.getAttribute('aria-label')).toBe('Checking Uma in Handraiser');
    chip.button.click();
    expect(activate).not.toHaveBeenCalled();
    chip.show({ kind: 'status', badge: null, suggests: false });
    expect(chip.button.textContent).toBe('+ Lead');
    expect(chip.button.getAttribute('aria-label')).toBe('Capture Uma as lead');
    chip.button.click();
    expect(activate).toHaveBeenCalledTimes(1);
    chip.remove();
  });

  it('a known person: their stage on the face, the whole status in the label and tooltip, a due follow-up drawn', () => {
    const chip = make('Kim');
    chip.show({ kind: 'status', badge: badge('p1', 'Kim', { stage: 'prospect' }, { overdue: true }), suggests: false });
    expect(chip.button.textContent).toBe('Prospect');
    expect(chip.button.title).toBe('Prospect · overdue');
    expect(chip.button.getAttribute('aria-label')).toBe('Kim: Prospect · overdue. Open Handraiser menu');
    expect(chip.button.getAttribute('aria-haspopup')).toBe('menu');
    expect(chip.button.classList.contains('due')).toBe(true);
    expect(chip.button.classList.contains('prospect')).toBe(true);
  });

  it('with status badges off, a known person shows only that they are saved', () => {
    const chip = make('Kim');
    chip.show({ kind: 'saved', badge: badge('p1', 'Kim', { stage: 'customer' }) });
    expect(chip.button.textContent).toBe('Saved');
    expect(chip.button.getAttribute('aria-label')).toBe('Kim: Saved. Open Handraiser menu');
    expect(chip.button.className).not.toMatch(/customer/);
  });
});

describe('what the page can see of a chip (store builds)', () => {
  it('a closed root under an element name made up for the page, and no attribute on the host in any state', () => {
    const exposure = storeExposure();
    expect(exposure.tag).toMatch(/^[a-z]{5}-[a-z]{6}$/);
    expect(exposure.tag).not.toBe(storeExposure().tag);
    const chip = make('Kim', {}, exposure);
    document.body.append(chip.host);
    expect(chip.host.localName).toBe(exposure.tag);
    expect(chip.host.shadowRoot).toBeNull();
    const attrs = () => chip.host.getAttributeNames();
    expect(attrs()).toEqual([]);
    chip.show({ kind: 'status', badge: null, suggests: true });
    expect(attrs()).toEqual([]);
    chip.show({ kind: 'status', badge: badge('p1', 'Kim', { stage: 'prospect' }, { followUpDue: true }), suggests: false });
    chip.setBusy(true);
    chip.showError('offline');
    chip.showCard();
    chip.openMenu([{ action: 'open', label: 'Open', run() {} }]);
    expect(attrs()).toEqual([]);
    chip.remove();
  });

  it('a random name is letters, a hyphen, letters: a valid custom element name', () => {
    expect(randomTag(() => new Uint8Array(11))).toBe('aaaaa-aaaaaa');
    expect(randomTag((n) => Uint8Array.from({ length: n }, (_, i) => i))).toBe('abcde-fghijk');
  });
});

describe('events', () => {
  it('one listener object: clicks activate, keys stay inside, hover opens the card of a known person', () => {
    vi.useFakeTimers();
    try {
      const activate = vi.fn();
      const chip = make('Hal', { activate });
      chip.show({ kind: 'status', badge: badge('p2', 'Hal'), suggests: false });
      document.body.append(chip.host);
      chip.button.click();
      expect(activate).toHaveBeenCalledTimes(1);
      chip.setBusy(true);
      chip.button.click();
      expect(activate).toHaveBeenCalledTimes(1);
      chip.setBusy(false);
      const onPage = vi.fn();
      document.body.addEventListener('keydown', onPage);
      chip.button.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, composed: true }));
      expect(onPage).not.toHaveBeenCalled();
      document.body.removeEventListener('keydown', onPage);
      chip.host.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'mouse' }));
      vi.advanceTimersByTime(400);
      expect(chip.cardOpen).toBe(true);
      chip.host.dispatchEvent(new PointerEvent('pointerleave', { pointerType: 'mouse' }));
      vi.advanceTimersByTime(300);
      expect(chip.cardOpen).toBe(false);
      chip.remove();

      // Someone unknown gets no card; once captured, they do.
      const later = make('Lee', { activate });
      later.show({ kind: 'status', badge: null, suggests: false });
      document.body.append(later.host);
      later.host.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'mouse' }));
      vi.advanceTimersByTime(400);
      expect(later.cardOpen).toBe(false);
      later.show({ kind: 'status', badge: badge('p3', 'Lee'), suggests: false });
      later.host.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'mouse' }));
      vi.advanceTimersByTime(400);
      expect(later.cardOpen).toBe(true);
      later.button.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true, relatedTarget: null }));
      expect(later.cardOpen).toBe(false);
      later.remove();
    } finally {
      vi.useRealTimers();
    }
  });

  it('with the real rules, a synthetic hover opens no card and a synthetic click activates nothing', () => {
    vi.useFakeTimers();
    try {
      const activate = vi.fn();
      const guard = { ...anyoneGuard(), trusted: (e: Event) => e.isTrusted, isUsers: (e: Event) => e.isTrusted };
      const chip = make('Hal', { activate, guard });
      chip.show({ kind: 'status', badge: badge('p2', 'Hal'), suggests: false });
      document.body.append(chip.host);
      chip.host.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'mouse' }));
      vi.advanceTimersByTime(400);
      expect(chip.cardOpen).toBe(false);
      chip.button.click();
      expect(activate).not.toHaveBeenCalled();
      chip.remove();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a chip the page hid or covered refuses the act and says why', async () => {
    const activate = vi.fn();
    const chip = make('Hal', { activate, guard: { ...anyoneGuard(), visible: () => Promise.resolve(false) } });
    chip.show({ kind: 'status', badge: null, suggests: false });
    document.body.append(chip.host);
    chip.button.click();
    await Promise.resolve();
    await Promise.resolve();
    expect(activate).not.toHaveBeenCalled();
    expect(chip.root.querySelector('[role=status]')!.textContent).toBe("Couldn't save: this button was hidden or covered on the page, so nothing was done.");
    chip.remove();
  });
});
