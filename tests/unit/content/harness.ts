import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Messages, type MessageType, type Req, type Res } from '../../../src/messages/contract';
import type { Badge } from '../../../src/messages/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/domain/types';
import type { Chip } from '../../../src/content/chip';
import { startContent, type ContentCore, type CoreOptions, type Guard } from '../../../src/content/core';
import { TEST_EXPOSURE } from '../../../src/content/exposure';
import type { Life } from '../../../src/content/life';
import { UserActs } from '../../../src/content/trust';
import { demo } from '../../../src/content/sites/demo';
import type { SiteAdapter } from '../../../src/content/sites/types';
import { createContentClient, type ContentType } from '../../../src/content/wire';

export const PAGE = 'http://127.0.0.1:8337/demo/index.html';
export const BASE = 'http://127.0.0.1:8337';

export function setUrl(url: string): void {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
}

/** The <body> of a file under demo/ or tests/fixtures/. */
export function bodyOf(path: string): string {
  const html = readFileSync(join(__dirname, '../../..', path), 'utf8');
  return /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
}

export function badge(personId: string, name: string, over: Partial<Badge> = {}, signals: Partial<Badge['signals']> = {}): Badge {
  return {
    personId,
    name,
    stage: 'lead',
    onDrip: false,
    reachOut: false,
    qualification: { yes: 0, answered: 0 },
    signals: {
      followUpDue: false,
      overdue: false,
      chasing: false,
      noNextStep: false,
      readyToDecide: false,
      onDrip: false,
      notInterested: false,
      ...signals,
    },
    ...over,
  };
}

/** One request the content script sent, typed by the contract. */
export type Call = { [K in ContentType]: { type: K; payload: Req<K> } }[ContentType];
export type CallOf<T extends ContentType> = Extract<Call, { type: T }>;

/** What the fake answers; setStage and logTouch answer with a stand-in, as the content script never reads them. */
type Answer<T extends ContentType> = T extends 'setStage' | 'logTouch' ? object : Res<T>;

/**
 * An in-memory background: checks every request against the real contract, answers with
 * replies the real contract accepts, and records the calls.
 */
export class FakeBackground {
  calls: Call[] = [];
  badges = new Map<string, Badge>();
  settings: Settings = structuredClone(DEFAULT_SETTINGS);
  posts: string[] = [];
  failWith: Error | null = null;
  errorReply: { code: string; message: string } | null = null;
  listeners = new Set<(m: unknown) => void>();

  of<T extends ContentType>(type: T): CallOf<T>[] {
    return this.calls.filter((c): c is CallOf<T> => c.type === type);
  }

  transport = async (message: { type: string; payload: unknown }): Promise<unknown> => {
    if (!(message.type in Messages)) throw new Error(`unexpected ${message.type}`);
    const type = message.type as ContentType & MessageType;
    const call = { type, payload: Messages[type].req.parse(message.payload) } as Call;
    this.calls.push(call);
    if (this.failWith) throw this.failWith;
    if (this.errorReply) return { ok: false, error: this.errorReply };
    const data = this.answer(call);
    // setStage and logTouch answer with a whole Person, which the content script never reads.
    if (type !== 'setStage' && type !== 'logTouch') Messages[type].res.parse(data);
    return { ok: true, data };
  };

  broadcast(message: unknown): void {
    for (const l of this.listeners) l(message);
  }

  private answer(call: Call): Answer<Call['type']> {
    switch (call.type) {
      case 'settingsGet':
        return { settings: this.settings };
      case 'listHandRaisePosts':
        return {
          posts: this.posts.map((url) => ({ postKey: `demo:${new URL(url).pathname}`, site: 'demo' as const, url, markedAt: 1 })),
        };
      case 'lookup': {
        const badges: Record<string, Badge> = {};
        for (const k of call.payload.profileKeys) {
          const b = this.badges.get(k);
          if (b) badges[k] = b;
        }
        return { badges };
      }
      case 'capture': {
        const p = call.payload;
        const key = `demo:${p.person.profileUrl.split('/').pop()}`;
        const created = !this.badges.has(key);
        const reachOut = p.as === 'reach_out' || (p.as === 'auto' && p.surface === 'reaction');
        const b = badge(`p-${key.slice(5)}`, p.person.name.slice(0, 200), { reachOut });
        this.badges.set(key, b);
        return { profileKey: key, created, capturedAs: reachOut ? 'reach_out' : 'lead', badge: b };
      }
      case 'setStage': {
        const p = call.payload;
        for (const [k, b] of this.badges) if (b.personId === p.personId) this.badges.set(k, { ...b, stage: p.stage });
        return { person: {} };
      }
      case 'logTouch':
        return { person: {}, touch: {} };
      case 'markHandRaisePost':
        this.posts.push(call.payload.url);
        return { post: { postKey: 'demo:x', site: 'demo', url: call.payload.url, markedAt: 1 } };
      case 'unmarkHandRaisePost': {
        const url = call.payload.url;
        this.posts = this.posts.filter((u) => u !== url);
        return { removed: true };
      }
      case 'recordDm':
        return { profileKey: 'demo:ana-souza', known: false, added: call.payload.messages.length };
      case 'reportSiteHealth':
        return { recorded: true };
      case 'openHandraiser':
        return { opened: true };
    }
  }
}

