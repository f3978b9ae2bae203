// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { instagram, isInstagramPersonHref } from '../../../src/content/sites/instagram';
import { brief, findPeople, loadFixture, pageTypesOn, readThread } from './helpers';

const IG = 'https://www.instagram.com';
const CDN = 'https://scontent-lhr8-1.cdninstagram.com/v/t51.2885-19/';

describe('instagram: comments and replies', () => {
  it('finds commenters and the reply by their comment permalinks, with the post as context', () => {
    const { doc, page } = loadFixture('instagram', 'post-comments.html');
    const POST = `${IG}/p/C7AbCdEfGh/`;
    const found = findPeople(instagram, doc, page);
    expect(brief(found)).toEqual([
      ['comment', 'ana.souza', `${IG}/ana.souza/`, POST, 'Yes please! 🙋‍♀️'],
      ['comment', 'mei_chen', `${IG}/mei_chen/`, POST, '@ana.souza same!'],
      ['comment', 'jose.garcia.mx', `${IG}/jose.garcia.mx/`, POST, 'Me interesa, ¿cuánto cuesta?'],
    ]);
    expect(found[0]!.avatarUrl).toBe(`${CDN}ana.souza_s150x150.jpg?stp=dst-jpg_s150x150&_nc_ht=scontent`);
    expect(pageTypesOn(instagram, doc)).toEqual(['post comments']);
    const time = doc.querySelector('a[href*="/c/"] time')!;
    expect(instagram.people[0]!.extract(time, page)!.anchor.textContent).toBe('ana.souza');
    expect(instagram.postUrlOf!(time, page)).toBe(POST);
  });

  it('on a reel: hostile text literal, odd links as found, a hashtag author skipped', () => {
    const { doc, page } = loadFixture('instagram', 'reel-comments-hostile.html');
    const REEL = `${IG}/reel/C8ZyXwVuTs/`;
    const found = findPeople(instagram, doc, page);
    expect(brief(found)).toEqual([
      ['comment', '<b>bold_ben</b>', `${IG}/bold_ben/`, REEL, '<img src=x onerror=alert(1)> in'],
      ['comment', 'N'.repeat(500), `${IG}/long.name/`, REEL, 'no avatar'],
      ['comment', 'Script', 'javascript:alert(1)', REEL, 'js'],
      ['comment', 'Foreign', 'https://evil.example/x/', REEL, 'foreign'],
    ]);
    expect(found[1]!.avatarUrl).toBeUndefined();
    expect((globalThis as { __igPwned?: number }).__igPwned).toBeUndefined();
  });
});

describe('instagram: comments in the newer markup (text beside, not inside, the author\'s box)', () => {
  const CDN25 = 'https://scontent-ord5-2.cdninstagram.com/v/t51.2885-19/';

  it('in the post dialog over the profile grid: each commenter with their text; the grid, the owner and "Reply" are no one', () => {
    const { doc, page } = loadFixture('instagram', 'post-dialog-comments.html');
    const POST = `${IG}/p/DQx7Lm2Ab9c/`;
    const found = findPeople(instagram, doc, page);
    expect(brief(found)).toEqual([
      ['comment', 'marcos.silva_', `${IG}/marcos.silva_/`, POST, 'plan 🙋‍♂️'],
      ['comment', 'yuki.tanaka.jp', `${IG}/yuki.tanaka.jp/`, POST, 'Plan please! Is it for beginners?'],
      ['comment', 'ines.ferreira', `${IG}/ines.ferreira/`, POST, 'me interesa, plan!'],
    ]);
    expect(found.map((f) => f.avatarUrl)).toEqual([
      `${CDN25}marcos.silva__s150x150.jpg?stp=dst-jpg_s150x150_tt6&_nc_cat=103`,
      `${CDN25}yuki.tanaka.jp_s150x150.jpg?stp=dst-jpg_s150x150_tt6&_nc_cat=103`,
      undefined,
    ]);
    expect(pageTypesOn(instagram, doc)).toEqual(['post comments']);
  });

  it('on a reel page: commenters and the reply, the media as context', () => {
    const { doc, page } = loadFixture('instagram', 'reel-comments.html');
    const MEDIA = `${IG}/p/DQr3Ee4Ff5g/`;
    expect(brief(findPeople(instagram, doc, page))).toEqual([
      ['comment', 'dani.okoro', `${IG}/dani.okoro/`, MEDIA, 'Where can I join? 🔥'],
      ['comment', 'lea_muller', `${IG}/lea_muller/`, MEDIA, '@dani.okoro same question'],
      ['comment', 'sofia.reyes.mx', `${IG}/sofia.reyes.mx/`, MEDIA, '¡Quiero clases! 💃'],
    ]);
  });
});

