import { describe, expect, it } from 'vitest';
import { cleanText, pageUrlOf, validatePerson } from '../../../src/content/validate';
import { statusOf } from '../../../src/content/status';
import { badge } from './harness';

const page = new URL('http://127.0.0.1:8337/demo/index.html#top');
const anchor = {} as Element;
const raw = (profileUrl: string, extra: Record<string, unknown> = {}) => ({ profileUrl, name: ' Ana \n Souza ', contextUrl: '/demo/posts/1', anchor, ...extra });

describe('validatePerson', () => {
  it('resolves a relative profile link against the page and canonicalises it', () => {
    expect(validatePerson(raw('/demo/profile/Ana-Souza?ref=x'), page, 'demo')).toEqual({
      profileKey: 'demo:ana-souza',
      profileUrl: 'http://127.0.0.1:8337/demo/profile/ana-souza',
      name: 'Ana Souza',
      contextUrl: 'http://127.0.0.1:8337/demo/posts/1',
    });
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,hi',
    'https://evil.example/demo/profile/x',
    'https://www.facebook.com/zuck',
    '/demo/pages/sunny-side',
    '',
    'http://[',
  ])('drops %s silently', (url) => {
    expect(validatePerson(raw(url), page, 'demo')).toBeNull();
  });

  it('drops people when the page is not on the adapter’s site, and never throws on junk', () => {
    expect(validatePerson(raw('https://www.facebook.com/zuck'), new URL('https://evil.example/'), 'facebook')).toBeNull();
    expect(validatePerson(null, page, 'demo')).toBeNull();
    expect(validatePerson({ profileUrl: 5 } as never, page, 'demo')).toBeNull();
  });

  it('keeps only http(s) avatars and bounds the comment text', () => {
    const p = validatePerson(raw('/demo/profile/a', { avatarUrl: 'javascript:x', text: 'y'.repeat(5000) }), page, 'demo')!;
    expect(p.avatarUrl).toBeUndefined();
    expect(p.text).toHaveLength(2000);
    expect(validatePerson(raw('/demo/profile/a', { avatarUrl: 'avatars/a.svg' }), page, 'demo')!.avatarUrl).toBe(
      'http://127.0.0.1:8337/demo/avatars/a.svg',
    );
  });

  it('falls back to the handle when the name is empty', () => {
    expect(validatePerson(raw('/demo/profile/ana', { name: '   ' }), page, 'demo')!.name).toBe('ana');
  });
});

describe('cleanText and pageUrlOf', () => {
  it('never splits an emoji at the bound', () => {
    const s = cleanText('a' + '😀'.repeat(10), 4);
    expect(s).toBe('a😀');
    expect(cleanText('a\u0000b\tc', 10)).toBe('a b c');
  });

  it('drops the fragment and keeps a huge query within the URL bound', () => {
    expect(pageUrlOf(page)).toBe('http://127.0.0.1:8337/demo/index.html');
    expect(pageUrlOf(new URL(`http://127.0.0.1/demo/?q=${'x'.repeat(3000)}`))).toBe('http://127.0.0.1/demo/');
  });
});

describe('statusOf', () => {
  it('uses the words of docs/domain.md', () => {
    expect(statusOf(null).text).toBe('+ Lead');
    expect(statusOf(badge('p', 'n', { stage: 'team_member' })).text).toBe('Team member');
    expect(statusOf(badge('p', 'n', { stage: 'team_member' })).state).toBe('team-member');
    expect(statusOf(badge('p', 'n', { onDrip: true })).text).toBe('On drip');
    expect(statusOf(badge('p', 'n', { stage: 'prospect' }, { readyToDecide: true })).text).toBe('Ready to decide');
    expect(statusOf(badge('p', 'n', {}, { chasing: true, followUpDue: true })).text).toBe('Chasing · due');
  });
});
