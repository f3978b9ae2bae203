// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demo } from '../../../src/content/sites/demo';
import { brief, findPeople, loadFixture, loadHtml, pageTypesOn, readThread } from './helpers';

const BASE = 'http://127.0.0.1:4173';
const PAGE = new URL(`${BASE}/demo/index.html`);
const P = (slug: string) => `${BASE}/demo/profile/${slug}`;
const POST1 = `${BASE}/demo/posts/101`;
const POST2 = `${BASE}/demo/posts/102`;
const THREAD = `${BASE}/demo/messages/ana-souza`;

function demoPage(file: string): Document {
  return loadHtml(readFileSync(join(__dirname, '../../../demo', file), 'utf8'));
}

describe('demo adapter on demo/index.html', () => {
  const doc = demoPage('index.html');

  it('finds every commenter, liker and the message partner, in page order', () => {
    expect(brief(findPeople(demo, doc, PAGE))).toEqual([
      ['comment', 'Ana Souza', P('ana-souza'), POST1, "Yes please! I've been trying to wake up earlier for months."],
      ['comment', 'Mei Chen', P('mei-chen'), POST1, 'Same here, count me in!'],
      ['comment', 'José García', P('jose-garcia'), POST1, 'Me interesa 🙋‍♂️ How long does it take each morning?'],
      ['comment', 'Priya Natarajan', P('priya-natarajan'), POST1, 'Liked! Send me the details please.'],
      ['comment', '<b>Bold</b> Ben', P('bold-ben'), POST1, '<script>alert("hi")</script> just kidding, I\'m in 😄'],
      ['comment', "Tom O'Reilly", P('tom-oreilly'), POST1, 'What does it cost? And is there a money-back guarantee?'],
      ['comment', 'Sam Okafor', P('sam-okafor'), POST1, 'Interested 👍'],
      ['reaction', 'Ana Souza', P('ana-souza'), POST2],
      ['reaction', 'Lucas Pereira', P('lucas-pereira'), POST2],
      ['reaction', 'Zoë Müller', P('zoe-muller'), POST2],
      ['reaction', 'Mei Chen', P('mei-chen'), POST2],
      ['dm', 'Ana Souza', P('ana-souza'), THREAD],
    ]);
  });

  it('reads avatars as absolute addresses of the local SVG files', () => {
    const found = findPeople(demo, doc, PAGE);
    expect(found[0]?.avatarUrl).toBe(`${BASE}/demo/avatars/ana-souza.svg`);
    expect(found.every((f) => f.avatarUrl?.startsWith(`${BASE}/demo/avatars/`))).toBe(true);
  });

  it('anchors the chip on the name link', () => {
    const el = doc.querySelector('[data-comment-id="c2"]')!;
    const p = demo.people[0]!.extract(el, PAGE)!;
    expect(p.anchor.tagName).toBe('A');
    expect(p.anchor.textContent).toBe('José García');
  });

  it('recognises the three page types', () => {
    expect(pageTypesOn(demo, doc)).toEqual(['post comments', 'likes list', 'message thread']);
  });

  it('reads the thread: directions, times, ids, and the partner', () => {
    expect(readThread(demo, doc, PAGE)).toEqual([
      { direction: 'outbound', at: Date.parse('2025-05-12T08:10:00Z'), id: 'm1001', text: expect.stringMatching(/^Hi Ana!/) },
      { direction: 'inbound', at: Date.parse('2025-05-12T08:24:00Z'), id: 'm1002', text: 'Yes please! Is it suitable for beginners?' },
      { direction: 'outbound', at: Date.parse('2025-05-12T08:26:00Z'), id: 'm1003', text: expect.stringMatching(/Thursday at 7pm/) },
      { direction: 'inbound', at: Date.parse('2025-05-12T08:40:00Z'), id: 'm1004', text: 'Thursday 7pm works for me 👍' },
    ]);
    const partner = demo.dm!.partner(doc, PAGE)!;
    expect([partner.name, partner.profileUrl, partner.contextUrl]).toEqual(['Ana Souza', '/demo/profile/ana-souza', THREAD]);
  });

  it('gives the post permalink of any element inside a post', () => {
    const el = doc.querySelector('[data-testid="reaction-row"]')!;
    expect(demo.postUrlOf!(el, PAGE)).toBe(POST2);
    expect(demo.postUrlOf!(doc.querySelector('[data-testid="dm-thread"]')!, PAGE)).toBeNull();
  });
});

