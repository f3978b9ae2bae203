import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage, formatEntry, t, tp, uiLanguage, useCatalogForTests } from '../../../src/ui/i18n';
import { PROMOTION_REASONS } from '../../../src/messages/wire-names';
import { PROMOTION_REASON_KEYS } from '../../../src/popup/person/PersonView';

const ROOT = resolve(import.meta.dirname, '../../..');
type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string): Catalog => JSON.parse(readFileSync(join(ROOT, 'src/_locales', lang, 'messages.json'), 'utf8'));
const en = load('en');
const es = load('es');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('locales', () => {
  it('en and es have exactly the same keys', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps the manifest keys', () => {
    for (const k of ['extName', 'extDescription', 'commandCaptureFocused']) {
      expect(en[k]?.message).toBeTruthy();
      expect(es[k]?.message).toBeTruthy();
    }
  });

  it('every message is non-empty and keys are valid Chrome message names', () => {
    for (const cat of [en, es]) {
      for (const [k, v] of Object.entries(cat)) {
        expect(k).toMatch(/^[A-Za-z0-9_@]+$/);
        expect(v.message.trim(), k).not.toBe('');
      }
    }
  });

  it('placeholders match between languages, and every one is used in its message', () => {
    for (const k of Object.keys(en)) {
      const a = en[k]!.placeholders ?? {};
      const b = es[k]!.placeholders ?? {};
      expect(b, k).toEqual(a);
      for (const cat of [en, es]) {
        const msg = cat[k]!.message;
        const used = [...msg.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
        expect([...new Set(used)], `${k}: ${msg}`).toEqual(Object.keys(a).sort());
      }
    }
  });

  const used = new Set<string>();
  const counted = new Set<string>();
  for (const f of ['src/popup', 'src/options', 'src/ui', 'src/welcome'].flatMap((d) => sourceFiles(join(ROOT, d)))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
    for (const m of text.matchAll(/\btp\('([A-Za-z0-9_]+)'/g)) counted.add(m[1]!);
  }
  for (const f of sourceFiles(join(ROOT, 'src/background'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\bmsgCount\('([A-Za-z0-9_]+)'/g)) counted.add(m[1]!);
  }

  it('every t() key used by the popup, options, welcome page and shared UI exists', () => {
    expect(used.size).toBeGreaterThan(100);
    for (const k of used) expect(en, k).toHaveProperty(k);
  });

  it('every count has its plural forms in every language (Intl.PluralRules: one and other at least)', () => {
    expect(counted.size).toBeGreaterThan(15);
    for (const base of counted) {
      for (const cat of [en, es]) {
        expect(cat, base).toHaveProperty(`${base}_one`);
        expect(cat, base).toHaveProperty(`${base}_other`);
      }
    }
    // A count is never shown through a message without plural forms.
    const plural = /_(zero|one|two|few|many|other)$/;
    for (const [k, v] of Object.entries(en)) {
      if (Object.keys(v.placeholders ?? {}).includes('count')) expect(k, `${k} shows a count: give it _one and _other forms`).toMatch(plural);
    }
  });

  it('has a sentence for every reason a promotion is suggested, in every language', () => {
    for (const reason of PROMOTION_REASONS) {
      const key = PROMOTION_REASON_KEYS[reason];
      for (const cat of [en, es]) expect(cat[key]?.message, reason).toMatch(/^\p{Ll}.+\.$/u);
    }
  });

  it('our Spanish sentences are translated, not copied from English', () => {
    const words = (m: string) => m.replace(/\$[A-Za-z0-9_]+\$/g, '').replace(/[^\p{L}]+/gu, ' ').trim();
    const same = [...used].filter((k) => en[k]!.message === es[k]!.message && /\s/.test(words(en[k]!.message)));
    expect(same).toEqual([]);
  });
});

describe('t', () => {
  afterEach(() => useCatalogForTests(undefined));

  it('falls back to English with placeholders filled', () => {
    expect(t('conversationsOfGoal', 3, 8)).toBe('New conversations today: 3 of 8');
    expect(t('movedTo', 'Ana', 'Prospect')).toBe('Ana moved to Prospect');
  });

  it('renders another catalog', () => {
    useCatalogForTests(es);
    expect(t('conversationsOfGoal', 3, 8)).toBe('Conversaciones nuevas hoy: 3 de 8');
    expect(t('forgotToClose')).toBe('Olvidaste cerrar: ¿cuál es el próximo paso?');
  });

  it('uses the browser API when there is one', () => {
    const g = globalThis as { chrome?: unknown };
    g.chrome = { i18n: { getMessage: (k: string, subs: string[]) => (k === 'tabToday' ? `HOY${subs.length}` : '') } };
    try {
      expect(t('tabToday')).toBe('HOY0');
      // An unknown answer ('') falls back to English.
      expect(t('tabPipeline')).toBe('Pipeline');
    } finally {
      delete g.chrome;
    }
  });

  it('plural forms follow the language: one, other (and Spanish many falls back to other)', () => {
    expect(tp('exportDone', 1)).toBe('Downloaded: 1 person');
    expect(tp('exportDone', 1234)).toBe('Downloaded: 1,234 people');
    expect(tp('notifySummary', 1)).toBe('Today: 1 follow-up due');
    useCatalogForTests(es);
    expect(tp('exportDone', 1)).toBe('Descargado: 1 persona');
    expect(tp('importJsonPreview', 1, 'a.json', 'hoy')).toBe('«a.json»: una copia con 1 persona, hecha el hoy.');
    expect(tp('exportDone', 1_000_000)).toBe('Descargado: 1.000.000 personas');
  });

  it('applies the language chosen in the options over the browser’s, and the browser’s for auto', async () => {
    const g = globalThis as { chrome?: unknown };
    g.chrome = { i18n: { getMessage: (k: string) => (k === 'localeCode' ? 'en' : k === 'tabToday' ? 'Today (browser)' : '') } };
    try {
      const loaded: string[] = [];
      await applyLanguage('es', async (lang) => {
        loaded.push(lang);
        return es;
      });
      expect(loaded).toEqual(['es']);
      expect(t('tabToday')).toBe('Hoy');
      expect(uiLanguage()).toBe('es');
      await applyLanguage('auto', async () => es);
      expect(t('tabToday')).toBe('Today (browser)');
      // The browser's own language needs no catalog; a catalog that cannot be read keeps the browser's.
      await applyLanguage('en', async () => {
        throw new Error('never asked');
      });
      expect(t('tabPipeline')).toBe('Pipeline');
      await applyLanguage('es', async () => {
        throw new Error('unreadable');
      });
      expect(t('tabToday')).toBe('Today (browser)');
    } finally {
      delete g.chrome;
    }
  });

  it('formats like Chrome: $$ is a dollar, substitutions never re-expand', () => {
    expect(formatEntry({ message: 'Pay $$5 to $WHO$', placeholders: { who: { content: '$1' } } }, ['$2 <b>x</b>'])).toBe(
      'Pay $5 to $2 <b>x</b>',
    );
  });
});