describe('instagram: likes', () => {
  it('reads the likes dialog, not the post author behind it', () => {
    const { doc, page } = loadFixture('instagram', 'likes-dialog.html');
    const POST = `${IG}/p/C7Fam1lyPx/`;
    const found = findPeople(instagram, doc, page);
    expect(brief(found)).toEqual([
      ['reaction', 'lucas.pereira', `${IG}/lucas.pereira/`, POST],
      ['reaction', 'zoe.muller', `${IG}/zoe.muller/`, POST],
      ['reaction', 'mei_chen', `${IG}/mei_chen/`, POST],
    ]);
    expect(found[1]!.avatarUrl).toBe(`${CDN}zoe.muller_like.jpg`);
    expect(pageTypesOn(instagram, doc)).toEqual(['likes list']);
  });

  it('reads the /liked_by/ page: no avatar, an explore link skipped', () => {
    const { doc, page } = loadFixture('instagram', 'liked-by-page.html');
    const POST = `${IG}/p/C7Fam1lyPx/`;
    const found = findPeople(instagram, doc, page);
    expect(brief(found)).toEqual([
      ['reaction', 'ana.souza', `${IG}/ana.souza/`, POST],
      ['reaction', 'bold_ben', `${IG}/bold_ben/`, POST],
    ]);
    expect(found[1]!.avatarUrl).toBeUndefined();
  });

  it('reads the likes of a reel opened from the Reels tab: rows labelled by reference, the reel as context, the owner is no one', () => {
    const { doc, page } = loadFixture('instagram', 'reel-likes-dialog.html');
    const REEL = `${IG}/reel/DQk9Hh2Jj3k/`;
    const found = findPeople(instagram, doc, page);
    expect(brief(found)).toEqual([
      ['reaction', 'camila.rojas.cl', `${IG}/camila.rojas.cl/`, REEL],
      ['reaction', 'andres.gomez_fit', `${IG}/andres.gomez_fit/`, REEL],
      ['reaction', 'noemie.lefebvre', `${IG}/noemie.lefebvre/`, REEL],
    ]);
    expect(found[2]!.avatarUrl).toBe('https://scontent-ord5-2.cdninstagram.com/v/t51.2885-19/noemie_like.jpg');
    expect(pageTypesOn(instagram, doc)).toEqual(['likes list']);
  });

  it('does not take comment authors in a post dialog for likers', () => {
    const { doc, page } = loadFixture('instagram', 'post-comments.html');
    const dialog = doc.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.append(doc.querySelector('article')!);
    doc.body.append(dialog);
    expect(findPeople(instagram, doc, page).filter((f) => f.surface === 'reaction')).toEqual([]);
    expect(pageTypesOn(instagram, doc)).toEqual(['post comments']);
  });
});

