/** linkedin's fixtures as the end-to-end tests open them under the site's real addresses (Chromium and Firefox). */
import type { SiteCase } from './types';

const LI = 'https://www.linkedin.com';

export const cases: SiteCase[] = [
  {
    fixture: 'tests/fixtures/sites/linkedin/messaging-overlay.html',
    people: ['linkedin:rafael-iba\u00f1ez-es'],
    capture: { surface: 'dm', name: 'Rafael Ib\u00e1\u00f1ez', key: 'linkedin:rafael-iba\u00f1ez-es', context: `${LI}/feed/` },
  },
  {
    fixture: 'tests/fixtures/sites/linkedin/messaging-thread-hostile.html',
    people: ['linkedin:jos\u00e9-garc\u00eda-mx'],
  },
  {
    fixture: 'tests/fixtures/sites/linkedin/messaging-thread.html',
    people: ['linkedin:ana-souza-7a1b2c'],
    capture: { surface: 'dm', name: 'Ana Souza', key: 'linkedin:ana-souza-7a1b2c', context: `${LI}/messaging/thread/2-YWJjZGVmZ2hpams=/` },
  },
  {
    fixture: 'tests/fixtures/sites/linkedin/post-comments-hostile.html',
    people: ['linkedin:bold-ben', 'linkedin:long-name'],
  },
  {
    fixture: 'tests/fixtures/sites/linkedin/post-comments-sdui.html',
    people: ['linkedin:amara-okafor-47b2a1', 'linkedin:ingrid-solberg-no', 'linkedin:tomas-novak-cz'],
    capture: { surface: 'comment', name: 'Tom\u00e1\u0161 Nov\u00e1k', key: 'linkedin:tomas-novak-cz', context: `${LI}/feed/update/urn:li:activity:7190000000000000001/` },
  },
  {
    fixture: 'tests/fixtures/sites/linkedin/post-comments.html',
    people: ['linkedin:ana-souza-7a1b2c', 'linkedin:jos\u00e9-garc\u00eda-mx', 'linkedin:mei-chen-fit'],
    capture: { surface: 'comment', name: 'Mei Chen', key: 'linkedin:mei-chen-fit', context: `${LI}/feed/update/urn:li:activity:7190000000000000001/` },
  },
  {
    fixture: 'tests/fixtures/sites/linkedin/reactions-hostile.html',
    people: ['linkedin:ana-souza-7a1b2c', 'linkedin:ital-ivy'],
  },
  {
    fixture: 'tests/fixtures/sites/linkedin/reactions.html',
    people: ['linkedin:lucas-pereira-br', 'linkedin:zoe-muller-yoga'],
    capture: { surface: 'reaction', name: 'Lucas Pereira', key: 'linkedin:lucas-pereira-br', context: `${LI}/feed/update/urn:li:activity:7190000000000000001/` },
  },
  {
    fixture: 'tests/fixtures/sites/linkedin/reactions-sdui.html',
    people: ['linkedin:amara-okafor-47b2a1', 'linkedin:bjorn-\u00e5kesson', 'linkedin:ingrid-solberg-no'],
    capture: { surface: 'reaction', name: 'Bj\u00f6rn \u00c5kesson', key: 'linkedin:bjorn-\u00e5kesson', context: `${LI}/feed/update/urn:li:activity:7190000000000000001/` },
  },
];
