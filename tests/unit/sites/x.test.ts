// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isXPersonHref, x } from '../../../src/content/sites/x';
import { brief, findPeople, loadFixture, loadHtml, pageTypesOn, readThread } from './helpers';

const POST = 'https://x.com/carlamendes/status/1790000000000000001';
const TW_POST = 'https://twitter.com/carlamendes/status/1790000000000000001';

describe('x: replies on a post page', () => {
  it('finds the repliers, not the post author, with the post as context', () => {
    const { doc, page } = loadFixture('x', 'status-replies.html');
    const found = findPeople(x, doc, page);
    expect(brief(found)).toEqual([
      ['comment', 'Ana Souza', 'https://x.com/ana_souza', POST, 'Yes please! 🙋‍♀️ Sign me up'],
      ['comment', 'José García', 'https://x.com/JoseGarcia_MX', POST, 'Me interesa, ¿cuánto cuesta?'],
      ['comment', 'Mei Chen', 'https://x.com/mei_chen', POST, 'Following this 👀 #wellness'],
    ]);
    expect(found[0]!.avatarUrl).toBe('https://pbs.twimg.com/profile_images/170101/ana_souza_normal.jpg');
    expect(pageTypesOn(x, doc)).toEqual(['replies']);
    const reply = doc.querySelectorAll('article[data-testid="tweet"]')[1]!;
    expect(x.postUrlOf!(reply, page)).toBe('https://x.com/ana_souza/status/1790000000000000101');
    expect(x.people[0]!.extract(reply, page)!.anchor.textContent).toBe('Ana Souza');
  });

  it('keeps hostile text literal and odd links as found; skips a hashtag, an X page and a tombstone', () => {
    const { doc, page } = loadFixture('x', 'status-replies-hostile.html');
    const found = findPeople(x, doc, page);
    expect(brief(found)).toEqual([
      ['comment', '<b>Bold</b> Ben', 'https://twitter.com/bold_ben', TW_POST, '<img src=x onerror=alert(1)> hi there'],
      ['comment', 'W'.repeat(500), 'https://twitter.com/longname', TW_POST, 'no avatar'],
      ['comment', 'Script', 'javascript:alert(1)', TW_POST, 'js link'],
      ['comment', 'Foreign', 'https://evil.example/evil', TW_POST, 'foreign'],
    ]);
    expect(found[1]!.avatarUrl).toBeUndefined();
    expect((globalThis as { __xPwned?: number }).__xPwned).toBeUndefined();
  });

  it('in the photo viewer (/status/<id>/photo/1): the replies beside the photo, with the post as context', () => {
    const { doc, page } = loadFixture('x', 'status-photo-replies.html');
    const found = findPeople(x, doc, page);
    expect(brief(found)).toEqual([
      ['comment', 'Yusuf Kaya', 'https://x.com/yusuf_kaya', POST, 'Bu programa katılmak istiyorum 🙋‍♂️'],
      ['comment', 'Chloé Dubois', 'https://x.com/chloe_dubois', POST, 'Je suis partante ! C’est en ligne ?'],
      ['comment', 'Nguyễn Văn An', 'https://x.com/nguyen_van_an', POST, 'Sign me up too'],
    ]);
    expect(found[2]!.avatarUrl).toBeUndefined();
    expect(pageTypesOn(x, doc)).toEqual(['replies']);
  });

  it('ignores tweets on the home timeline: they are not comments', () => {
    const { html } = loadFixture('x', 'status-replies.html');
    expect(findPeople(x, loadHtml(html), new URL('https://x.com/home'))).toEqual([]);
  });
});

