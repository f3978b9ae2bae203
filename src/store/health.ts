import type { SiteHealthWarning } from '../domain/types';
import type { HandraiserDB } from './db';

/** Warnings kept at most; one per site and page type anyway. */
export const MAX_WARNINGS = 100;

/** Keeps only the latest warning per site + page type. */
export async function recordSiteHealth(db: HandraiserDB, warning: SiteHealthWarning): Promise<void> {
  await db.transaction('rw', db.siteHealth, async () => {
    await db.siteHealth
      .where('site')
      .equals(warning.site)
      .filter((w) => w.pageType === warning.pageType)
      .delete();
    await db.siteHealth.add({ ...warning });
    const total = await db.siteHealth.count();
    if (total > MAX_WARNINGS) {
      const oldest = await db.siteHealth.orderBy('at').limit(total - MAX_WARNINGS).primaryKeys();
      await db.siteHealth.bulkDelete(oldest);
    }
  });
}

/** Newest first. */
export async function listSiteHealth(db: HandraiserDB): Promise<SiteHealthWarning[]> {
  const rows = await db.siteHealth.orderBy('at').reverse().toArray();
  return rows.map(({ id: _id, ...w }) => w);
}
