/** Text from pages, files and forms: control characters out, whitespace collapsed, bounded. */
export function cleanText(s: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return s.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max).trim();
}
