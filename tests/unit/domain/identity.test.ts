import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isProfileUrlOf, postKeyOf, profileOf, siteOfHost } from '../../../src/domain/identity';
import { Identity, type Site } from '../../../src/domain/types';

describe('siteOfHost', () => {
  it.each<[string, Site | null]>([
    ['facebook.com', 'facebook'],
    ['www.facebook.com', 'facebook'],
    ['m.facebook.com', 'facebook'],
    ['mbasic.facebook.com', 'facebook'],
    ['mobile.facebook.com', 'facebook'],
    ['web.facebook.com', 'facebook'],
    ['fb.com', 'facebook'],
    ['www.messenger.com', 'facebook'],
    ['messenger.com', 'facebook'],
    ['WWW.FACEBOOK.COM', 'facebook'],
    ['www.facebook.com.', 'facebook'],
    ['instagram.com', 'instagram'],
    ['www.instagram.com', 'instagram'],
    ['linkedin.com', 'linkedin'],
    ['www.linkedin.com', 'linkedin'],
    ['de.linkedin.com', 'linkedin'],
    ['m.linkedin.com', 'linkedin'],
    ['x.com', 'x'],
    ['twitter.com', 'x'],
    ['mobile.twitter.com', 'x'],
    ['www.youtube.com', 'youtube'],
    ['m.youtube.com', 'youtube'],
    ['youtube.com', 'youtube'],
    ['www.tiktok.com', 'tiktok'],
    ['tiktok.com', 'tiktok'],
    ['127.0.0.1', 'demo'],
    ['127.0.0.1:5173', 'demo'],
    ['localhost', 'demo'],
    ['localhost:8080', 'demo'],
    ['facebook.com.evil.io', null],
    ['notfacebook.com', null],
    ['facebook.co', null],
    ['evil-instagram.com', null],
    ['linkedin.com.phish.net', null],
    ['xx.co', null],
    ['box.com', null],
    ['twitter.com.example', null],
    ['youtube.co.uk.evil', null],
    ['localhost.evil.com', null],
    ['127.0.0.2', null],
    ['', null],
  ])('%s → %s', (host, site) => {
    expect(siteOfHost(host)).toBe(site);
  });
});

type Row = [url: string, key: string | null];
const key = (url: string, base?: string) => profileOf(url, base)?.profileKey ?? null;