describe('x: likes and reposts lists', () => {
  it('reads each UserCell: display name, not @handle; the post as context', () => {
    const { doc, page } = loadFixture('x', 'likes.html');
    const found = findPeople(x, doc, page);
    expect(brief(found)).toEqual([
      ['reaction', 'Lucas Pereira', 'https://x.com/lucas_pereira', POST],
      ['reaction', 'Zoë Müller', 'https://x.com/zoe_muller', POST],
      ['reaction', 'Ana Souza', 'https://x.com/ana_souza', POST],
    ]);
    expect(found[2]!.avatarUrl).toBe('https://pbs.twimg.com/profile_images/99/ana_souza_bigger.jpg');
    expect(pageTypesOn(x, doc)).toEqual(['likes or reposts list']);
  });

  it('on twitter.com reposts: hostile name literal, no avatar, an X page skipped', () => {
    const { doc, page } = loadFixture('x', 'reposts.html');
    const found = findPeople(x, doc, page);
    expect(brief(found)).toEqual([
      ['reaction', 'Mei Chen', 'https://twitter.com/mei_chen', TW_POST],
      ['reaction', '<script>alert(1)</script> Ben', 'https://twitter.com/bold_ben', TW_POST],
    ]);
    expect(found[1]!.avatarUrl).toBeUndefined();
  });
});

describe('x: quotes list', () => {
  it('reads each quoting tweet as a reaction to the post; not the quoted post, not the user', () => {
    const { doc, page } = loadFixture('x', 'quotes.html');
    const found = findPeople(x, doc, page);
    expect(brief(found)).toEqual([
      ['reaction', 'Renata Lima 🌿', 'https://x.com/renata_lima', POST],
      ['reaction', '佐藤 健二', 'https://x.com/KenjiSato_', POST],
    ]);
    expect(found[1]!.avatarUrl).toBe('https://pbs.twimg.com/profile_images/170402/KenjiSato__normal.jpg');
  });

  it('does not read the same tweets as replies on the quotes page, nor as quotes on the post page', () => {
    const { html } = loadFixture('x', 'quotes.html');
    expect(findPeople(x, loadHtml(html), new URL(`${POST}/quotes`)).map((f) => f.surface)).toEqual(['reaction', 'reaction']);
    const replies = loadFixture('x', 'status-replies.html');
    expect(findPeople(x, replies.doc, replies.page).every((f) => f.surface === 'comment')).toBe(true);
  });
});

describe('x: DM conversations', () => {
  it('reads partner, directions and times on /messages/<id>', () => {
    const { doc, page } = loadFixture('x', 'dm-thread.html');
    const THREAD = 'https://x.com/messages/1111111111-2222222222';
    expect(brief(findPeople(x, doc, page))).toEqual([['dm', 'Ana Souza', 'https://x.com/ana_souza', THREAD]]);
    expect(readThread(x, doc, page)).toEqual([
      { direction: 'outbound', at: Date.parse('2025-05-12T08:10:00Z'), id: undefined, text: 'Hi Ana! Saw your reply — want the details?' },
      { direction: 'inbound', at: Date.parse('2025-05-12T08:24:00Z'), id: undefined, text: 'Yes please! Is it for beginners?' },
      { direction: 'outbound', at: undefined, id: undefined, text: 'Absolutely. Call on Thursday?' },
      { direction: 'inbound', at: undefined, id: undefined, text: 'Thursday works 👍' },
    ]);
    const p = x.dm!.partner(doc, page)!;
    expect([p.name, p.profileUrl, p.contextUrl]).toEqual(['Ana Souza', '/ana_souza', THREAD]);
    expect(pageTypesOn(x, doc)).toEqual(['dm conversation']);
  });

  it('reads /i/chat/<id>, keeps hostile text literal and drops script text', () => {
    const { doc, page } = loadFixture('x', 'dm-chat.html');
    const THREAD = 'https://x.com/i/chat/2222222222-1111111111';
    expect(brief(findPeople(x, doc, page))).toEqual([['dm', 'José <García>', 'https://x.com/JoseGarcia_MX', THREAD]]);
    expect(readThread(x, doc, page)).toEqual([
      { direction: 'inbound', at: Date.parse('2025-05-13T07:00:00Z'), id: undefined, text: '¿Hola! <b>sigue</b> disponible?' },
      { direction: 'outbound', at: Date.parse('2025-05-13T07:05:00Z'), id: undefined, text: '¡Sí!' },
    ]);
  });
});

