/** youtube's fixtures as the end-to-end tests open them under the site's real addresses (Chromium and Firefox). */
import type { SiteCase } from './types';

export const cases: SiteCase[] = [
  {
    fixture: 'tests/fixtures/sites/youtube/watch-comments-legacy.html',
    people: ['youtube:@bold_ben', 'youtube:user:longname'],
  },
  {
    fixture: 'tests/fixtures/sites/youtube/watch-comments.html',
    people: ['youtube:@anasouzafit', 'youtube:@carlamendeswellness', 'youtube:@mei.chen', 'youtube:channel:UCxJ9a8b7c6d5e4f3g2h1i0j'],
    capture: { surface: 'comment', name: 'José García', key: 'youtube:channel:UCxJ9a8b7c6d5e4f3g2h1i0j', context: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
  },
];
