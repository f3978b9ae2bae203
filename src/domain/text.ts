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
