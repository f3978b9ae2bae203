/**
 * Text from pages, files and forms: control characters to spaces, whitespace collapsed, trimmed,
 * and bounded in UTF-16 units (like zod's max) without ever splitting a surrogate pair, so an
 * emoji at the bound is dropped whole. Anything that is not a string is ''.
 */
export function cleanText(raw: unknown, max: number): string {
  if (typeof raw !== 'string') return '';
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const s = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out.trim();
}

/**
 * Explicit direction controls (embeddings, overrides, isolates: U+202A–U+202E, U+2066–U+2069).
 * In a name they let a stranger reorder the text around it ("‮gnp.exe"); a name never needs
 * them, since right-to-left letters carry their own direction.
 */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** `s` without explicit direction controls: for places that cannot isolate (a spreadsheet cell). */
export function withoutDirectionControls(s: string): string {
  return s.replace(DIRECTION_CONTROLS, '');
}

/**
 * `s` as an isolated run (FSI … PDI), its own controls removed first so it cannot close the
 * isolate early: whatever direction it has stays inside, the sentence around it keeps its order.
 */
export function isolated(s: string): string {
  return `\u2068${withoutDirectionControls(s)}\u2069`;
}

/**
 * Marks that only decorate a letter, so a search typed without them still finds the name:
 * Latin, Greek and Cyrillic accents (the combining diacritics blocks), Arabic vowel marks and
 * tatweel, Hebrew points. Marks that make a different letter in their script (Japanese
 * dakuten, Indic vowel signs, Hangul) are kept: dropping them would merge unrelated names.
 */
const DECORATION =
  // eslint-disable-next-line no-misleading-character-class -- lone combining marks, each matched on its own
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
