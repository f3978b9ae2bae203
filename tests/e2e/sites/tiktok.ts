/** tiktok's fixtures as the end-to-end tests open them under the site's real addresses (Chromium and Firefox). */
import type { SiteCase } from './types';

export const cases: SiteCase[] = [
  {
    fixture: 'tests/fixtures/sites/tiktok/video-comments-hostile.html',
    people: ['tiktok:@bold_ben', 'tiktok:@longname'],
  },
  {
    fixture: 'tests/fixtures/sites/tiktok/video-comments.html',
    people: ['tiktok:@ana.souza', 'tiktok:@carlamendes', 'tiktok:@josegarcia', 'tiktok:@mei_chen'],
    capture: { surface: 'comment', name: 'Mei Chen', key: 'tiktok:@mei_chen', context: 'https://www.tiktok.com/@carlamendes/video/7370000000000000001' },
  },
];
