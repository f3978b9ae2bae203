import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EN, t, useChosenWords } from '../../../src/content/i18n';
import { formatEntry } from '../../../src/ui/catalog';
import { PROMOTION_TEXT, statusOf } from '../../../src/content/status';
import { badge } from './harness';

interface Msg {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
const load = (lang: string): Record<string, Msg> =>
  JSON.parse(readFileSync(join(__dirname, '../../../src/_locales', lang, 'messages.json'), 'utf8'));
const en = load('en');
const es = load('es');
const ours = (m: Record<string, Msg>): string[] => Object.keys(m).filter((k) => k.startsWith('content_'));

/** What chrome.i18n.getMessage does with a message and its substitutions. */
function resolve(m: Msg | undefined, subs: string[] = []): string {
  if (!m) return '';
  const ph = Object.fromEntries(Object.entries(m.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  return m.message.replace(/\$(\w+)\$/g, (_, name: string) =>
    (ph[name.toLowerCase()] ?? '').replace(/\$(\d)/g, (_x, n: string) => subs[Number(n) - 1] ?? ''),
  );
}

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('the content script words', () => {
  it('every text of the content script has a content_ key in English that says exactly the fallback', () => {
    expect(ours(en).sort()).toEqual(Object.keys(EN).map((k) => `content_${k}`).sort());
    for (const [k, text] of Object.entries(EN)) {
      const n = (text.match(/\$\d/g) ?? []).length;
      const subs = Array.from({ length: n }, (_, i) => `«${i + 1}»`);
      expect([k, resolve(en[`content_${k}`], subs)]).toEqual([k, text.replace(/\$(\d)/g, '«$1»')]);
    }
  });

  it('every content_ key in English exists in Spanish with the same placeholders, all used', () => {
    expect(ours(es).sort()).toEqual(ours(en).sort());
    for (const k of ours(en)) {
      const shape = (m: Msg): unknown => m.placeholders ?? {};
      expect([k, shape(es[k]!)]).toEqual([k, shape(en[k]!)]);
      for (const m of [en[k]!, es[k]!]) {
        const used = [...m.message.matchAll(/\$(\w+)\$/g)].map((x) => x[1]!.toLowerCase()).sort();
        expect([k, used]).toEqual([k, Object.keys(m.placeholders ?? {}).sort()]);
        expect(m.message.trim()).toBe(m.message);
        expect(m.message.length).toBeGreaterThan(0);
      }
    }
    expect(es.content_locale!.message).toBe('es');
  });

  it('speaks the extension language when the i18n API is there, English otherwise', () => {
    const lead = badge('p1', 'Ana', { stage: 'prospect' }, { overdue: true });
    expect(statusOf(lead).text).toBe('Prospect · overdue');
    expect(t(PROMOTION_TEXT.appointment_set)).toBe('They agreed to a meeting or call');
    (globalThis as { chrome?: unknown }).chrome = {
      i18n: { getMessage: (key: string, subs?: string[]) => resolve(es[key], subs) },
    };
    expect(statusOf(lead).text).toBe('Prospecto · atrasado');
    expect(statusOf(null).text).toBe('+ Lead');
    expect(t('capture', 'Ana <b>')).toBe('Guardar a Ana <b> como lead');
    expect(t('locale')).toBe('es');
    // A key the browser does not know yet (an old locale file): English.
    (globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage: () => '' } };
    expect(t('capture', 'Ana')).toBe('Capture Ana as lead');
  });

  it('asks the browser once per key, then fills in the substitutions itself, in one pass', () => {
    const getMessage = vi.fn((key: string, subs?: string[]) => resolve(es[key], subs));
    (globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage } };
    expect(t('capture', 'Ana')).toBe(resolve(es.content_capture, ['Ana']));
    // A name holding "$1" or one of the private-use stand-ins stays as it is.
    expect(t('capture', 'Bo $1 \ue000 \ue001')).toBe(resolve(es.content_capture, ['Bo $1 \ue000 \ue001']));
    expect(t('known', 'Cy', 'Lead')).toBe(resolve(es.content_known, ['Cy', 'Lead']));
    expect(t('known', 'Cy')).toBe(resolve(es.content_known, ['Cy']));
    expect(t('unknown')).toBe('+ Lead');
    expect(t('unknown')).toBe('+ Lead');
    expect(getMessage).toHaveBeenCalledTimes(3);
    expect(getMessage.mock.calls.map((c) => c[0]).sort()).toEqual(['content_capture', 'content_known', 'content_unknown']);
  });

  it('a name holding "$1" is not expanded again', () => {
    expect(t('known', 'Cash $2 King', 'Lead')).toBe('Cash $2 King: Lead. Open Handraiser menu');
  });

  it('speaks the language chosen in the options from the words the background sends, and the browser\'s again without them', () => {
    const es = load('es');
    const subs = Array.from({ length: 9 }, (_, i) => `$${i + 1}`);
    const words = Object.fromEntries(Object.entries(es).filter(([k]) => k.startsWith('content_')).map(([k, e]) => [k.slice(8), formatEntry(e, subs)]));
    useChosenWords(words);
    try {
      expect(t('capture', 'Ana $1 Souza')).toBe('Guardar a Ana $1 Souza como lead');
      expect(t('known', 'Ana', 'Lead')).toBe('Ana: Lead. Abrir el menú de Handraiser');
    } finally {
      useChosenWords(undefined);
    }
    expect(t('capture', 'Ana')).toBe('Capture Ana as lead');
  });
});