export interface Started {
  bg: FakeBackground;
  core: ContentCore;
}

/**
 * happy-dom makes no trusted events and lays nothing out: this guard takes every event as the
 * user's and every chip as visible, so the core's own logic can be tested. `trustedGuard` keeps
 * the real trust rules (trusted events, focus the user gave) and stubs only the layout checks.
 */
export const anyoneGuard = (): Guard => ({
  trusted: () => true,
  isUsers: () => true,
  visible: () => true,
  watch() {},
  focusedByUser: () => true,
  userFocused: () => document.activeElement,
});

export const trustedGuard = (anchorOf: (chip: Chip) => Element | null, life: Life): Guard => {
  const acts = new UserActs(document, TEST_EXPOSURE, life, anchorOf);
  acts.drawnAsOurs = () => true;
  return acts;
};

/** Dispatches `init` as an event the browser would have made for the user (isTrusted), on `target`. */
export function trusted<E extends Event>(target: EventTarget, event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
  return event;
}

/** The user moves the focus to `el` with the keyboard: a trusted Tab, then the focus change it makes. */
export function userFocus(el: HTMLElement): void {
  trusted(window, new KeyboardEvent('keydown', { key: 'Tab' }));
  el.focus();
}

export function start(
  bg = new FakeBackground(),
  adapter: SiteAdapter = demo,
  healthDelayMs = 60_000,
  more: Partial<CoreOptions> = { guard: anyoneGuard },
): Started {
  const core = startContent({
    adapter,
    doc: document,
    exposure: TEST_EXPOSURE,
    send: createContentClient(bg.transport),
    listen(fn) {
      bg.listeners.add(fn);
      return () => bg.listeners.delete(fn);
    },
    healthDelayMs,
    schedule: (cb) => setTimeout(cb, 0),
    ...more,
  });
  return { bg, core };
}

export function chips(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('handraiser-chip'));
}

export function chipFor(key: string): HTMLElement {
  const c = document.querySelector<HTMLElement>(`handraiser-chip[data-profile-key="${key}"]`);
  if (!c) throw new Error(`no chip for ${key}`);
  return c;
}

export function buttonOf(host: Element): HTMLButtonElement {
  return host.shadowRoot!.querySelector('button.chip') as HTMLButtonElement;
}

export function label(host: Element): string | null {
  return buttonOf(host).getAttribute('aria-label');
}

/** A comment with the same markup as demo/feed.html's addComments(). */
export function comment(i: number, name = `Reader ${i}`): HTMLElement {
  const c = document.createElement('div');
  c.className = 'comment';
  c.setAttribute('data-testid', 'comment');
  c.innerHTML = `<a class="avatar" href="/demo/profile/reader-${i}" tabindex="-1"><img src="avatars/ana-souza.svg" alt=""></a>
    <div class="body"><div class="bubble"><a class="name" data-testid="author" href="/demo/profile/reader-${i}"></a>
    <p data-testid="comment-text">Interested!</p></div></div>`;
  c.querySelector('[data-testid="author"]')!.textContent = name;
  return c;
}

/** emptyPost, already holding comments 0 to n-1 (added at once, as a page that loaded with them). */
export function postWith(n: number): HTMLElement {
  const section = emptyPost();
  const frag = document.createDocumentFragment();
  for (let i = 0; i < n; i++) frag.append(comment(i));
  section.append(frag);
  return section;
}

/** start, with the turns between slices (animation frames in the browser) held for the test to release. */
export function startWithTurns(): Started & { turns: (() => void)[] } {
  const turns: (() => void)[] = [];
  return { ...start(undefined, undefined, 60_000, { guard: anyoneGuard, turn: (cb) => turns.push(cb) }), turns };
}

export function emptyPost(): HTMLElement {
  document.body.innerHTML = `<main><article role="article" data-post-url="/demo/posts/101">
    <a data-testid="permalink" href="/demo/posts/101">post</a>
    <section data-testid="comments"></section></article></main>`;
  return document.querySelector('[data-testid="comments"]')!;
}
