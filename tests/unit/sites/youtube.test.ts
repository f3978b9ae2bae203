// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isYouTubePersonHref, youtube } from '../../../src/content/sites/youtube';
import { brief, findPeople, loadFixture, pageTypesOn } from './helpers';

const YT = 'https://www.youtube.com';

describe('youtube: comments and replies (ytd-comment-view-model)', () => {
  const { doc, page } = loadFixture('youtube', 'watch-comments.html');
  const VIDEO = `${YT}/watch?v=dQw4w9WgXcQ`;

  it('finds every commenter and replier with the video (no list, no time) as context', () => {
    const found = findPeople(youtube, doc, page);
    expect(brief(found)).toEqual([
      ['comment', '@AnaSouzaFit', `${YT}/@AnaSouzaFit`, VIDEO, 'Yes please! Where do I sign up? 🙋‍♀️'],
      ['comment', '@CarlaMendesWellness', `${YT}/@CarlaMendesWellness`, VIDEO, 'Link in my bio, Ana!'],
      ['comment', '@mei.chen', `${YT}/@mei.chen`, VIDEO, 'Same here!'],
      ['comment', 'José García', `${YT}/channel/UCxJ9a8b7c6d5e4f3g2h1i0j`, VIDEO, 'Me interesa, ¿funciona para principiantes?'],
    ]);
    expect(found[0]!.avatarUrl).toBe('https://yt3.ggpht.com/ytc/ana=s88-c-k');
    expect(pageTypesOn(youtube, doc)).toEqual(['video comments']);
    expect(youtube.postUrlOf!(doc.body, page)).toBe(VIDEO);
  });

  it('anchors on #author-text', () => {
    const el = doc.querySelector('ytd-comment-view-model')!;
    expect(youtube.people[0]!.extract(el, page)!.anchor.id).toBe('author-text');
  });
});

describe('youtube: older ytd-comment-renderer on a Short, hostile cases', () => {
  it('keeps text literal, drops script text, keeps odd links, skips a non-channel link', () => {
    const { doc, page } = loadFixture('youtube', 'watch-comments-legacy.html');
    const SHORT = `${YT}/shorts/abcDEF12345`;
    const found = findPeople(youtube, doc, page);
    expect(brief(found)).toEqual([
      ['comment', '<b>Bold</b> Ben', `${YT}/@bold_ben`, SHORT, '<script>alert(1)</script> nice'],
      ['comment', 'L'.repeat(500), `${YT}/user/longname`, SHORT, 'no avatar'],
      ['comment', 'Script', 'javascript:alert(1)', SHORT, 'js'],
      ['comment', 'Foreign', 'https://evil.example/@x', SHORT, 'foreign'],
    ]);
    expect(found[1]!.avatarUrl).toBeUndefined();
    expect((globalThis as { __ytPwned?: number }).__ytPwned).toBeUndefined();
  });
});

describe('youtube: m.youtube.com class-named comments, the name as plain text and the avatar the only link', () => {
  const { doc, page } = loadFixture('youtube', 'mobile-comments.html');
  const MY = 'https://m.youtube.com';
  const VIDEO = `${MY}/watch?v=kJQP7kiw5Fk`;

  it('finds every commenter and the replier by their avatar link, named by the plain-text title, with the video as context', () => {
    const found = findPeople(youtube, doc, page);
    expect(brief(found)).toEqual([
      ['comment', '@LuciaFerreira', `${MY}/@LuciaFerreira`, VIDEO, 'Quero participar! Como faço? 🙋‍♀️'],
      ['comment', '@kenji_tanaka', `${MY}/@kenji_tanaka`, VIDEO, 'Eu também, @LuciaFerreira manda o link aqui'],
      ['comment', '@joséluis.ramírez', `${MY}/@jos%C3%A9luis.ram%C3%ADrez`, VIDEO, 'Funciona para iniciantes? 💪🔥'],
      ['comment', 'Amara Okafor', `${MY}/channel/UCq7dE9bNm3Pz5Lr8vWx2kYa`, VIDEO, 'Salvando pra ver depois 📌'],
    ]);
    expect(found[0]!.avatarUrl).toBe('https://yt3.ggpht.com/ytc/lucia=s48-c-k-c0x00ffffff-no-rj');
    expect(found[3]!.avatarUrl).toBeUndefined();
    expect(pageTypesOn(youtube, doc)).toEqual(['mobile video comments']);
    expect(youtube.postUrlOf!(doc.body, page)).toBe(VIDEO);
  });

  it('puts the chip after the avatar link, outside the page\'s button and its aria-hidden name', () => {
    const el = doc.querySelector('ytm-comment-renderer')!;
    const anchor = youtube.people.find((p) => p.id === 'mobile-comment-avatar-link')!.extract(el, page)!.anchor;
    expect(anchor.matches('a.YtmCommentRendererIconContainer')).toBe(true);
    expect(anchor.closest('button, [aria-hidden="true"]')).toBeNull();
  });

  it('names a person by the avatar\'s label when the title is not there', () => {
    const copy = doc.cloneNode(true) as Document;
    copy.querySelectorAll('.YtmCommentRendererTitle').forEach((t) => t.remove());
    expect(findPeople(youtube, copy, page).map((f) => f.name)).toEqual(['@LuciaFerreira', '@kenji_tanaka', '@joséluis.ramírez', 'Amara Okafor']);
  });
});

describe('youtube: channel link shapes', () => {
  const page = new URL(`${YT}/watch?v=x`);
  it.each([
    ['/@handle', true],
    ['/@José', true],
    ['/channel/UCxJ9a8b7c6d5e4f3g2h1i0j', true],
    ['/c/SomeName', true],
    ['/user/someone', true],
    ['/watch?v=zzz', false],
    ['/playlist?list=PL1', false],
    ['/hashtag/morning', false],
  ])('%s → %s', (href, person) => expect(isYouTubePersonHref(href, page)).toBe(person));
});
