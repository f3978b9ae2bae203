// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { facebook, isFacebookPersonHref } from '../../../src/content/sites/facebook';
import { brief, findPeople, loadFixture, pageTypesOn, readThread } from './helpers';

const FB = 'https://www.facebook.com';
const POST = `${FB}/carla.mendes.wellness/posts/pfbid02xYz9Kq`;

describe('facebook: post comments and replies', () => {
  const { doc, page } = loadFixture('facebook', 'post-comments.html');

  it('finds each commenter and the reply, with the post permalink as context', () => {
    expect(brief(findPeople(facebook, doc, page))).toEqual([
      ['comment', 'Ana Souza', `${FB}/ana.souza.1988?comment_id=Y29tbWVudDoxMjM0XzU2Nzg%3D&__cft__[0]=AZXq&__tn__=R]-R`, POST, "Yes please! I've been trying to wake up earlier for months."],
      ['comment', 'Mei Chen', `${FB}/profile.php?id=100089123456789&comment_id=Y29tbWVudDoxMjM&reply_comment_id=445566&__cft__[0]=AZXq`, POST, 'Ana Souza same here, count me in!'],
      ['comment', 'José García', `${FB}/jose.garcia.mx?comment_id=Y29tbWVudDo5OTk%3D&__cft__[0]=AZXq`, POST, 'Me interesa 🙋‍♂️ ¿cuánto tiempo toma cada mañana?'],
      ['comment', 'Priya Natarajan', `${FB}/people/Priya-Natarajan/100077700011122/?comment_id=Y29t`, POST, 'Liked! Send me the details please.'],
    ]);
  });

  it('reads the SVG avatar and anchors on the name link, not the avatar link', () => {
    const found = findPeople(facebook, doc, page);
    expect(found.map((f) => f.avatarUrl)).toEqual([
      'https://scontent.xx.fbcdn.net/v/t39.30808-1/ana_s.jpg?stp=cp0_dst-jpg&oh=00_AfA',
      'https://scontent.xx.fbcdn.net/v/t39.30808-1/mei.jpg?oh=00_Af1',
      'https://scontent.xx.fbcdn.net/v/t39.30808-1/jose.jpg',
      'https://scontent.xx.fbcdn.net/v/t39.30808-1/priya.jpg',
    ]);
    const first = doc.querySelector('[role="article"] [role="article"]')!;
    expect(facebook.people[0]!.extract(first, page)!.anchor.textContent).toBe('Ana Souza');
  });

  it('recognises the page type and gives the post URL of a comment', () => {
    expect(pageTypesOn(facebook, doc)).toEqual(['post comments']);
    expect(facebook.postUrlOf!(doc.querySelector('[role="article"] [role="article"]')!, page)).toBe(POST);
  });
});

describe('facebook: hostile group comments', () => {
  const { doc, page } = loadFixture('facebook', 'group-comments-hostile.html');
  const CTX = 'https://web.facebook.com/groups/4455667788/permalink/9988776655/';

  it('keeps names and texts literal, drops script text, keeps odd links as found, skips a group, a hashtag and a link-less author', () => {
    const found = findPeople(facebook, doc, page);
    expect(brief(found)).toEqual([
      ['comment', '<b>Bold</b> Ben &amp; <img src=x onerror=alert(1)>', 'https://web.facebook.com/groups/4455667788/user/100022233344455/?__cft__[0]=AZ', CTX, '<script>alert("comment")</script> in! really'],
      ['comment', 'Ñ'.repeat(250) + 'a'.repeat(250), 'https://web.facebook.com/groups/4455667788/user/100033344455566/', CTX, 'no avatar, very long name'],
      ['comment', 'Script Link', 'javascript:alert(document.cookie)', CTX, 'javascript: as a profile link'],
      ['comment', 'Foreign Host', 'https://evil.example/ana.souza', CTX, 'a link to another site'],
    ]);
    expect(found[1]!.avatarUrl).toBeUndefined();
    expect((globalThis as { __fbPwned?: number }).__fbPwned).toBeUndefined();
  });
});

