// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { Chip, STYLE } from '../../../src/content/chip';
import { badge } from './harness';

const handlers = { activate() {}, trustedOnly: false };

describe('chip styles', () => {
  it('every root holds one <style> with the same text (browsers share one parsed sheet per text), no adopted sheet', () => {
    const one = new Chip(document, 'demo:a', 'A', handlers);
    const two = new Chip(document, 'demo:b', 'B', handlers);
    for (const chip of [one, two]) {
      const root = chip.host.shadowRoot!;
      expect(root.adoptedStyleSheets).toHaveLength(0);
      const styles = root.querySelectorAll('style');
      expect(styles).toHaveLength(1);
      expect(styles[0]!.textContent).toBe(STYLE);
    }
    expect(STYLE).toContain(':host{all:initial');
    expect(STYLE).toContain('contain:layout style');
    // Cloned, not shared: each root has its own element.
    expect(one.host.shadowRoot!.querySelector('style')).not.toBe(two.host.shadowRoot!.querySelector('style'));
  });

  it('a real chip: style and button only, no live region, menu or card DOM until needed', () => {
    const one = new Chip(document, 'demo:a', 'A', handlers);
    expect([...one.host.shadowRoot!.children].map((el) => el.localName)).toEqual(['style', 'button']);
    expect(one.button.className).toBe('chip');
    expect(one.button.type).toBe('button');
    // An action starts: the polite live region is there before its result is announced in it.
    one.setBusy(true);
    const live = one.host.shadowRoot!.querySelector('span.sr')!;
    expect([live.getAttribute('role'), live.getAttribute('aria-live'), live.textContent]).toEqual(['status', 'polite', '']);
    one.setBusy(false);
    one.announce('A: Lead');
    expect(one.host.shadowRoot!.querySelectorAll('span.sr')).toHaveLength(1);
    expect(live.textContent).toBe('A: Lead');
    // Without a busy phase first (a direct error), the region is made on the spot.
    const three = new Chip(document, 'demo:c', 'C', handlers);
    three.showError('offline');
    expect(three.host.shadowRoot!.querySelector('span.sr[role=status]')!.textContent).toBe("Couldn't save: offline");
    // Each chip its own button: the template is cloned, never moved.
    const two = new Chip(document, 'demo:b', 'B', handlers);
    expect(two.button).not.toBe(one.button);
    expect(one.host.shadowRoot!.contains(one.button)).toBe(true);
  });

  it('is complete when made: the status of a known person without a second render', () => {
    const known = new Chip(document, 'demo:k', 'Kim', handlers, badge('p1', 'Kim', { stage: 'prospect' }));
    expect(known.host.getAttribute('data-state')).toBe('prospect');
    expect(known.button.textContent).toBe('Prospect');
    expect(known.button.getAttribute('aria-haspopup')).toBe('menu');
    const unknown = new Chip(document, 'demo:u', 'Uma', handlers);
    expect(unknown.host.getAttribute('data-state')).toBe('unknown');
    expect(unknown.button.getAttribute('aria-label')).toBe('Capture Uma as lead');
  });

  it('one listener object: clicks activate, keys stay inside, hover opens the card of a known person', () => {
    vi.useFakeTimers();
    try {
      const activate = vi.fn();
      const chip = new Chip(document, 'demo:h', 'Hal', { activate, trustedOnly: false }, badge('p2', 'Hal'));
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

      // Someone unknown when the chip was made (no card events yet) gets the card once captured.
      const later = new Chip(document, 'demo:l', 'Lee', { activate, trustedOnly: false });
      document.body.append(later.host);
      later.host.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'mouse' }));
      vi.advanceTimersByTime(400);
      expect(later.cardOpen).toBe(false);
      later.render(badge('p3', 'Lee'));
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

  it('lifts layout containment only while its menu is open', () => {
    const chip = new Chip(document, 'demo:c', 'C', handlers);
    document.body.append(chip.host);
    expect(chip.host.hasAttribute('data-open')).toBe(false);
    chip.openMenu([{ action: 'open', label: 'Open', run() {} }]);
    expect(chip.host.hasAttribute('data-open')).toBe(true);
    chip.closeMenu(false);
    expect(chip.host.hasAttribute('data-open')).toBe(false);
    chip.remove();
  });
});
