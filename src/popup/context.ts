import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Notifier } from '../ui/components';
import type { Route } from './route';

export interface PopupNav {
  go: (route: Route) => void;
  notifier: Notifier;
  /** Bumps after an undo, so screens re-read their data. */
  version: number;
  /** Bumps when data changed elsewhere (a capture in a tab): screens that only show data re-read. */
  live: number;
}

export const NavContext = createContext<PopupNav | null>(null);

export function useNav(): PopupNav {
  const nav = useContext(NavContext);
  if (!nav) throw new Error('NavContext is missing');
  return nav;
}
