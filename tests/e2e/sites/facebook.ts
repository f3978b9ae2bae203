/** facebook's fixtures as the end-to-end tests open them under the site's real addresses (Chromium and Firefox). */
import type { SiteCase } from './types';

const FB = 'https://www.facebook.com';

export const cases: SiteCase[] = [
  {
    fixture: 'tests/fixtures/sites/facebook/feed-comments-no-article.html',
    people: ['facebook:bram.peeters.be', 'facebook:id:100061234500077', 'facebook:sanne.devries.nl'],
    capture: { surface: 'comment', name: 'Sanne de Vries', key: 'facebook:sanne.devries.nl', context: `${FB}/carla.mendes.wellness/posts/pfbid0NLfeed7` },
  },
  {
    fixture: 'tests/fixtures/sites/facebook/group-comments-hostile.html',
    people: ['facebook:id:100022233344455', 'facebook:id:100033344455566'],
  },
  {
    fixture: 'tests/fixtures/sites/facebook/group-feed.html',
    people: ['facebook:id:100055500011122', 'facebook:id:100077766655544', 'facebook:ivy.okafor.fit'],
    capture: { surface: 'comment', name: 'Ivy Okafor', key: 'facebook:ivy.okafor.fit', context: `${FB}/groups/2233445566/posts/7766554433/` },
  },
  {
    fixture: 'tests/fixtures/sites/facebook/group-post-comments-sk.html',
    people: ['facebook:id:100080000333444', 'facebook:id:100090000555666', 'facebook:zuzka.kovacova'],
    capture: { surface: 'comment', name: 'Tomáš Horváth', key: 'facebook:id:100080000333444', context: `${FB}/groups/5566778899/posts/1122334455/` },
  },
  {
    fixture: 'tests/fixtures/sites/facebook/messages-e2ee-thread.html',
    people: ['facebook:lucia.martin.es'],
    capture: { surface: 'dm', name: 'Lucía Martín', key: 'facebook:lucia.martin.es', context: `${FB}/messages/e2ee/t/7766554433221100` },
  },
  {
    fixture: 'tests/fixtures/sites/facebook/messages-thread.html',
    people: ['facebook:ana.souza.1988'],
    capture: { surface: 'dm', name: 'Ana Souza', key: 'facebook:ana.souza.1988', context: `${FB}/messages/t/100012345678901` },
  },
  {
    fixture: 'tests/fixtures/sites/facebook/messenger-com-thread.html',
    people: ['facebook:id:100012345000111'],
    capture: { surface: 'dm', name: 'José García', key: 'facebook:id:100012345000111', context: 'https://www.messenger.com/t/7712345678901234' },
  },
  {
    fixture: 'tests/fixtures/sites/facebook/post-comments.html',
    people: ['facebook:ana.souza.1988', 'facebook:id:100077700011122', 'facebook:id:100089123456789', 'facebook:jose.garcia.mx'],
    capture: { surface: 'comment', name: 'Mei Chen', key: 'facebook:id:100089123456789', context: `${FB}/carla.mendes.wellness/posts/pfbid02xYz9Kq` },
  },
  {
    fixture: 'tests/fixtures/sites/facebook/reactions-dialog-mobile.html',
    people: ['facebook:id:100055566677788', 'facebook:mei.chen.fit'],
    capture: { surface: 'reaction', name: 'Mei Chen', key: 'facebook:mei.chen.fit', context: 'https://m.facebook.com/ufi/reaction/profile/browser/?ft_ent_identifier=5550001&av=0' },
  },
  {
    fixture: 'tests/fixtures/sites/facebook/reactions-dialog.html',
    people: ['facebook:ana.souza.1988', 'facebook:id:100044455566677', 'facebook:lucas.pereira.77'],
    capture: { surface: 'reaction', name: 'Zoë Müller', key: 'facebook:id:100044455566677', context: `${FB}/carla.mendes.wellness/posts/pfbid0Fam1ly` },
  },
  {
    fixture: 'tests/fixtures/sites/facebook/reactions-page.html',
    people: ['facebook:amara.diallo.coach', 'facebook:hana.sato.run', 'facebook:id:100023450000002'],
    capture: { surface: 'reaction', name: 'Łukasz Wiśniewski', key: 'facebook:id:100023450000002', context: 'https://m.facebook.com/ufi/reaction/profile/browser/?ft_ent_identifier=7788990011&refid=52' },
  },
  {
    fixture: 'tests/fixtures/sites/facebook/touch-comments.html',
    people: ['facebook:ana.souza.1988', 'facebook:id:100012345000002', 'facebook:lucia.ferreira.fit'],
    capture: { surface: 'comment', name: 'João Pedro Araújo', key: 'facebook:id:100012345000002', context: 'https://m.facebook.com/story.php?story_fbid=pfbid0TouchAb12&id=100070000111222' },
  },
];
