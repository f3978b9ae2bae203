// No zod here: the content script imports these bounds and must stay small.
/** Bounds for anything that can come from a page or a file: scraped text is data, and data is bounded. */
export const LIMITS = {
  name: 200,
  handle: 100,
  url: 2048,
  text: 2000,
  note: 10_000,
  nextStep: 500,
} as const;