describe('facebook: reactions dialog', () => {
  it('finds each person in the dialog, not the tabs nor the post behind it', () => {
    const { doc, page } = loadFixture('facebook', 'reactions-dialog.html');
    const CTX = `${FB}/carla.mendes.wellness/posts/pfbid0Fam1ly`;
    const found = findPeople(facebook, doc, page);
    expect(brief(found)).toEqual([
      ['reaction', 'Lucas Pereira', `${FB}/lucas.pereira.77?__cft__[0]=AZY&__tn__=-R`, CTX],
      ['reaction', 'Zoë Müller', `${FB}/profile.php?id=100044455566677&__cft__[0]=AZY`, CTX],
      ['reaction', 'Ana Souza', `${FB}/ana.souza.1988?__cft__[0]=AZY`, CTX],
    ]);
    expect(found.map((f) => f.avatarUrl)).toEqual([
      'https://scontent.xx.fbcdn.net/v/t39.30808-1/lucas.jpg',
      'https://scontent.xx.fbcdn.net/v/t39.30808-1/zoe.jpg',
      'https://scontent.xx.fbcdn.net/v/t39.30808-1/ana_s.jpg',
    ]);
    expect(pageTypesOn(facebook, doc)).toEqual(['reactions dialog']);
  });

  it('on m.facebook.com skips a Page and an event, keeps a hostile name literal', () => {
    const { doc, page } = loadFixture('facebook', 'reactions-dialog-mobile.html');
    const CTX = 'https://m.facebook.com/ufi/reaction/profile/browser/?ft_ent_identifier=5550001&av=0';
    const found = findPeople(facebook, doc, page);
    expect(brief(found)).toEqual([
      ['reaction', 'Mei Chen', 'https://m.facebook.com/mei.chen.fit/', CTX],
      ['reaction', '<i>Ital</i> Ivy', 'https://m.facebook.com/profile.php?id=100055566677788', CTX],
    ]);
    expect(found[0]!.avatarUrl).toBe('https://scontent.xx.fbcdn.net/v/t39.30808-1/mei2.jpg');
    expect(found[1]!.avatarUrl).toBeUndefined();
  });
});

describe('facebook: Messenger threads', () => {
  it('on facebook.com/messages/t/ reads partner, directions and the times shown', () => {
    const { doc, page } = loadFixture('facebook', 'messages-thread.html');
    const THREAD = `${FB}/messages/t/100012345678901`;
    expect(brief(findPeople(facebook, doc, page))).toEqual([['dm', 'Ana Souza', `${FB}/ana.souza.1988/`, THREAD]]);
    expect(readThread(facebook, doc, page)).toEqual([
      { direction: 'outbound', at: undefined, id: undefined, text: 'Hi Ana! Thanks for your comment. Want me to send you the details?' },
      { direction: 'inbound', at: undefined, id: undefined, text: 'Yes please! Is it for beginners?' },
      { direction: 'outbound', at: 1747039560000, id: undefined, text: 'Absolutely. example.com has the plan.' },
      { direction: 'inbound', at: undefined, id: undefined, text: 'Thursday 7pm works 👍' },
    ]);
    const partner = facebook.dm!.partner(doc, page)!;
    expect([partner.name, partner.profileUrl, partner.contextUrl, partner.avatarUrl]).toEqual([
      'Ana Souza', 'https://www.facebook.com/ana.souza.1988/', THREAD, 'https://scontent.xx.fbcdn.net/v/t39.30808-1/ana_s.jpg',
    ]);
    expect(pageTypesOn(facebook, doc)).toEqual(['messenger thread']);
  });

  it('on messenger.com/t/ takes the facebook.com profile, not the thread link', () => {
    const { doc, page } = loadFixture('facebook', 'messenger-com-thread.html');
    const THREAD = 'https://www.messenger.com/t/7712345678901234';
    expect(brief(findPeople(facebook, doc, page))).toEqual([
      ['dm', 'José García', 'https://www.facebook.com/profile.php?id=100012345000111', THREAD],
    ]);
    expect(readThread(facebook, doc, page).map((m) => [m.direction, m.text])).toEqual([
      ['inbound', '¿Hola! <b>sigue</b> disponible?'],
      ['outbound', '¡Sí! Te cuento más.'],
    ]);
  });

  it('an encrypted thread (2025 components, Spanish): the name from the header heading, not the sender headings nor the quoted message', () => {
    const { doc, page } = loadFixture('facebook', 'messages-e2ee-thread.html');
    const THREAD = `${FB}/messages/e2ee/t/7766554433221100`;
    expect(brief(findPeople(facebook, doc, page))).toEqual([['dm', 'Lucía Martín', `${FB}/lucia.martin.es/`, THREAD]]);
    expect(readThread(facebook, doc, page)).toEqual([
      { direction: 'inbound', at: undefined, id: 'mid.$gAAfixtureE01', text: 'Hola, vi tu publicación del reto 🙌 ¿sigue abierto?' },
      { direction: 'outbound', at: undefined, id: 'mid.$gAAfixtureE02', text: '¡Sí! Empieza el lunes. ¿Te mando los detalles?' },
      { direction: 'inbound', at: undefined, id: 'mid.$gAAfixtureE03', text: 'Sí, por favor 😊' },
    ]);
    expect(facebook.dm!.partner(doc, page)!.avatarUrl).toBe('https://scontent.xx.fbcdn.net/v/t39.30808-1/lucia_m.jpg');
    expect(pageTypesOn(facebook, doc)).toEqual(['messenger thread']);
  });

  it('finds no partner outside a thread page', () => {
    const { doc, page } = loadFixture('facebook', 'post-comments.html');
    expect(facebook.dm!.partner(doc, page)).toBeNull();
  });
});

