import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../../src/domain/text';

describe('search folding', () => {
  it('folds case and accents, so a name typed without them is found', () => {
    expect(foldForSearch('Fernández')).toBe(foldForSearch('fernandez'));
    expect(foldForSearch('CONCEIÇÃO')).toBe('conceicao');
    expect(foldForSearch('Zoë Müller')).toBe('zoe muller');
    expect(foldForSearch('François Ñúñez')).toBe('francois nunez');
  });

  it('spells letters that do not decompose the way people type them', () => {
    expect(foldForSearch('Straße')).toBe('strasse');
    expect(foldForSearch('Ærø Łódź')).toBe('aero lodz');
    expect(foldForSearch('Đorđe Þór')).toBe('dorde thor');
    expect(foldForSearch('İstanbul ISIK Işık')).toBe('istanbul isik isik');
  });

  it('covers the scripts the sites serve: Greek, Cyrillic, Arabic, Hebrew, full-width and ligatures', () => {
    expect(foldForSearch('Άννα Ὀδυσσεύς')).toBe('αννα οδυσσευσ');
    expect(foldForSearch('Ёлка Йошкар')).toBe('елка иошкар');
    expect(foldForSearch('عُمَر')).toBe('عمر');
    expect(foldForSearch('שָׁלוֹם')).toBe('שלום');
    expect(foldForSearch('Ｆｅｒｎａｎｄｅｚ')).toBe('fernandez');
    expect(foldForSearch('ﬁona')).toBe('fiona');
  });

  it('keeps marks that make a different letter (Japanese, Indic, Hangul), composed again', () => {
    expect(foldForSearch('がんばる')).toBe('がんばる');
    expect(foldForSearch('ｶﾞ')).toBe('ガ');
    expect(foldForSearch('नमस्ते')).toBe('नमस्ते'.normalize('NFC'));
    expect(foldForSearch('김민지')).toBe('김민지');
  });

  it('collapses whitespace and trims', () => {
    expect(foldForSearch('  Ana \t  Souza \n')).toBe('ana souza');
  });
});