describe('profileOf: facebook', () => {
  it.each<Row>([
    ['https://www.facebook.com/john.smith', 'facebook:john.smith'],
    ['https://www.facebook.com/John.Smith/', 'facebook:john.smith'],
    ['https://m.facebook.com/john.smith?ref=bookmarks#top', 'facebook:john.smith'],
    ['https://mbasic.facebook.com/john.smith?refid=17', 'facebook:john.smith'],
    ['http://web.facebook.com/john.smith', 'facebook:john.smith'],
    ['https://www.facebook.com/zuck', 'facebook:zuck'],
    ['https://www.facebook.com/john.smith/about', 'facebook:john.smith'],
    ['https://www.facebook.com/john.smith/friends', 'facebook:john.smith'],
    ['https://www.facebook.com/profile.php?id=100012345678901', 'facebook:id:100012345678901'],
    ['https://m.facebook.com/profile.php?id=100012345678901&sk=photos&ref=xyz', 'facebook:id:100012345678901'],
    ['https://www.facebook.com/profile.php?sk=about&id=123', 'facebook:id:123'],
    ['https://www.facebook.com/people/Jane-Doe/100087654321/', 'facebook:id:100087654321'],
    ['https://www.facebook.com/groups/123456/user/100012345678901/', 'facebook:id:100012345678901'],
    ['https://www.facebook.com/groups/mygroup/user/555/?__cft__=abc', 'facebook:id:555'],
    ['https://www.messenger.com/t/100012345678901', 'facebook:id:100012345678901'],
    ['https://www.messenger.com/t/john.smith/', 'facebook:john.smith'],
    ['https://www.facebook.com/messages/t/100012345678901', 'facebook:id:100012345678901'],
    ['https://www.facebook.com/100012345678901', 'facebook:id:100012345678901'],
    ['https://fb.com/john.smith', 'facebook:john.smith'],
    // not people
    ['https://www.facebook.com/', null],
    ['https://www.facebook.com/profile.php', null],
    ['https://www.facebook.com/profile.php?id=abc', null],
    ['https://www.facebook.com/groups/123456/', null],
    ['https://www.facebook.com/groups/123456/posts/789/', null],
    ['https://www.facebook.com/pages/Some-Page/123', null],
    ['https://www.facebook.com/events/123/', null],
    ['https://www.facebook.com/watch/?v=123', null],
    ['https://www.facebook.com/marketplace/item/1', null],
    ['https://www.facebook.com/photo.php?fbid=1&set=a.2', null],
    ['https://www.facebook.com/story.php?story_fbid=1&id=2', null],
    ['https://www.facebook.com/permalink.php?story_fbid=1&id=2', null],
    ['https://www.facebook.com/hashtag/networkmarketing', null],
    ['https://www.facebook.com/reel/123', null],
    ['https://www.facebook.com/stories/123', null],
    ['https://www.facebook.com/notifications', null],
    ['https://www.facebook.com/settings', null],
    ['https://www.facebook.com/help', null],
    ['https://www.facebook.com/login/', null],
    ['https://www.facebook.com/friends', null],
    ['https://www.facebook.com/messages/', null],
    ['https://www.facebook.com/messages/t/', null],
    ['https://www.facebook.com/bookmarks', null],
    ['https://www.facebook.com/search/top?q=john', null],
    ['https://www.facebook.com/share/p/abc123/', null],
    ['https://www.facebook.com/sharer/sharer.php?u=x', null],
    ['https://www.facebook.com/sharer.php?u=x', null],
    ['https://www.facebook.com/gaming/', null],
    ['https://www.facebook.com/john.smith/posts/pfbid0abcDEF', null],
    ['https://www.facebook.com/john.smith/videos/12345/', null],
    ['https://www.facebook.com/me', null],
    ['https://www.facebook.com/favicon.ico', null],
    ['https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com', null],
    ['https://www.messenger.com/', null],
    ['https://www.facebook.com/john smith', null],
  ])('%s → %s', (url, k) => {
    expect(key(url)).toBe(k);
  });

  it('an id profile and its people/ and messenger forms are one person', () => {
    const keys = new Set(
      [
        'https://www.facebook.com/profile.php?id=42424242',
        'https://www.facebook.com/people/Ann-Lee/42424242',
        'https://www.messenger.com/t/42424242/',
        'https://www.facebook.com/messages/t/42424242',
        'https://www.facebook.com/groups/9/user/42424242/',
      ].map((u) => key(u)),
    );
    expect([...keys]).toEqual(['facebook:id:42424242']);
  });

  it('canonical URLs are clean https addresses', () => {
    expect(profileOf('http://m.facebook.com/profile.php?id=123&ref=x#a')?.canonicalUrl).toBe(
      'https://www.facebook.com/profile.php?id=123',
    );
    const v = profileOf('https://mbasic.facebook.com/John.Smith/?refid=1');
    expect(v?.canonicalUrl).toBe('https://www.facebook.com/john.smith');
    expect(v?.handle).toBe('john.smith');
    expect(profileOf('https://www.facebook.com/profile.php?id=123')?.handle).toBeUndefined();
  });
});

describe('profileOf: instagram', () => {
  it.each<Row>([
    ['https://www.instagram.com/jane_doe/', 'instagram:jane_doe'],
    ['https://instagram.com/Jane_Doe', 'instagram:jane_doe'],
    ['https://www.instagram.com/jane.doe?igsh=abc123', 'instagram:jane.doe'],
    ['https://www.instagram.com/jane.doe/#x', 'instagram:jane.doe'],
    ['https://www.instagram.com/jane.doe/tagged/', 'instagram:jane.doe'],
    ['https://www.instagram.com/jane.doe/reels/', 'instagram:jane.doe'],
    ['https://m.instagram.com/jane.doe/', 'instagram:jane.doe'],
    ['https://www.instagram.com/p/CxYz123AbC/', null],
    ['https://www.instagram.com/reel/CxYz123AbC/', null],
    ['https://www.instagram.com/reels/CxYz123AbC/', null],
    ['https://www.instagram.com/explore/tags/coaching/', null],
    ['https://www.instagram.com/stories/jane.doe/3123/', null],
    ['https://www.instagram.com/direct/inbox/', null],
    ['https://www.instagram.com/accounts/edit/', null],
    ['https://www.instagram.com/about/', null],
    ['https://www.instagram.com/developer/', null],
    ['https://www.instagram.com/legal/privacy/', null],
    ['https://www.instagram.com/tv/abc/', null],
    ['https://www.instagram.com/jane.doe/p/CxYz123AbC/', null],
    ['https://www.instagram.com/', null],
    ['https://www.instagram.com/jane-doe/', null],
  ])('%s → %s', (url, k) => {
    expect(key(url)).toBe(k);
  });

  it('canonical is https://www.instagram.com/<handle>/', () => {
    expect(profileOf('http://instagram.com/Jane.Doe?x=1')).toEqual({
      site: 'instagram',
      profileKey: 'instagram:jane.doe',
      canonicalUrl: 'https://www.instagram.com/jane.doe/',
      handle: 'jane.doe',
    });
  });
});

