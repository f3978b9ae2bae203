/** At most one console line per kind of problem: a broken selector on an endless feed must not flood the console. */
const warned = new Set<string>();

export function warnOnce(kind: string, e?: unknown): void {
  if (warned.has(kind)) return;
  warned.add(kind);
  const detail = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  try {
    console.warn(`Handraiser: ${kind}${detail ? `: ${detail}` : ''}`);
  } catch {
    // A page that replaced console is not our problem.
  }
}
