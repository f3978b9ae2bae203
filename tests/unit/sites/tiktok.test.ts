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
