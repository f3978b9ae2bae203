// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { Chip, styleRoot } from '../../../src/content/chip';

/** A document whose window is `win` (each fake window has its own shared-sheet cache entry). */
function docWith(win: object): Document {
  return { defaultView: win, createElement: (tag: string) => document.createElement(tag) } as unknown as Document;
}

function newRoot(): ShadowRoot {
  return document.createElement('div').attachShadow({ mode: 'open' });
}

const handlers = { activate() {}, trustedOnly: false };

describe('chip styles', () => {
  it('adopts one sheet, made with the page window constructor, into every root', () => {
    const made: CSSStyleSheet[] = [];
    const Sheet = class extends window.CSSStyleSheet {
      constructor() {
        super();
        made.push(this);
      }
    };
    const doc = docWith({ CSSStyleSheet: Sheet });
    const a = newRoot();
    const b = newRoot();
    styleRoot(a, doc);
    styleRoot(b, doc);
    expect(made).toHaveLength(1);
    expect(a.adoptedStyleSheets[0]).toBe(made[0]);
    expect(b.adoptedStyleSheets[0]).toBe(made[0]);
    expect(a.querySelector('style')).toBeNull();
    const css = [...made[0]!.cssRules].map((r) => r.cssText).join('\n');
    expect(css).toContain('contain');
  });

  it('falls back to a <style> per root without constructable sheets', () => {
    const root = newRoot();
    styleRoot(root, docWith({}));
    expect(root.adoptedStyleSheets).toHaveLength(0);
    expect(root.querySelector('style')!.textContent).toContain(':host{all:initial');
  });

  it('falls back to a <style> per root where adoptedStyleSheets is missing', () => {
    const root = newRoot();
    const plain = { append: root.append.bind(root), prepend: root.prepend.bind(root) } as unknown as ShadowRoot;
    const doc = docWith({ CSSStyleSheet: window.CSSStyleSheet });
    styleRoot(plain, doc);
    expect(root.querySelector('style')!.textContent).toContain(':host{all:initial');
  });

  it('falls back to a <style> when adopting throws (another realm), and stops trying', () => {
    const Sheet = vi.fn(function (this: unknown) {
      return new window.CSSStyleSheet();
    });
    const doc = docWith({ CSSStyleSheet: Sheet });
    const refuse = (root: ShadowRoot): ShadowRoot => {
      const set = vi.fn(() => {
        throw new TypeError('cannot adopt');
      });
      Object.defineProperty(root, 'adoptedStyleSheets', { configurable: true, get: () => [], set });
      return root;
    };
    const a = refuse(newRoot());
    styleRoot(a, doc);
    expect(a.querySelector('style')!.textContent).toContain(':host{all:initial');
    const b = refuse(newRoot());
    styleRoot(b, doc);
    expect(b.querySelector('style')).not.toBeNull();
    expect(Sheet).toHaveBeenCalledTimes(1);
  });

  it('a real chip: shared sheet, button and live region only, no menu or card DOM until opened', () => {
    const one = new Chip(document, 'demo:a', 'A', handlers);
    const two = new Chip(document, 'demo:b', 'B', handlers);
    expect(one.host.shadowRoot!.adoptedStyleSheets[0]).toBe(two.host.shadowRoot!.adoptedStyleSheets[0]);
    expect([...one.host.shadowRoot!.children].map((el) => el.localName)).toEqual(['button', 'span']);
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
