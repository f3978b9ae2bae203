/**
 * How the background gets the replication engine (engine.ts). This plain static import is what
 * the type checker and the unit tests see. The builds replace it: Chrome's with a function that
 * builds the engine at the first sync run (vite.config.ts lazySyncEngine: a service worker may
 * not import()), Firefox's with load.firefox.ts, which imports it then.
 */
import { engine } from './engine';

export const loadEngine = async () => ({ engine });