describe('demo adapter on demo/feed.html', () => {
  it('has the post and an empty comments section, and its script builds the same markup', () => {
    const html = readFileSync(join(__dirname, '../../../demo/feed.html'), 'utf8');
    const doc = loadHtml(html);
    expect(findPeople(demo, doc, PAGE)).toEqual([]);
    expect(doc.querySelector('[role="article"][data-post-url="/demo/posts/101"] [data-testid="comments"]')).not.toBeNull();
  });

  it('appends 20 comments per addComments() call, each found by the adapter', () => {
    const html = readFileSync(join(__dirname, '../../../demo/feed.html'), 'utf8');
    const body = /<body>([\s\S]*)<script>/.exec(html)![1]!;
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    document.body.innerHTML = body;
    new Function(script)();
    const add = (window as unknown as { addComments: (n?: number) => number }).addComments;
    expect(add()).toBe(20);
    expect(add(5)).toBe(25);
    const found = findPeople(demo, document, PAGE);
    expect(found).toHaveLength(25);
    expect(found[0]).toMatchObject({ surface: 'comment', name: 'Ana Souza 0', profileUrl: P('reader-0'), contextUrl: POST1 });
    expect(new Set(found.map((f) => f.profileUrl)).size).toBe(25);
    document.body.innerHTML = '';
  });
});

describe('demo adapter on edge cases', () => {
  const { doc, page } = loadFixture('demo', 'edge-cases.html');
  const CTX = 'http://localhost:8080/demo/posts/101';

  it('returns hostile names as literal text, keeps odd links as found, and skips pages and link-less authors', () => {
    const found = findPeople(demo, doc, page);
    expect(brief(found)).toEqual([
      ['comment', '<img src=x onerror=alert(1)>Hostile', 'http://localhost:8080/demo/profile/hostile', CTX, 'Hi </p>there'],
      ['comment', 'Long'.repeat(125), 'http://localhost:8080/demo/profile/long', CTX, 'no avatar here'],
      ['comment', 'Script Link', 'javascript:alert(1)', CTX, 'a javascript: profile link'],
      ['comment', 'Foreign Host', 'https://evil.example/demo/profile/x', CTX, 'a foreign host'],
      ['dm', 'Hostile', 'http://localhost:8080/demo/profile/hostile', 'http://localhost:8080/demo/posts/101'],
    ]);
    expect(found[0]?.avatarUrl).toBe('javascript:alert(1)');
    expect(found[1]?.avatarUrl).toBeUndefined();
    expect((globalThis as { __pwned?: boolean }).__pwned).toBeUndefined();
  });

  it('reads messages without time or id, and drops unknown directions', () => {
    expect(readThread(demo, doc, page)).toEqual([
      { direction: 'inbound', at: undefined, id: undefined, text: 'no time, no id' },
      { direction: 'outbound', at: undefined, id: 'm9', text: 'bad time' },
    ]);
  });
});

describe('demo adapter on a likes list and a second thread', () => {
  const { doc, page } = loadFixture('demo', 'likes-and-thread.html');
  it('falls back to the page URL outside a post and skips a group', () => {
    expect(brief(findPeople(demo, doc, page))).toEqual([
      ['reaction', 'José García', 'http://localhost:8080/demo/profile/jose-garcia', 'http://localhost:8080/demo/posts/205'],
      ['reaction', 'Zoë Müller', 'http://localhost:8080/demo/profile/zoe-muller/', 'http://localhost:8080/demo/posts/205'],
      ['dm', 'José García', 'http://localhost:8080/demo/profile/jose-garcia', 'http://localhost:8080/demo/messages/jose-garcia'],
    ]);
    expect(readThread(demo, doc, page).map((m) => [m.direction, m.at])).toEqual([
      ['inbound', Date.parse('2025-05-13T07:00:00Z')],
      ['outbound', Date.parse('2025-05-13T07:05:00Z')],
    ]);
    expect(pageTypesOn(demo, doc)).toEqual(['likes list', 'message thread']);
  });
});
