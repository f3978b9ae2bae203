/** youtube's fixtures as the end-to-end tests open them under the site's real addresses (Chromium and Firefox). */
import type { SiteCase } from './types';

export const cases: SiteCase[] = [
  {
    fixture: 'tests/fixtures/sites/youtube/mobile-comments.html',
    people: ['youtube:@joséluis.ramírez', 'youtube:@kenji_tanaka', 'youtube:@luciaferreira', 'youtube:channel:UCq7dE9bNm3Pz5Lr8vWx2kYa'],
    capture: { surface: 'comment', name: '@kenji_tanaka', key: 'youtube:@kenji_tanaka', context: 'https://m.youtube.com/watch?v=kJQP7kiw5Fk' },
  },
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
