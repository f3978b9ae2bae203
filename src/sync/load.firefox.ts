/**
 * How the background gets the replication engine in Firefox, whose background page may import():
 * only once sync is set up, so a user without sync never loads it (load.ts says why Chrome differs).
 */
export const loadEngine = async () => import('./engine');
