import { describe, expect, it } from 'vitest';
import type { SiteHealthWarning } from '../../../src/domain/types';
import { healthRows, sitesLookingBroken, troubled } from '../../../src/ui/health';

const DAY = 86_400_000;
const T = Date.UTC(2026, 2, 9);
const report = (site: SiteHealthWarning['site'], pageType: string, found: SiteHealthWarning['found'], at: number): SiteHealthWarning => ({
  site,
  pageType,
  url: `https://www.${site}.com/page`,
  at,
  found,
});

describe('the popup names a site as looking broken when its latest news on a page type is not "found by the selectors"', () => {
  it('found only by the structural fallback, after the selectors last worked: broken', () => {
    expect(sitesLookingBroken([report('facebook', 'post comments', 'selectors', T - DAY), report('facebook', 'post comments', 'fallback', T)])).toEqual(['facebook']);
  });

  it('nobody on a recognised page, after the selectors last worked: broken', () => {
    expect(sitesLookingBroken([report('x', 'reply thread', 'selectors', T - DAY), report('x', 'reply thread', 'nobody', T)])).toEqual(['x']);
  });

  it('nobody, or the fallback, and the selectors never worked there: broken', () => {
    expect(sitesLookingBroken([report('tiktok', 'video comments', 'nobody', T)])).toEqual(['tiktok']);
    expect(sitesLookingBroken([report('youtube', 'video comments', 'fallback', T)])).toEqual(['youtube']);
  });

  it('the selectors found people since: not broken any more', () => {
    expect(
      sitesLookingBroken([
        report('facebook', 'post comments', 'fallback', T - 2 * DAY),
        report('facebook', 'post comments', 'nobody', T - DAY),
        report('facebook', 'post comments', 'selectors', T),
      ]),
    ).toEqual([]);
  });

  it('one troubled page type is enough; healthy page types of the same site do not hide it; each site once, most recent first', () => {
    const reports = [
      report('linkedin', 'reactions', 'selectors', T),
      report('linkedin', 'post comments', 'selectors', T - 3 * DAY),
      report('linkedin', 'post comments', 'fallback', T - 2 * DAY),
      report('instagram', 'post comments', 'nobody', T - DAY),
      report('instagram', 'likes', 'nobody', T - DAY / 2),
    ];
    expect(sitesLookingBroken(reports)).toEqual(['instagram', 'linkedin']);
  });

  it('nothing reported, or only people found by the selectors: nothing to say', () => {
    expect(sitesLookingBroken([])).toEqual([]);
    expect(sitesLookingBroken([report('x', 'likes', 'selectors', T), report('youtube', 'video comments', 'selectors', T)])).toEqual([]);
  });

  it('a row from before findings were kept counts as "nobody"', () => {
    const { found: _f, ...old } = report('facebook', 'post comments', undefined, T);
    const rows = healthRows([old]);
    expect(rows[0]?.nobody?.at).toBe(T);
    expect(troubled(rows[0]!)).toBe(true);
  });
});
