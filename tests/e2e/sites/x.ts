/** x's fixtures as the end-to-end tests open them under the site's real addresses (Chromium and Firefox). */
import type { SiteCase } from './types';

export const cases: SiteCase[] = [
  {
    fixture: 'tests/fixtures/sites/x/chat-conversation-shadow.html',
    people: ['x:jonas_weiss'],
    capture: { surface: 'dm', name: 'Jonas Wei\u00df', key: 'x:jonas_weiss', context: 'https://x.com/i/chat/1790000000000000311-1790000000000000312' },
  },
  {
    fixture: 'tests/fixtures/sites/x/chat-conversation.html',
    people: ['x:lucia_fdez'],
    capture: { surface: 'dm', name: 'Lucía Fernández 🌸', key: 'x:lucia_fdez', context: 'https://x.com/i/chat/1790000000000000301-1790000000000000302' },
  },
  {
    fixture: 'tests/fixtures/sites/x/dm-chat.html',
    people: ['x:josegarcia_mx'],
  },
  {
    fixture: 'tests/fixtures/sites/x/dm-thread.html',
    people: ['x:ana_souza'],
    capture: { surface: 'dm', name: 'Ana Souza', key: 'x:ana_souza', context: 'https://x.com/messages/1111111111-2222222222' },
  },
  {
    fixture: 'tests/fixtures/sites/x/likes.html',
    people: ['x:ana_souza', 'x:lucas_pereira', 'x:zoe_muller'],
    capture: { surface: 'reaction', name: 'Zoë Müller', key: 'x:zoe_muller', context: 'https://x.com/carlamendes/status/1790000000000000001' },
  },
  {
    fixture: 'tests/fixtures/sites/x/quotes.html',
    people: ['x:kenjisato_', 'x:renata_lima'],
    capture: { surface: 'reaction', name: '佐藤 健二', key: 'x:kenjisato_', context: 'https://x.com/carlamendes/status/1790000000000000001' },
  },
  {
    fixture: 'tests/fixtures/sites/x/reposts.html',
    people: ['x:bold_ben', 'x:mei_chen'],
    capture: { surface: 'reaction', name: 'Mei Chen', key: 'x:mei_chen', context: 'https://twitter.com/carlamendes/status/1790000000000000001' },
  },
  {
    fixture: 'tests/fixtures/sites/x/status-photo-replies.html',
    people: ['x:chloe_dubois', 'x:nguyen_van_an', 'x:yusuf_kaya'],
    capture: { surface: 'comment', name: 'Chlo\u00e9 Dubois', key: 'x:chloe_dubois', context: 'https://x.com/carlamendes/status/1790000000000000001' },
  },
  {
    fixture: 'tests/fixtures/sites/x/status-replies-hostile.html',
    people: ['x:bold_ben', 'x:longname'],
  },
  {
    fixture: 'tests/fixtures/sites/x/status-replies.html',
    people: ['x:ana_souza', 'x:josegarcia_mx', 'x:mei_chen'],
    capture: { surface: 'comment', name: 'José García', key: 'x:josegarcia_mx', context: 'https://x.com/carlamendes/status/1790000000000000001' },
  },
];
