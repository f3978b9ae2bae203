/** Local-calendar time arithmetic: the user's day, not UTC's, and DST never shifts the hour. */

export const DAY = 86_400_000;

/** `t` moved by `days` calendar days, same local wall-clock time (setDate, not +n*24h). */
export function addLocalDays(t: number, days: number): number {
  const d = new Date(t);
  d.setDate(d.getDate() + days);
  return d.getTime();
}

export function startOfLocalDay(t: number): number {
  const d = new Date(t);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

let lastBounds: { now: number; bounds: Readonly<{ start: number; end: number }> } | undefined;

/**
 * The local day holding `now`: start inclusive, end exclusive (the next day's start; 23 or 25
 * hours on DST days). The last answer is kept: a badge look-up asks twice per person with one `now`.
 */
export function dayBounds(now: number): Readonly<{ start: number; end: number }> {
  if (lastBounds?.now === now) return lastBounds.bounds;
  const d = new Date(now);
  const bounds = Object.freeze({
    start: new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime(),
    end: new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime(),
  });
  lastBounds = { now, bounds };
  return bounds;
}

export function sameLocalDay(a: number, b: number): boolean {
  return startOfLocalDay(a) === startOfLocalDay(b);
}

/**
 * How far after this computer's clock a time from a page may lie: a message a page shows was
 * sent before the page showed it, so only the difference between the site's clock and ours
 * (and the minute a page rounds to) can put it later. Five minutes covers both with room.
 */
export const FUTURE_ALLOWANCE = 5 * 60_000;

/** A time something happened, as read from a page or a request: never later than now plus the allowance. */
export function notInFuture(at: number, now: number): number {
  return Math.min(at, now + FUTURE_ALLOWANCE);
}
