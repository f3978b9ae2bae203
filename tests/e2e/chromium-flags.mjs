// Chromium flags for tests and benchmarks (plain JS so bench/ can import it from Node 20).
// Without the background-networking flags, Chromium keeps trying to reach Google's hosts,
// which this closed network refuses.
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