describe('x: the newer chat (/i/chat, dm-conversation-panel)', () => {
  const THREAD = 'https://x.com/i/chat/1790000000000000301-1790000000000000302';

  it('reads the partner from the conversation header, not the inbox nor the user; messages by their own ids', () => {
    const { doc, page } = loadFixture('x', 'chat-conversation.html');
    expect(brief(findPeople(x, doc, page))).toEqual([['dm', 'Lucía Fernández 🌸', 'https://x.com/lucia_fdez', THREAD]]);
    const p = x.dm!.partner(doc, page)!;
    expect([p.name, p.profileUrl, p.contextUrl, p.avatarUrl]).toEqual([
      'Lucía Fernández 🌸',
      '/lucia_fdez',
      THREAD,
      'https://pbs.twimg.com/profile_images/170301/lucia_fdez_normal.jpg',
    ]);
    expect(readThread(x, doc, page)).toEqual([
      { direction: 'inbound', at: undefined, id: '1790000000000000501', text: '¡Hola! Vi tu publicación, ¿sigue abierta la inscripción?' },
      { direction: 'outbound', at: undefined, id: '1790000000000000502', text: '¡Sí! Te paso los detalles 😊' },
      { direction: 'inbound', at: undefined, id: '1790000000000000503', text: '<b>Genial</b>, gracias' },
    ]);
    expect(pageTypesOn(x, doc)).toEqual(['dm conversation']);
  });
});

describe('x: the newer chat inside an open shadow root', () => {
  const THREAD = 'https://x.com/i/chat/1790000000000000311-1790000000000000312';

  it('reads the same chat as in the page itself: partner from the header, messages by id', () => {
    const { doc, page } = loadFixture('x', 'chat-conversation-shadow.html');
    expect(brief(findPeople(x, doc, page))).toEqual([['dm', 'Jonas Weiß', 'https://x.com/jonas_weiss', THREAD]]);
    expect(readThread(x, doc, page).map((m) => [m.direction, m.id, m.text])).toEqual([
      ['inbound', '1790000000000000511', 'Hallo! Ist die Anmeldung noch offen?'],
      ['outbound', '1790000000000000512', 'Ja! Ich schicke dir die Details 😊'],
      ['inbound', '1790000000000000513', 'Super, danke'],
    ]);
  });

  it('names the chat container as a shadow host, and finds the partner across the shadow boundary', () => {
    const { html, page } = loadFixture('x', 'chat-conversation-shadow.html');
    // Built as the browser builds it: the chat in the container's open shadow root, not in the document.
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const template = doc.querySelector('template[shadowrootmode="open"]') as HTMLTemplateElement;
    const host = template.parentElement!;
    template.remove();
    host.attachShadow({ mode: 'open' }).append(template.content);
    expect(host.matches(x.shadowHosts!)).toBe(true);
    expect(doc.querySelector('[data-testid="dm-conversation-panel"]')).toBeNull();
    const p = x.dm!.partner(doc, page)!;
    expect([p.name, p.profileUrl, p.contextUrl]).toEqual(['Jonas Weiß', '/jonas_weiss', THREAD]);
  });
});

describe('x: profile link shapes', () => {
  const page = new URL('https://x.com/home');
  it.each([
    ['/ana_souza', true],
    ['https://twitter.com/ana_souza/', true],
    ['/ana_souza/status/1', false],
    ['/hashtag/morning', false],
    ['/i/communities/1', false],
    ['/home', false],
    ['/search?q=x', false],
    ['/a_name_that_is_far_too_long', false],
    ['javascript:alert(1)', true],
  ])('%s → %s', (href, person) => expect(isXPersonHref(href, page)).toBe(person));
});
