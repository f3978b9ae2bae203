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
