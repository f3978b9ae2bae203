/** Every site's end-to-end cases, by site: each site keeps its own file, so each can grow on its own. */
import { cases as facebook } from './facebook';
import { cases as instagram } from './instagram';
import { cases as linkedin } from './linkedin';
import { cases as tiktok } from './tiktok';
import type { SiteCase } from './types';
import { cases as x } from './x';
import { cases as youtube } from './youtube';

export type { SiteCase } from './types';

export const SITE_CASES: Record<string, SiteCase[]> = { facebook, instagram, linkedin, x, youtube, tiktok };
