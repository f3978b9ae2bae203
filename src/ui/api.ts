/**
 * What the screens need from the extension, handed down through a context so the screens
 * never import the browser API themselves (unit tests render them with a fake).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Send } from '../messages/client';
import type { SiteAccess } from './access';

export interface Api {
  send: Send;
  /** Clock, injectable for tests. */
  now: () => number;
  /** Opens the options page, at one of its sections when named. */
  openOptions: (section?: 'health') => void;
  /** Dev/test builds: the first-run screen links the demo page. */
  isDev: boolean;
  /** Calls back when the background says data changed (another tab captured someone). */
  onChanged?: (fn: () => void) => () => void;
  /**
   * Asks the browser for access to one origin (the sync server). Must be the first thing a
   * click handler awaits: browsers grant access only from the user's own gesture.
   */
  requestAccess?: (origin: string) => Promise<boolean>;
  /** Whether the browser lets Handraiser read each site (absent where nothing asks: tests). */
  siteAccess?: SiteAccess;
}

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('ApiContext is missing');
  return api;
}

/** A readable sentence for any failure: HandraiserError messages are written for people already. */
export function errorText(e: unknown, fallback: string): string {
  if (e instanceof Error && e.name === 'HandraiserError' && e.message) return e.message;
  return fallback;
}