describe('facebook: profile link shapes', () => {
  const page = new URL('https://www.facebook.com/');
  it.each([
    ['/ana.souza.1988', true],
    ['/profile.php?id=100012345678901', true],
    ['/profile.php?id=abc', false],
    ['/people/Ana-Souza/100012345678901/', true],
    ['/groups/123/user/100012345678901/', true],
    ['/groups/123/', false],
    ['/groups/123/posts/456/', false],
    ['/hashtag/fitness', false],
    ['/events/123/', false],
    ['/watch/?v=1', false],
    ['/pages/Sunny/123', false],
    ['/ana.souza/posts/pfbid0', false],
    ['https://www.messenger.com/t/123/', false],
    ['javascript:alert(1)', true],
    ['https://evil.example/x', true],
  ])('%s → %s', (href, person) => {
    expect(isFacebookPersonHref(href, page)).toBe(person);
  });
});

describe('facebook: a group feed', () => {
  it('finds commenters and repliers under every post, the group as author is no one', () => {
    const { doc, page } = loadFixture('facebook', 'group-feed.html');
    const G = `${FB}/groups/2233445566`;
    expect(brief(findPeople(facebook, doc, page))).toEqual([
      ['comment', 'Lucas Pereira', `${FB}/groups/2233445566/user/100055500011122/?__cft__[0]=AZq`, `${G}/posts/7766554433/`, 'I want it! 🙋'],
      ['comment', 'Ivy Okafor', `${FB}/ivy.okafor.fit?comment_id=32&reply_comment_id=33`, `${G}/posts/7766554433/`, 'Same, send it to me too'],
      ['comment', 'Hana Sato', `${FB}/groups/2233445566/user/100077766655544/`, `${G}/posts/7766554400/`, 'Me! Day 2 here.'],
    ]);
    expect(pageTypesOn(facebook, doc)).toEqual(['post comments']);
  });
});

