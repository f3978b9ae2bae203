/**
 * How the background gets the replication engine (engine.ts) in Chrome: linked in, because a
 * service worker may not import() (the HTML spec forbids it there; Chrome refuses it). The
 * Firefox builds use load.firefox.ts instead (vite.config.ts), and load the engine only when
 * sync is set up. Either way nothing of it runs until then.
 */
import { engine } from './engine';

export const loadEngine = async () => ({ engine });
