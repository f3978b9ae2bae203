import type { PersonRow } from '../messages/contract';

/**
 * The focus list as DOMAIN.md ranks it: ready to decide first, then other prospects and
 * contacts, then leads; never anyone who said no. Stable, so the background's order
 * inside each tier is kept.
 */
export function rankFocus(rows: readonly PersonRow[]): PersonRow[] {
  const tier = ({ person, signals }: PersonRow): number => {
    if (signals.readyToDecide) return 0;
    if (person.stage === 'lead') return 2;
    return 1;
  };
  return rows
    .filter((r) => r.person.stage !== 'not_interested' && !r.signals.notInterested)
    .map((r, i) => ({ r, i, k: tier(r) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.r);
}
