/** Text from pages, files and forms: control characters out, whitespace collapsed, bounded. */
export function cleanText(s: string, max: number): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max).trim();
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
