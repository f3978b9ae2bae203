/** Text from pages, files and forms: control characters out, whitespace collapsed, bounded. */
export function cleanText(s: string, max: number): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

/**
 * Marks that only decorate a letter, so a search typed without them still finds the name:
 * Latin, Greek and Cyrillic accents (the combining diacritics blocks), Arabic vowel marks and
 * tatweel, Hebrew points. Marks that make a different letter in their script (Japanese
 * dakuten, Indic vowel signs, Hangul) are kept: dropping them would merge unrelated names.
 */
const DECORATION =
  /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]/g;

/** Letters that no Unicode decomposition takes apart, spelled the way people type them without the key. */
const LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ς: 'σ',
};
const LETTER = /[ßẞæœøłđðþıς]/g;

/**
 * The search key of a name, a handle, an e-mail: compatibility forms unified (full-width Latin,
 * ligatures), case folded, decorating marks dropped, whitespace collapsed. Both what is stored
 * and what is typed go through it, so "fernandez" finds "Fernández" and "CONCEIÇÃO" finds
 * "Conceição", in every script the sites serve.
 */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFKD')
    .replace(DECORATION, '')
    .toLowerCase()
    .replace(LETTER, (c) => LETTERS[c] ?? c)
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}
