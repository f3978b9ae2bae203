/** instagram's fixtures as the end-to-end tests open them under the site's real addresses (Chromium and Firefox). */
import type { SiteCase } from './types';

const IG = 'https://www.instagram.com';

export const cases: SiteCase[] = [
  {
    fixture: 'tests/fixtures/sites/instagram/direct-thread-hostile.html',
    people: ['instagram:jose.garcia.mx'],
  },
  {
    fixture: 'tests/fixtures/sites/instagram/direct-thread-pagelet.html',
    people: ['instagram:mari.lopes.fit'],
    capture: { surface: 'dm', name: 'Mariana Lópes', key: 'instagram:mari.lopes.fit', context: `${IG}/direct/t/17843000111222333/` },
  },
  {
    fixture: 'tests/fixtures/sites/instagram/direct-thread.html',
    people: ['instagram:ana.souza'],
    capture: { surface: 'dm', name: 'Ana Souza', key: 'instagram:ana.souza', context: `${IG}/direct/t/340282366841710300949128132/` },
  },
  {
    fixture: 'tests/fixtures/sites/instagram/liked-by-page.html',
    people: ['instagram:ana.souza', 'instagram:bold_ben'],
    capture: { surface: 'reaction', name: 'bold_ben', key: 'instagram:bold_ben', context: `${IG}/p/C7Fam1lyPx/` },
  },
  {
    fixture: 'tests/fixtures/sites/instagram/likes-dialog.html',
    people: ['instagram:lucas.pereira', 'instagram:mei_chen', 'instagram:zoe.muller'],
    capture: { surface: 'reaction', name: 'zoe.muller', key: 'instagram:zoe.muller', context: `${IG}/p/C7Fam1lyPx/` },
  },
  {
    fixture: 'tests/fixtures/sites/instagram/post-comments.html',
    people: ['instagram:ana.souza', 'instagram:jose.garcia.mx', 'instagram:mei_chen'],
    capture: { surface: 'comment', name: 'mei_chen', key: 'instagram:mei_chen', context: `${IG}/p/C7AbCdEfGh/` },
  },
  {
    fixture: 'tests/fixtures/sites/instagram/post-dialog-comments.html',
    people: ['instagram:ines.ferreira', 'instagram:marcos.silva_', 'instagram:yuki.tanaka.jp'],
    capture: { surface: 'comment', name: 'yuki.tanaka.jp', key: 'instagram:yuki.tanaka.jp', context: `${IG}/p/DQx7Lm2Ab9c/` },
  },
  {
    fixture: 'tests/fixtures/sites/instagram/reel-comments-hostile.html',
    people: ['instagram:bold_ben', 'instagram:long.name'],
  },
  {
    fixture: 'tests/fixtures/sites/instagram/reel-comments.html',
    people: ['instagram:dani.okoro', 'instagram:lea_muller', 'instagram:sofia.reyes.mx'],
    capture: { surface: 'comment', name: 'sofia.reyes.mx', key: 'instagram:sofia.reyes.mx', context: `${IG}/p/DQr3Ee4Ff5g/` },
  },
  {
    fixture: 'tests/fixtures/sites/instagram/reel-likes-dialog.html',
    people: ['instagram:andres.gomez_fit', 'instagram:camila.rojas.cl', 'instagram:noemie.lefebvre'],
    capture: { surface: 'reaction', name: 'noemie.lefebvre', key: 'instagram:noemie.lefebvre', context: `${IG}/reel/DQk9Hh2Jj3k/` },
  },
];
