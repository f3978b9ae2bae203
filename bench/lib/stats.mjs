// Small statistics: the machine is shared and noisy, so every figure is a median and a p95 over many runs.

/** @param {number[]} xs */
export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  // Nearest rank: p95 of 20 samples is the 19th, never an interpolated value nobody measured.
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}

/** @param {number[]} xs */
export function summary(xs) {
  return { n: xs.length, median: round(quantile(xs, 0.5)), p95: round(quantile(xs, 0.95)), min: round(Math.min(...xs)), max: round(Math.max(...xs)) };
}

export function round(x, digits = 3) {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
