/** Every site's end-to-end cases, by site: each site keeps its own file, so each can grow on its own. */
import { cases as facebook } from './facebook';
import { cases as instagram } from './instagram';
import { cases as linkedin } from './linkedin';
import { cases as tiktok } from './tiktok';
import type { SiteCase } from './types';
import { cases as x } from './x';
import { cases as youtube } from './youtube';

export type { SiteCase } from './types';

/**
 * X's virtualised lists position every row absolutely and give each its own translateY offset.
 * The fixtures keep the style but with every row at translateY(0px), so the rows lie on top of
 * each other and the last one would take every click. Offsets them as X does; run in the page
 * (Playwright's or Puppeteer's evaluate), once the chips are in.
 */
export function layOutVirtualRows(): void {
  let y = 0;
  const rows = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="cellInnerDiv"]')).filter((r) => r.style.position === 'absolute');
  for (const row of rows) {
    row.style.transform = `translateY(${y}px)`;
    y += row.getBoundingClientRect().height + 8;
  }
  if (rows[0]?.parentElement) rows[0].parentElement.style.minHeight = `${y}px`;
}

export const SITE_CASES: Record<string, SiteCase[]> = { facebook, instagram, linkedin, x, youtube, tiktok };
