import type { SiteHealthWarning } from '../domain/types';
import type { HandraiserDB } from './db';

/** Reports kept at most; one per site, page type and finding anyway. */
export const MAX_WARNINGS = 100;

const findingOf = (w: SiteHealthWarning) => w.found ?? 'nobody';

/** Keeps only the latest report per site, page type and finding. */
export async function recordSiteHealth(db: HandraiserDB, warning: SiteHealthWarning): Promise<void> {
  await db.transaction('rw', db.siteHealth, async () => {
    await db.siteHealth
      .where('site')
      .equals(warning.site)
      .filter((w) => w.pageType === warning.pageType && findingOf(w) === findingOf(warning))
      .delete();
    await db.siteHealth.add({ ...warning });
    const total = await db.siteHealth.count();
    if (total > MAX_WARNINGS) {
      const oldest = await db.siteHealth.orderBy('at').limit(total - MAX_WARNINGS).primaryKeys();
      await db.siteHealth.bulkDelete(oldest);
    }
  });
}

/** Newest first; a row from before findings were kept is a "nobody found". */
export async function listSiteHealth(db: HandraiserDB): Promise<SiteHealthWarning[]> {
  const rows = await db.siteHealth.orderBy('at').reverse().toArray();
  return rows.map(({ id: _id, ...w }) => ({ ...w, found: findingOf(w) }));
}
