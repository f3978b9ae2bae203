/**
 * Site health as the options page and the popup read it: the latest report of each finding per
 * site and page type (content/health.ts sends them, store/health.ts keeps them).
 */
import type { Site, SiteHealthWarning } from '../domain/types';

/** Per site and page type: the latest report of each finding (found by the selectors, by the structure only, nobody). */
export interface HealthRow {
  site: Site;
  pageType: string;
  selectors?: SiteHealthWarning;
  fallback?: SiteHealthWarning;
  nobody?: SiteHealthWarning;
}

const latest = (row: HealthRow) => Math.max(row.selectors?.at ?? 0, row.fallback?.at ?? 0, row.nobody?.at ?? 0);

/** Rows by site and page type, the most recent news first. */
export function healthRows(reports: readonly SiteHealthWarning[]): HealthRow[] {
  const rows = new Map<string, HealthRow>();
  for (const r of reports) {
    const k = `${r.site}|${r.pageType}`;
    const row = rows.get(k) ?? { site: r.site, pageType: r.pageType };
    const found = r.found ?? 'nobody';
    if (!row[found] || row[found].at < r.at) row[found] = r;
    rows.set(k, row);
  }
  return [...rows.values()].sort((a, b) => latest(b) - latest(a));
}

/** A row needs the user's eye when its latest news is not "found by the selectors": found by the structure only, or nobody. */
export function troubled(row: HealthRow): boolean {
  const ok = row.selectors?.at ?? 0;
  return (row.fallback?.at ?? 0) > ok || (row.nobody?.at ?? 0) > ok;
}

/** The sites the popup's quiet hint names: any page type of theirs is troubled; the most recent trouble first, each once. */
export function sitesLookingBroken(reports: readonly SiteHealthWarning[]): Site[] {
  return [...new Set(healthRows(reports).filter(troubled).map((r) => r.site))];
}