describe('instagram: direct threads', () => {
  it('reads partner, directions and shown times', () => {
    const { doc, page } = loadFixture('instagram', 'direct-thread.html');
    const THREAD = `${IG}/direct/t/340282366841710300949128132/`;
    expect(brief(findPeople(instagram, doc, page))).toEqual([['dm', 'Ana Souza', `${IG}/ana.souza/`, THREAD]]);
    expect(readThread(instagram, doc, page)).toEqual([
      { direction: 'outbound', at: Date.parse('2025-05-12T08:10:00Z'), id: undefined, text: 'Hi Ana! Want the details of the program?' },
      { direction: 'inbound', at: undefined, id: undefined, text: 'Yes please! Is it for beginners?' },
      { direction: 'outbound', at: undefined, id: undefined, text: 'Yes! Call on Thursday?' },
      { direction: 'inbound', at: Date.parse('2025-05-12T08:40:00Z'), id: undefined, text: 'Thursday works 👍' },
    ]);
    expect(instagram.dm!.partner(doc, page)!.avatarUrl).toBe(`${CDN}ana.souza_head.jpg`);
    expect(pageTypesOn(instagram, doc)).toEqual(['direct thread']);
  });

  it('keeps hostile text literal; a link to another site in our message stays outbound', () => {
    const { doc, page } = loadFixture('instagram', 'direct-thread-hostile.html');
    const p = instagram.dm!.partner(doc, page)!;
    expect([p.name, p.profileUrl, p.contextUrl]).toEqual(['José García', `${IG}/jose.garcia.mx/`, `${IG}/direct/t/17848000000000000/`]);
    expect(readThread(instagram, doc, page).map((m) => [m.direction, m.text])).toEqual([
      ['inbound', '<b>¿Hola!</b> disponible?'],
      ['outbound', 'Mira example.com'],
    ]);
  });
});

describe('instagram: a direct thread with no [role=main] (conversation header beside the messages grid)', () => {
  it('reads the partner from the header (name from its heading), directions, message ids, and the text, not the sender headings or actions', () => {
    const { doc, page } = loadFixture('instagram', 'direct-thread-pagelet.html');
    const THREAD = `${IG}/direct/t/17843000111222333/`;
    expect(brief(findPeople(instagram, doc, page))).toEqual([['dm', 'Mariana Lópes', `${IG}/mari.lopes.fit/`, THREAD]]);
    const p = instagram.dm!.partner(doc, page)!;
    expect([p.name, p.profileUrl, p.contextUrl, p.avatarUrl]).toEqual([
      'Mariana Lópes', '/mari.lopes.fit/', THREAD, 'https://scontent.cdninstagram.com/v/t51.82787-19/mari_s206x206.jpg?stp=dst-jpg_s206x206_tt6&_nc_cat=105',
    ]);
    expect(readThread(instagram, doc, page)).toEqual([
      { direction: 'outbound', at: undefined, id: 'mid.$cAAAfixture01', text: 'Hi Mariana! Want the plan?' },
      { direction: 'inbound', at: undefined, id: 'mid.$cAAAfixture02', text: 'Sim, quero! Quanto custa? 💪' },
      { direction: 'outbound', at: undefined, id: 'mid.$cAAAfixture03', text: '<b>49 €</b> for the month' },
    ]);
    expect(pageTypesOn(instagram, doc)).toEqual(['direct thread']);
  });

  it('finds no partner outside a thread page', () => {
    const { doc } = loadFixture('instagram', 'direct-thread-pagelet.html');
    expect(instagram.dm!.partner(doc, new URL(`${IG}/direct/inbox/`))).toBeNull();
  });
});

describe('instagram: profile link shapes', () => {
  const page = new URL(`${IG}/`);
  it.each([
    ['/ana.souza/', true],
    ['https://instagram.com/jose_garcia', true],
    ['/p/C7AbCdEfGh/', false],
    ['/reel/C8Zy/', false],
    ['/explore/tags/morning/', false],
    ['/direct/inbox/', false],
    ['/stories/ana.souza/123/', false],
    ['javascript:alert(1)', true],
  ])('%s → %s', (href, person) => expect(isInstagramPersonHref(href, page)).toBe(person));
});
