// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isLinkedInPersonHref, linkedin } from '../../../src/content/sites/linkedin';
import { brief, findPeople, loadFixture, pageTypesOn, readThread } from './helpers';

const LI = 'https://www.linkedin.com';
const POST = `${LI}/feed/update/urn:li:activity:7190000000000000001/`;

describe('linkedin: comments and replies', () => {
  it('finds commenters and the reply with the post named by the comment urn; skips a company', () => {
    const { doc, page } = loadFixture('linkedin', 'post-comments.html');
    const found = findPeople(linkedin, doc, page);
    expect(brief(found)).toEqual([
      ['comment', 'Ana Souza', `${LI}/in/ana-souza-7a1b2c/`, POST, 'Yes please! Send me the details 🙋‍♀️'],
      ['comment', 'Mei Chen', `${LI}/in/mei-chen-fit/`, POST, 'Same here — Ana Souza let’s do it'],
      ['comment', 'José García', `${LI}/in/jos%C3%A9-garc%C3%ADa-mx/`, POST, '¿Cuánto cuesta?'],
    ]);
    expect(found[0]!.avatarUrl).toMatch(/^https:\/\/media\.licdn\.com\/dms\/image\/v2\/D4D03AQ7190000000000000101\//);
    expect(pageTypesOn(linkedin, doc)).toEqual(['post comments']);
    const first = doc.querySelector('article[data-id]')!;
    expect(linkedin.people[0]!.extract(first, page)!.anchor.getAttribute('class')).toBe('comments-comment-meta__description-container');
    expect(linkedin.postUrlOf!(first, page)).toBe(POST);
  });

  it('older markup on a /posts/ URL: aria-hidden name, hostile text literal, odd links as found, school and deleted member skipped', () => {
    const { doc, page } = loadFixture('linkedin', 'post-comments-hostile.html');
    const UGC = `${LI}/feed/update/urn:li:ugcPost:7100000000000000001/`;
    const found = findPeople(linkedin, doc, page);
    expect(brief(found)).toEqual([
      ['comment', '<b>Bold</b> Ben', `${LI}/in/bold-ben/`, UGC, '<script>alert(1)</script> in'],
      ['comment', 'K'.repeat(500), `${LI}/in/long-name/`, UGC, 'no avatar'],
      ['comment', 'Script', 'javascript:alert(1)', UGC, 'js'],
      ['comment', 'Foreign', 'https://evil.example/in/x/', UGC, 'foreign'],
    ]);
    expect(found[1]!.avatarUrl).toBeUndefined();
    expect((globalThis as { __liPwned?: number }).__liPwned).toBeUndefined();
  });
});

describe('linkedin: the server-driven UI (componentkey, data-testid; no article, no data-id)', () => {
  it('finds commenters and the nested reply once each, with the post from the comment urn; skips a company and the mention', () => {
    const { doc, page } = loadFixture('linkedin', 'post-comments-sdui.html');
    const found = findPeople(linkedin, doc, page);
    expect(brief(found)).toEqual([
      ['comment', 'Ingrid Solberg', `${LI}/in/ingrid-solberg-no/`, POST, 'Count me in! When does it start? 🙌'],
      ['comment', 'Tomáš Novák', `${LI}/in/tomas-novak-cz/`, POST, 'Same question as Ingrid Solberg — is there a weekend group?'],
      ['comment', 'Amara Okafor ✨', `${LI}/in/amara-okafor-47b2a1/`, POST, 'Interested — please DM me the details.'],
    ]);
    expect(found[1]!.avatarUrl).toMatch(/^https:\/\/media\.licdn\.com\/dms\/image\/v2\/D4E03AQ7190000000000000202\//);
    expect(pageTypesOn(linkedin, doc)).toEqual(['post comments']);
    const reply = doc.querySelectorAll('[componentkey$="7190000000000000202)"]')[0]!;
    const p = linkedin.people.find((v) => v.id === 'comment-sdui-componentkey')!.extract(reply, page)!;
    // The chip goes after the name link, not the avatar; the name stops before the badge and degree.
    expect([p.anchor.textContent, p.name]).toEqual(['Tomáš NovákVerified Profile • 3rd+Running coach', 'Tomáš Novák']);
    expect(linkedin.postUrlOf!(reply, page)).toBe(POST);
  });

  it('reads the reactions list that has no role=dialog: an aria-modal list of /in/ rows; skips a company', () => {
    const { doc, page } = loadFixture('linkedin', 'reactions-sdui.html');
    const found = findPeople(linkedin, doc, page);
    expect(brief(found)).toEqual([
      ['reaction', 'Ingrid Solberg', `${LI}/in/ingrid-solberg-no/`, POST],
      ['reaction', 'Björn Åkesson', `${LI}/in/bjorn-%C3%A5kesson/`, POST],
      ['reaction', 'Amara Okafor ✨', `${LI}/in/amara-okafor-47b2a1/`, POST],
    ]);
    expect(found.every((f) => f.avatarUrl?.startsWith('https://media.licdn.com/dms/image/'))).toBe(true);
    expect(pageTypesOn(linkedin, doc)).toEqual(['reactions list']);
  });
});

describe('linkedin: reactions list', () => {
  it('reads each reactor row, skips a company', () => {
    const { doc, page } = loadFixture('linkedin', 'reactions.html');
    const found = findPeople(linkedin, doc, page);
    expect(brief(found)).toEqual([
      ['reaction', 'Lucas Pereira', `${LI}/in/lucas-pereira-br/`, POST],
      ['reaction', 'Zoë Müller', `${LI}/in/zoe-muller-yoga/`, POST],
    ]);
    expect(found.every((f) => f.avatarUrl?.startsWith('https://media.licdn.com/'))).toBe(true);
    expect(pageTypesOn(linkedin, doc)).toEqual(['reactions list']);
  });

  it('over the feed: page as context, hostile name literal, no avatar, a showcase page skipped', () => {
    const { doc, page } = loadFixture('linkedin', 'reactions-hostile.html');
    const found = findPeople(linkedin, doc, page);
    expect(brief(found)).toEqual([
      ['reaction', 'Ana Souza', `${LI}/in/ana-souza-7a1b2c/`, `${LI}/feed/`],
      ['reaction', '<i>Ital</i> Ivy', `${LI}/in/ital-ivy/`, `${LI}/feed/`],
    ]);
    expect(found[1]!.avatarUrl).toBeUndefined();
  });
});

describe('linkedin: messaging', () => {
  it('reads partner, directions, ids and the one real time', () => {
    const { doc, page } = loadFixture('linkedin', 'messaging-thread.html');
    const THREAD = `${LI}/messaging/thread/2-YWJjZGVmZ2hpams=/`;
    expect(brief(findPeople(linkedin, doc, page))).toEqual([['dm', 'Ana Souza', `${LI}/in/ana-souza-7a1b2c/`, THREAD]]);
    expect(readThread(linkedin, doc, page)).toEqual([
      { direction: 'outbound', at: undefined, id: 'urn:li:messagingMessage:2-MTAwMQ==', text: 'Hi Ana! Thanks for your comment — want the details?' },
      { direction: 'inbound', at: undefined, id: 'urn:li:messagingMessage:2-MTAwMg==', text: 'Yes please! Is it for beginners?' },
      { direction: 'inbound', at: undefined, id: 'urn:li:messagingMessage:2-MTAwMw==', text: 'And how long does it take?' },
      { direction: 'outbound', at: Date.parse('2025-05-12T08:26:00Z'), id: 'urn:li:messagingMessage:2-MTAwNA==', text: 'Absolutely, 10 minutes. Call Thursday?' },
    ]);
    expect(pageTypesOn(linkedin, doc)).toEqual(['messaging thread']);
  });

  it('reads the partner from the profile card, not the nav nor the conversation list; hostile text literal', () => {
    const { doc, page } = loadFixture('linkedin', 'messaging-thread-hostile.html');
    const p = linkedin.dm!.partner(doc, page)!;
    expect([p.name, p.profileUrl, p.contextUrl]).toEqual(['José García', '/in/jos%C3%A9-garc%C3%ADa-mx/', `${LI}/messaging/thread/2-SG9zdGlsZQ==/`]);
    expect(readThread(linkedin, doc, page).map((m) => [m.direction, m.text])).toEqual([
      ['inbound', '<b>¿Hola!</b> disponible?'],
      ['outbound', '¡Sí!'],
    ]);
  });
});

describe('linkedin: messaging overlay bubbles', () => {
  it('reads the bubble header as the partner over the feed, and the bubble messages against them; never as reactions', () => {
    const { doc, page } = loadFixture('linkedin', 'messaging-overlay.html');
    expect(brief(findPeople(linkedin, doc, page))).toEqual([['dm', 'Rafael Ibáñez', `${LI}/in/rafael-iba%C3%B1ez-es/`, `${LI}/feed/`]]);
    const p = linkedin.dm!.partner(doc, page)!;
    expect([p.name, p.profileUrl, p.avatarUrl]).toEqual([
      'Rafael Ibáñez',
      'https://www.linkedin.com/in/rafael-iba%C3%B1ez-es/',
      'https://media.licdn.com/dms/image/v2/D4D03AQ7190000000000000301/profile-displayphoto-shrink_100_100/0/1700000000000?e=1750000000&v=beta&t=o',
    ]);
    expect(readThread(linkedin, doc, page).map((m) => [m.direction, m.id, m.text])).toEqual([
      ['inbound', 'urn:li:messagingMessage:2-UkFGQTAx', 'Hola Carla, ¿el programa funciona para turnos de noche?'],
      ['outbound', 'urn:li:messagingMessage:2-UkFGQTAy', '¡Claro! Te explico en una llamada corta.'],
    ]);
  });

  it('with two bubbles open, the messages wait: whose they are is not known', () => {
    const { doc, page } = loadFixture('linkedin', 'messaging-overlay.html');
    const bubble = doc.querySelector('.msg-overlay-conversation-bubble')!;
    bubble.after(bubble.cloneNode(true));
    expect(linkedin.dm!.partner(doc, page)).toBeNull();
  });
});

describe('linkedin: profile link shapes', () => {
  const page = new URL(`${LI}/feed/`);
  it.each([
    ['/in/ana-souza-7a1b2c/', true],
    ['https://www.linkedin.com/in/ana/?miniProfileUrn=x', true],
    ['/company/acme/', false],
    ['/school/uni/', false],
    ['/showcase/x/', false],
    ['/feed/update/urn:li:activity:1/', false],
    ['javascript:alert(1)', true],
  ])('%s → %s', (href, person) => expect(isLinkedInPersonHref(href, page)).toBe(person));
});
