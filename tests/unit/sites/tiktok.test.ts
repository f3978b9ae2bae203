// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isTikTokPersonHref, tiktok } from '../../../src/content/sites/tiktok';
import { brief, findPeople, loadFixture, pageTypesOn } from './helpers';

const TT = 'https://www.tiktok.com';
const CDN = 'https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068';

describe('tiktok: comments and replies', () => {
  const { doc, page } = loadFixture('tiktok', 'video-comments.html');
  const VIDEO = `${TT}/@carlamendes/video/7370000000000000001`;

  it('finds commenters and repliers through data-e2e hooks, with the video as context', () => {
    const found = findPeople(tiktok, doc, page);
    expect(brief(found)).toEqual([
      ['comment', 'Ana Souza', `${TT}/@ana.souza`, VIDEO, 'Yes please 🙋‍♀️ how do I join?'],
      ['comment', 'Carla Mendes', `${TT}/@carlamendes`, VIDEO, 'Sent you a DM!'],
      ['comment', 'Mei Chen', `${TT}/@mei_chen`, VIDEO, 'me too!!'],
      ['comment', 'José García', `${TT}/@josegarcia`, VIDEO, 'Me interesa 🔥'],
    ]);
    expect(found.map((f) => f.avatarUrl)).toEqual([
      `${CDN}/ana.souza~c5_100x100.jpeg`,
      `${CDN}/carlamendes~c5_100x100.jpeg`,
      `${CDN}/mei_chen~c5_100x100.jpeg`,
      `${CDN}/josegarcia~c5_100x100.jpeg`,
    ]);
    expect(pageTypesOn(tiktok, doc)).toEqual(['video comments']);
    expect(tiktok.postUrlOf!(doc.body, page)).toBe(VIDEO);
  });
});

describe('tiktok: the profile link around the username element (2023 markup)', () => {
  const { doc, page } = loadFixture('tiktok', 'video-comments-link-around-username.html');
  const VIDEO = `${TT}/@carlamendes/video/7260000000000000003`;

  it('finds commenters and the replier through the link that wraps comment-username-1/2, and not the @mention in a comment', () => {
    const found = findPeople(tiktok, doc, page);
    expect(brief(found)).toEqual([
      ['comment', 'Lúcia Ferreira 🌸', `${TT}/@lucia.ferreira`, VIDEO, 'Quero saber mais! Como funciona? 🙋‍♀️'],
      ['comment', 'Carla Mendes', `${TT}/@carlamendes`, VIDEO, 'Te mandei uma DM, Lúcia!'],
      ['comment', 'عمر حداد', `${TT}/@omar.haddad`, VIDEO, 'How much is the program? @Carla Mendes please tell me'],
      ['comment', 'Mei Chen', `${TT}/@mei_chen`, VIDEO, 'me too!!'],
    ]);
    expect(found.map((f) => f.avatarUrl)).toEqual([
      `${CDN}/lucia.ferreira~c5_100x100.jpeg`,
      `${CDN}/carlamendes~c5_100x100.jpeg`,
      `${CDN}/omar.haddad~c5_100x100.jpeg`,
      undefined,
    ]);
    expect(pageTypesOn(tiktok, doc)).toEqual(['video comments']);
  });

  it('anchors the chip on the name link, after the span', () => {
    const user = doc.querySelector('[data-e2e="comment-username-1"]')!;
    const read = tiktok.people.map((p) => p.extract(user, page));
    expect(read.filter((r) => r !== null)).toHaveLength(1);
    expect(read.find((r) => r !== null)!.anchor).toBe(user.parentElement);
  });
});

describe('tiktok: the profile link is the username element (photo post)', () => {
  const { doc, page } = loadFixture('tiktok', 'photo-comments-link-on-username.html');
  const PHOTO = `${TT}/@carlamendes/photo/7400000000000000004`;

  it('finds the commenters and the replier on a[data-e2e=comment-username-*], with the photo post as context', () => {
    const found = findPeople(tiktok, doc, page);
    expect(brief(found)).toEqual([
      ['comment', 'Zoë Müller', `${TT}/@zoe.mueller`, PHOTO, 'Wie kann ich mitmachen? 😍'],
      ['comment', 'Kwame Mensah 🇬🇭', `${TT}/@kwame.mensah`, PHOTO, 'Same question here'],
      ['comment', 'Ana Souza', `${TT}/@ana.souza`, PHOTO, 'Quero! 🙋‍♀️'],
    ]);
    expect(found.map((f) => f.avatarUrl)).toEqual([
      `${CDN}/zoe.mueller~tplv-tiktokx-cropcenter:100:100.jpeg`,
      `${CDN}/kwame.mensah~tplv-tiktokx-cropcenter:100:100.jpeg`,
      undefined,
    ]);
    expect(tiktok.postUrlOf!(doc.body, page)).toBe(PHOTO);
  });

  it('reads each username element by exactly one placement', () => {
    for (const user of Array.from(doc.querySelectorAll('[data-e2e^="comment-username-"]'))) {
      expect(tiktok.people.filter((p) => user.matches(p.selector) && p.extract(user, page) !== null)).toHaveLength(1);
    }
  });
});

describe('tiktok: hostile comments', () => {
  it('keeps text literal, drops script text, keeps odd links as found, skips tag and music links', () => {
    const { doc, page } = loadFixture('tiktok', 'video-comments-hostile.html');
    const VIDEO = `${TT}/@carlamendes/video/7370000000000000002`;
    const found = findPeople(tiktok, doc, page);
    expect(brief(found)).toEqual([
      ['comment', '<b>Bold</b> Ben', `${TT}/@bold_ben`, VIDEO, '<img src=x onerror=alert(1)> ok'],
      ['comment', 'T'.repeat(500), `${TT}/@longname`, VIDEO, 'no avatar'],
      ['comment', 'Script', 'javascript:alert(1)', VIDEO, 'js'],
      ['comment', 'Foreign', 'https://evil.example/@x', VIDEO, 'foreign'],
    ]);
    expect(found[1]!.avatarUrl).toBeUndefined();
    expect((globalThis as { __ttPwned?: number }).__ttPwned).toBeUndefined();
  });
});

describe('tiktok: profile link shapes', () => {
  const page = new URL(`${TT}/`);
  it.each([
    ['/@ana.souza', true],
    ['https://www.tiktok.com/@ana.souza?lang=en', true],
    ['/@carlamendes/video/1', false],
    ['/tag/morning', false],
    ['/music/original-sound-1', false],
  ])('%s → %s', (href, person) => expect(isTikTokPersonHref(href, page)).toBe(person));
});
