/** tiktok's fixtures as the end-to-end tests open them under the site's real addresses (Chromium and Firefox). */
import type { SiteCase } from './types';

export const cases: SiteCase[] = [
  {
    fixture: 'tests/fixtures/sites/tiktok/photo-comments-link-on-username.html',
    people: ['tiktok:@ana.souza', 'tiktok:@kwame.mensah', 'tiktok:@zoe.mueller'],
    capture: { surface: 'comment', name: 'Zoë Müller', key: 'tiktok:@zoe.mueller', context: 'https://www.tiktok.com/@carlamendes/photo/7400000000000000004' },
  },
  {
    fixture: 'tests/fixtures/sites/tiktok/video-comments-hostile.html',
    people: ['tiktok:@bold_ben', 'tiktok:@longname'],
  },
  {
    fixture: 'tests/fixtures/sites/tiktok/video-comments-link-around-username.html',
    people: ['tiktok:@carlamendes', 'tiktok:@lucia.ferreira', 'tiktok:@mei_chen', 'tiktok:@omar.haddad'],
    capture: { surface: 'comment', name: 'عمر حداد', key: 'tiktok:@omar.haddad', context: 'https://www.tiktok.com/@carlamendes/video/7260000000000000003' },
  },
  {
    fixture: 'tests/fixtures/sites/tiktok/video-comments.html',
    people: ['tiktok:@ana.souza', 'tiktok:@carlamendes', 'tiktok:@josegarcia', 'tiktok:@mei_chen'],
    capture: { surface: 'comment', name: 'Mei Chen', key: 'tiktok:@mei_chen', context: 'https://www.tiktok.com/@carlamendes/video/7370000000000000001' },
  },
];