describe('facebook: comments where the post is no article, labelled in any language', () => {
  it('in the home feed (Dutch labels): top-level comments and the reply, with the feed item\'s post as context; the user is no one', () => {
    const { doc, page } = loadFixture('facebook', 'feed-comments-no-article.html');
    const POST_NL = `${FB}/carla.mendes.wellness/posts/pfbid0NLfeed7`;
    const found = findPeople(facebook, doc, page);
    expect(brief(found)).toEqual([
      ['comment', 'Joëlle Ngono', `${FB}/profile.php?id=100061234500077&comment_id=Y29tbWVudDo3NzI%3D&reply_comment_id=772`, POST_NL, 'Om 7 uur ☕ tot morgen!'],
      ['comment', 'Sanne de Vries', `${FB}/sanne.devries.nl?comment_id=Y29tbWVudDo3NzE%3D&__cft__[0]=AZW1&__tn__=R]-R`, POST_NL, 'Ik doe mee! Hoe laat begint het?'],
      ['comment', 'Bram Peeters', `${FB}/bram.peeters.be?comment_id=Y29tbWVudDo3NzM%3D&__cft__[0]=AZW1`, POST_NL, 'Interesse! 🙋‍♂️ Stuur je me de details?'],
    ]);
    expect(found[1]!.avatarUrl).toBe('https://scontent.xx.fbcdn.net/v/t39.30808-1/sanne.jpg?stp=cp0_dst-jpg');
    expect(pageTypesOn(facebook, doc)).toEqual(['post comments', 'feed comments']);
  });

  it('on a group post page (Slovak labels): commenters and the replier; the group commenting and a hashtag are no one', () => {
    const { doc, page } = loadFixture('facebook', 'group-post-comments-sk.html');
    const POST_SK = `${FB}/groups/5566778899/posts/1122334455/`;
    const found = findPeople(facebook, doc, page);
    expect(brief(found)).toEqual([
      ['comment', 'Zuzana Kováčová 🌸', `${FB}/zuzka.kovacova?comment_id=882&reply_comment_id=883`, POST_SK, 'Aj ja, pošli mi detaily prosím'],
      ['comment', 'Tomáš Horváth', `${FB}/groups/5566778899/user/100080000333444/?__cft__[0]=AZs&__tn__=R]-R`, POST_SK, 'Ja! Pridám sa v sobotu. #rannybeh'],
      ['comment', 'Peter Novák', `${FB}/profile.php?id=100090000555666&comment_id=884`, POST_SK, 'Koľko to stojí?'],
    ]);
    expect(found[2]!.avatarUrl).toBe('https://scontent.xx.fbcdn.net/v/t39.30808-1/peter.jpg');
  });
});

describe('facebook: m.facebook.com', () => {
  it('touch layout: commenters and the inline reply, the story as context without tracking, action links are no one', () => {
    const { doc, page } = loadFixture('facebook', 'touch-comments.html');
    const M = 'https://m.facebook.com';
    const STORY = `${M}/story.php?story_fbid=pfbid0TouchAb12&id=100070000111222`;
    const found = findPeople(facebook, doc, page);
    expect(brief(found)).toEqual([
      ['comment', 'Ana Souza', `${M}/ana.souza.1988?refid=52&__tn__=R`, STORY, 'Quero participar! 🙋‍♀️'],
      ['comment', 'João Pedro Araújo', `${M}/profile.php?id=100012345000002&refid=52&__tn__=R`, STORY, 'Eu também! Quanto custa?'],
      ['comment', 'Lúcia Ferreira', `${M}/lucia.ferreira.fit?refid=52&__tn__=R`, STORY, 'Me manda no privado, por favor'],
    ]);
    expect(found[0]!.avatarUrl).toBe('https://scontent.xx.fbcdn.net/v/t39.30808-1/ana_touch.jpg');
    expect(pageTypesOn(facebook, doc)).toEqual(['touch comments']);
  });

  it('reactions as a full page: each row once, not the tabs, "Add Friend" or "See More"', () => {
    const { doc, page } = loadFixture('facebook', 'reactions-page.html');
    const M = 'https://m.facebook.com';
    const CTX = `${M}/ufi/reaction/profile/browser/?ft_ent_identifier=7788990011&refid=52`;
    const found = findPeople(facebook, doc, page);
    expect(brief(found)).toEqual([
      ['reaction', 'Hana Sato', `${M}/hana.sato.run?fref=pb&refid=52`, CTX],
      ['reaction', 'Łukasz Wiśniewski', `${M}/profile.php?id=100023450000002&fref=pb&refid=52`, CTX],
      ['reaction', 'Amara Diallo ✨', `${M}/amara.diallo.coach?fref=pb&refid=52`, CTX],
    ]);
    expect(found[1]!.avatarUrl).toBe('https://scontent.xx.fbcdn.net/v/t39.30808-1/lukasz.jpg');
    expect(pageTypesOn(facebook, doc)).toEqual(['reactions page']);
  });
});
