/** The popup's screens, addressed by query string: notifications and the page chip link here. */
export const VIEWS = ['today', 'pipeline', 'insight', 'person'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  /** The person, for view=person. */
  id?: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRoute(search: string): Route {
  const q = new URLSearchParams(search);
  const view = q.get('view');
  const id = q.get('id') ?? undefined;
  if (view === 'person') return id && ID.test(id) ? { view, id } : { view: 'today' };
  return (VIEWS as readonly string[]).includes(view ?? '') ? { view: view as View } : { view: 'today' };
}

export function routeQuery(r: Route): string {
  const q = new URLSearchParams({ view: r.view });
  if (r.view === 'person' && r.id) q.set('id', r.id);
  return `?${q.toString()}`;
}