describe('profileOf: linkedin', () => {
  it.each<Row>([
    ['https://www.linkedin.com/in/jane-doe-12345/', 'linkedin:jane-doe-12345'],
    ['https://linkedin.com/in/Jane-Doe-12345', 'linkedin:jane-doe-12345'],
    ['https://de.linkedin.com/in/jane-doe-12345/de', 'linkedin:jane-doe-12345'],
    ['https://www.linkedin.com/in/jane-doe-12345/?locale=de_DE', 'linkedin:jane-doe-12345'],
    ['https://www.linkedin.com/in/jane-doe-12345/detail/contact-info/', 'linkedin:jane-doe-12345'],
    ['https://www.linkedin.com/in/jane-doe-12345/recent-activity/all/', 'linkedin:jane-doe-12345'],
    ['https://m.linkedin.com/in/jane-doe-12345', 'linkedin:jane-doe-12345'],
    ['https://www.linkedin.com/in/jane-doe-12345?miniProfileUrn=urn%3Ali%3Afs', 'linkedin:jane-doe-12345'],
    ['https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa/', 'linkedin:josé-garcía'],
    ['https://www.linkedin.com/in/José-García', 'linkedin:josé-garcía'],
    ['https://www.linkedin.com/in/ACoAABcdEfGhIjKlMnOpQrStUvWxYz0123456789', 'linkedin:ACoAABcdEfGhIjKlMnOpQrStUvWxYz0123456789'],
    ['https://www.linkedin.com/in/Acosta-Maria', 'linkedin:acosta-maria'],
    ['https://www.linkedin.com/company/acme/', null],
    ['https://www.linkedin.com/school/mit/', null],
    ['https://www.linkedin.com/feed/', null],
    ['https://www.linkedin.com/feed/update/urn:li:activity:123/', null],
    ['https://www.linkedin.com/posts/jane-doe_topic-activity-123-abcd', null],
    ['https://www.linkedin.com/in/', null],
    ['https://www.linkedin.com/jobs/view/123/', null],
    ['https://www.linkedin.com/', null],
  ])('%s → %s', (url, k) => {
    expect(key(url)).toBe(k);
  });

  it('percent-encoded and decoded slugs are one person; the decomposed form too', () => {
    const decomposed = 'https://www.linkedin.com/in/jose\u0301-garci\u0301a';
    expect(key(decomposed)).toBe(key('https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa'));
  });

  it('member ids keep their case (they are case-sensitive)', () => {
    const a = key('https://www.linkedin.com/in/ACoAABcdEfGhIjKlMnOpQrStUvWxYz0123456789');
    const b = key('https://www.linkedin.com/in/ACoAABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
    expect(a).not.toBe(b);
  });

  it('canonical is https://www.linkedin.com/in/<slug>/', () => {
    expect(profileOf('https://de.linkedin.com/in/Jane-Doe/de?trk=x')?.canonicalUrl).toBe(
      'https://www.linkedin.com/in/jane-doe/',
    );
    const u = profileOf('https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa/')!.canonicalUrl;
    expect(key(u)).toBe('linkedin:josé-garcía');
  });
});

describe('profileOf: x / twitter', () => {
  it.each<Row>([
    ['https://x.com/jack', 'x:jack'],
    ['https://twitter.com/Jack', 'x:jack'],
    ['https://mobile.twitter.com/jack/', 'x:jack'],
    ['https://www.x.com/jack?s=20', 'x:jack'],
    ['https://x.com/jack#top', 'x:jack'],
    ['https://x.com/jack/with_replies', 'x:jack'],
    ['https://x.com/jack/media', 'x:jack'],
    ['https://x.com/a_b_c_123456789', 'x:a_b_c_123456789'],
    ['https://x.com/jack/status/20', null],
    ['https://twitter.com/jack/status/20?s=21', null],
    ['https://x.com/home', null],
    ['https://x.com/explore', null],
    ['https://x.com/notifications', null],
    ['https://x.com/messages/123-456', null],
    ['https://x.com/i/flow/login', null],
    ['https://x.com/search?q=jack', null],
    ['https://x.com/settings/account', null],
    ['https://x.com/compose/post', null],
    ['https://x.com/hashtag/mlm', null],
    ['https://x.com/login', null],
    ['https://x.com/signup', null],
    ['https://x.com/tos', null],
    ['https://x.com/privacy', null],
    ['https://twitter.com/intent/tweet?text=hi', null],
    ['https://x.com/share?url=x', null],
    ['https://x.com/this_is_way_too_long_handle', null],
    ['https://x.com/jack-smith', null],
    ['https://x.com/', null],
  ])('%s → %s', (url, k) => {
    expect(key(url)).toBe(k);
  });

  it('x.com and twitter.com are one site', () => {
    expect(profileOf('https://twitter.com/Jack/')).toEqual({
      site: 'x',
      profileKey: 'x:jack',
      canonicalUrl: 'https://x.com/jack',
      handle: 'jack',
    });
  });
});

describe('profileOf: youtube', () => {
  it.each<Row>([
    ['https://www.youtube.com/@JaneDoe', 'youtube:@janedoe'],
    ['https://m.youtube.com/@janedoe/videos', 'youtube:@janedoe'],
    ['https://youtube.com/@janedoe?si=abc', 'youtube:@janedoe'],
    ['https://www.youtube.com/@jane.doe-1_2/featured', 'youtube:@jane.doe-1_2'],
    ['https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv', 'youtube:channel:UCabcdefghijklmnopqrstuv'],
    ['https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv/videos', 'youtube:channel:UCabcdefghijklmnopqrstuv'],
    ['https://www.youtube.com/c/JaneDoeCoaching', 'youtube:c:janedoecoaching'],
    ['https://www.youtube.com/user/JaneDoe', 'youtube:user:janedoe'],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', null],
    ['https://www.youtube.com/shorts/dQw4w9WgXcQ', null],
    ['https://www.youtube.com/playlist?list=PL123', null],
    ['https://www.youtube.com/results?search_query=mlm', null],
    ['https://www.youtube.com/feed/subscriptions', null],
    ['https://www.youtube.com/', null],
    ['https://www.youtube.com/channel/', null],
    ['https://www.youtube.com/@', null],
  ])('%s → %s', (url, k) => {
    expect(key(url)).toBe(k);
  });

  it('channel ids are case-sensitive, handles are not', () => {
    expect(key('https://www.youtube.com/channel/UCABCDEFGHIJKLMNOPQRSTUV')).not.toBe(
      key('https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv'),
    );
    expect(key('https://www.youtube.com/@JANE')).toBe(key('https://www.youtube.com/@jane'));
    expect(profileOf('https://m.youtube.com/@Jane/videos')?.canonicalUrl).toBe('https://www.youtube.com/@jane');
    expect(profileOf('https://m.youtube.com/@Jane/videos')?.handle).toBe('@jane');
  });
});

describe('profileOf: tiktok', () => {
  it.each<Row>([
    ['https://www.tiktok.com/@jane.doe', 'tiktok:@jane.doe'],
    ['https://tiktok.com/@Jane_Doe?lang=en', 'tiktok:@jane_doe'],
    ['https://m.tiktok.com/@jane.doe/', 'tiktok:@jane.doe'],
    ['https://www.tiktok.com/@jane.doe#x', 'tiktok:@jane.doe'],
    ['https://www.tiktok.com/@jane.doe/video/7234567890123456789', null],
    ['https://www.tiktok.com/@jane.doe/photo/7234567890123456789', null],
    ['https://www.tiktok.com/foryou', null],
    ['https://www.tiktok.com/explore', null],
    ['https://www.tiktok.com/tag/coaching', null],
    ['https://www.tiktok.com/', null],
    ['https://www.tiktok.com/jane.doe', null],
  ])('%s → %s', (url, k) => {
    expect(key(url)).toBe(k);
  });

  it('canonical and handle keep the @', () => {
    expect(profileOf('https://tiktok.com/@Jane')).toEqual({
      site: 'tiktok',
      profileKey: 'tiktok:@jane',
      canonicalUrl: 'https://www.tiktok.com/@jane',
      handle: '@jane',
    });
  });
});

describe('profileOf: demo', () => {
  it.each<Row>([
    ['http://127.0.0.1:5173/demo/profile/ann-lee', 'demo:ann-lee'],
    ['http://localhost:8080/demo/profile/Ann-Lee/', 'demo:ann-lee'],
    ['http://localhost/demo/profile/ann-lee?x=1#y', 'demo:ann-lee'],
    ['http://127.0.0.1:5173/demo/post/1', null],
    ['http://127.0.0.1:5173/demo/', null],
    ['http://127.0.0.1:5173/profile/ann-lee', null],
    ['http://127.0.0.1:5173/demo/profile/ann-lee/extra', null],
    ['http://127.0.0.2:5173/demo/profile/ann-lee', null],
  ])('%s → %s', (url, k) => {
    expect(key(url)).toBe(k);
  });

  it('demo keeps http and host:port in its canonical URL, but the port is not part of the key', () => {
    expect(profileOf('http://127.0.0.1:5173/demo/profile/Ann')?.canonicalUrl).toBe(
      'http://127.0.0.1:5173/demo/profile/ann',
    );
    expect(key('http://127.0.0.1:9999/demo/profile/ann')).toBe(key('http://127.0.0.1:5173/demo/profile/ann'));
  });
});

describe('profileOf: general', () => {
  it('resolves relative URLs against the page', () => {
    expect(key('/john.smith?comment_id=1', 'https://www.facebook.com/groups/1/posts/2/')).toBe('facebook:john.smith');
    expect(key('../../in/jane-doe/', 'https://www.linkedin.com/feed/update/x')).toBe('linkedin:jane-doe');
    expect(key('/@jane', 'https://www.tiktok.com/@other/video/1')).toBe('tiktok:@jane');
  });

  it('only http(s) addresses', () => {
    expect(key('javascript:alert(1)//facebook.com/john')).toBeNull();
    expect(key('ftp://www.facebook.com/john.smith')).toBeNull();
    expect(key('chrome-extension://abc/in/jane')).toBeNull();
    expect(key('data:text/html,<a>')).toBeNull();
    expect(key('/john.smith')).toBeNull();
    expect(key('')).toBeNull();
    expect(key('not a url')).toBeNull();
  });

  it('lookalike hosts are not the site', () => {
    expect(key('https://facebook.com.evil.io/john.smith')).toBeNull();
    expect(key('https://notfacebook.com/john.smith')).toBeNull();
    expect(key('https://evil.io/www.facebook.com/john.smith')).toBeNull();
  });

  it('an overlong URL is refused', () => {
    expect(key(`https://x.com/jack?${'a'.repeat(3000)}`)).toBeNull();
  });

  it('isProfileUrlOf checks the site', () => {
    expect(isProfileUrlOf('https://x.com/jack', 'x')).toBe(true);
    expect(isProfileUrlOf('https://x.com/jack', 'facebook')).toBe(false);
    expect(isProfileUrlOf('https://x.com/jack/status/1', 'x')).toBe(false);
    expect(isProfileUrlOf('/in/jane', 'linkedin', 'https://www.linkedin.com/feed/')).toBe(true);
  });

  it('every canonical URL is a valid Identity profileUrl and maps back to the same key', () => {
    const urls = [
      'https://m.facebook.com/profile.php?id=1&x=2',
      'https://web.facebook.com/Ann.Lee',
      'https://instagram.com/Ann.Lee/',
      'https://de.linkedin.com/in/jos%C3%A9/de',
      'https://mobile.twitter.com/Jack',
      'https://m.youtube.com/@Ann/videos',
      'https://m.youtube.com/channel/UCabcdefghijklmnopqrstuv',
      'https://m.youtube.com/c/Ann',
      'https://m.youtube.com/user/Ann',
      'https://tiktok.com/@Ann',
      'http://localhost:5173/demo/profile/ann',
    ];
    for (const u of urls) {
      const ref = profileOf(u)!;
      expect(ref, u).not.toBeNull();
      expect(profileOf(ref.canonicalUrl)?.profileKey, u).toBe(ref.profileKey);
      const id = Identity.safeParse({ site: ref.site, profileKey: ref.profileKey, profileUrl: ref.canonicalUrl, displayName: 'A' });
      expect(id.success, u).toBe(true);
    }
  });
});

describe('profileOf: the key is stable under URL variations (property)', () => {
  const handleChars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const handle = fc
    .array(fc.constantFrom(...handleChars.split('')), { minLength: 5, maxLength: 12 })
    .map((cs) => cs.join(''))
    .filter((h) => /[a-z]/.test(h));
  const variation = fc.record({
    prefix: fc.constantFrom('', 'www.', 'm.', 'mobile.'),
    slash: fc.boolean(),
    query: fc.constantFrom('', '?ref=bookmarks', '?utm_source=x&s=20', '?igsh=abc'),
    fragment: fc.constantFrom('', '#top', '#comments'),
    upper: fc.boolean(),
    http: fc.boolean(),
  });
  type Variation = { prefix: string; slash: boolean; query: string; fragment: string; upper: boolean; http: boolean };
  const build = (domain: string, path: string, v: Variation) =>
    `${v.http ? 'http' : 'https'}://${v.prefix}${domain}/${v.upper ? path.toUpperCase() : path}${v.slash ? '/' : ''}${v.query}${v.fragment}`;

  const cases: Array<[string, (h: string) => string, (h: string) => string]> = [
    ['facebook.com', (h) => h, (h) => `facebook:${h}`],
    ['instagram.com', (h) => h, (h) => `instagram:${h}`],
    ['linkedin.com', (h) => `in/${h}`, (h) => `linkedin:${h}`],
    ['twitter.com', (h) => h, (h) => `x:${h}`],
    ['x.com', (h) => h, (h) => `x:${h}`],
    ['youtube.com', (h) => `@${h}`, (h) => `youtube:@${h}`],
    ['tiktok.com', (h) => `@${h}`, (h) => `tiktok:@${h}`],
  ];

  it.each(cases)('%s', (domain, path, expected) => {
    fc.assert(
      fc.property(
        handle.filter((h) => profileOf(`https://${domain}/${path(h)}`) !== null),
        variation,
        (h, v) => {
          expect(key(build(domain, path(h), v))).toBe(expected(h));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('facebook id profiles keep their key whatever the query around the id', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), variation, (id, v) => {
        const url = `https://${v.prefix}facebook.com/profile.php?ref=x&id=${id}${v.query ? '&sk=about' : ''}${v.fragment}`;
        expect(key(url)).toBe(`facebook:id:${id}`);
      }),
    );
  });
});

describe('postKeyOf', () => {
  it.each<[string, string | null]>([
    ['https://www.facebook.com/groups/1/posts/2/', 'facebook:/groups/1/posts/2'],
    ['https://m.facebook.com/groups/1/posts/2?comment_id=9#c', 'facebook:/groups/1/posts/2'],
    ['https://www.facebook.com/permalink.php?story_fbid=11&id=22&ref=x', 'facebook:/permalink.php?id=22&story_fbid=11'],
    ['https://m.facebook.com/story.php?id=22&story_fbid=11', 'facebook:/story.php?id=22&story_fbid=11'],
    ['https://www.facebook.com/photo.php?fbid=5&set=a.1', 'facebook:/photo.php?fbid=5'],
    ['https://www.facebook.com/john.smith/posts/pfbid0AbC', 'facebook:/john.smith/posts/pfbid0AbC'],
    ['https://www.youtube.com/watch?v=abcDEF12345&t=30s', 'youtube:/watch?v=abcDEF12345'],
    ['https://m.youtube.com/watch?list=PL1&v=abcDEF12345', 'youtube:/watch?v=abcDEF12345'],
    ['https://youtu.be/abcDEF12345?si=x', 'youtube:/watch?v=abcDEF12345'],
    ['https://www.youtube.com/shorts/abcDEF12345', 'youtube:/shorts/abcDEF12345'],
    ['https://www.instagram.com/p/CxYz123AbC/?igsh=1', 'instagram:/p/CxYz123AbC'],
    ['https://twitter.com/Jack/status/20?s=20', 'x:/jack/status/20'],
    ['https://x.com/jack/status/20', 'x:/jack/status/20'],
    ['https://www.linkedin.com/posts/jane_topic-activity-1-Ab/', 'linkedin:/posts/jane_topic-activity-1-Ab'],
    ['https://www.tiktok.com/@jane/video/7234567890', 'tiktok:/@jane/video/7234567890'],
    ['http://127.0.0.1:5173/demo/post/1', 'demo:/demo/post/1'],
    ['https://www.facebook.com/', null],
    ['https://example.com/post/1', null],
    ['javascript:alert(1)', null],
    ['not a url', null],
  ])('%s → %s', (url, k) => {
    expect(postKeyOf(url)).toBe(k);
  });
});
