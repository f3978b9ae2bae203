/** The popup's screens, addressed by query string: notifications, the page chip and the welcome page link here. */
import type { SignalName } from '../messages/contract';
import { SIGNAL_NAMES } from '../messages/wire-names';

export const VIEWS = ['today', 'pipeline', 'insight', 'person', 'add'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  /** The person, for view=person. */
  id?: string;
  /** The pipeline opened on one signal (Today's "everyone due" link). */
  signal?: SignalName;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRoute(search: string): Route {
  const q = new URLSearchParams(search);
  const view = q.get('view');
  const id = q.get('id') ?? undefined;
  if (view === 'person') return id && ID.test(id) ? { view, id } : { view: 'today' };
  if (view === 'pipeline') {
    const signal = q.get('signal');
    return (SIGNAL_NAMES as readonly string[]).includes(signal ?? '') ? { view, signal: signal as SignalName } : { view };
  }
  return (VIEWS as readonly string[]).includes(view ?? '') ? { view: view as View } : { view: 'today' };
}

export function routeQuery(r: Route): string {
  const q = new URLSearchParams({ view: r.view });
  if (r.view === 'person' && r.id) q.set('id', r.id);
  if (r.view === 'pipeline' && r.signal) q.set('signal', r.signal);
  return `?${q.toString()}`;
}
