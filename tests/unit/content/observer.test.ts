// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_EXPOSURE } from '../../../src/content/exposure';
const CHIP_TAG = TEST_EXPOSURE.tag;
import { observePage, type Match, type PageObserver } from '../../../src/content/observer';

/** Lets mutation records (delivered on a timer in happy-dom) and the 0 ms scan timer through. */
const tick = async (): Promise<void> => {
  for (let i = 0; i < 4; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('when the observer scans (its default schedule)', () => {
  let frames: FrameRequestCallback[] = [];
  /** The document timeline's time: moves only when a frame goes by. */
  let frameTime: number | null = 0;
  let observer: PageObserver | null = null;
  const seen: string[][] = [];
  const add = (id: string, tag = 'div'): HTMLElement => {
    const el = document.createElement(tag);
    el.className = 'x';
    el.id = id;
    document.body.append(el);
    return el;
  };
  /** A frame goes by: the timeline moves on, frame callbacks run. */
  const runFrame = (): void => {
    if (frameTime !== null) frameTime += 16;
    const now = frames;
    frames = [];
    for (const cb of now) cb(0);
  };

  beforeEach(async () => {
    document.body.innerHTML = '';
    frames = [];
    frameTime = 0;
    seen.length = 0;
    Object.defineProperty(document, 'timeline', { configurable: true, get: () => ({ currentTime: frameTime }) });
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    observer = observePage({
      doc: document,
      selectors: ['.x'],
      ownTag: CHIP_TAG,
      onMatches: (m: Match[]) => seen.push(m.map((x) => x.el.id)),
      onNavigate() {},
      onError(e) {
        throw e;
      },
    });
    await tick(); // the first scan, of the whole document
  });
  afterEach(() => {
    observer?.stop();
    vi.restoreAllMocks();
    delete (document as { timeline?: unknown }).timeline;
  });

  it('right after the page task that added elements, without waiting for a frame', async () => {
    runFrame();
    add('a');
    add('b');
    await tick();
    expect(seen).toEqual([['a', 'b']]);
    expect(frames).toHaveLength(0);
  });

  it('at most once a frame: what comes later in the same frame waits for the next frame', async () => {
    runFrame();
    add('a');
    await tick();
    add('b');
    await tick();
    expect(seen).toEqual([['a']]);
    runFrame();
    expect(seen).toEqual([['a'], ['b']]);
    // A new frame: the next addition is scanned at once again.
    runFrame();
    add('c');
    await tick();
    expect(seen).toEqual([['a'], ['b'], ['c']]);
  });

  it('without frames (a background tab) the queue still drains, on a 250 ms timer', async () => {
    const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    add('a');
    await wait(100);
    expect(seen).toEqual([]);
    await wait(250);
    expect(seen).toEqual([['a']]);
  });

  it('where there is no timeline, every page task is scanned soon', async () => {
    frameTime = null;
    add('a');
    await tick();
    add('b');
    await tick();
    expect(seen).toEqual([['a'], ['b']]);
  });

  it('settle() takes our own chips off the records at once, and still queues what the page added', async () => {
    runFrame();
    const chip = document.createElement(CHIP_TAG);
    chip.className = 'x';
    document.body.append(chip);
    add('a');
    observer!.settle();
    await tick();
    expect(seen).toEqual([['a']]);
  });
});

describe("inside the site's open shadow roots", () => {
  it('reads and watches the open root of an element the adapter names as a shadow host, and only those', async () => {
    document.body.innerHTML = '';
    const seen: string[] = [];
    const host = document.createElement('chat-app');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<div class="x" id="in-root"></div>';
    const other = document.createElement('other-app');
    other.attachShadow({ mode: 'open' }).innerHTML = '<div class="x" id="not-watched"></div>';
    document.body.append(host, other);
    const observer = observePage({
      doc: document,
      selectors: ['.x'],
      ownTag: CHIP_TAG,
      shadowHosts: 'chat-app',
      schedule: (cb) => setTimeout(cb, 0),
      onMatches: (m: Match[]) => seen.push(...m.map((x) => x.el.id)),
      onNavigate() {},
      onError(e) {
        throw e;
      },
    });
    try {
      await tick();
      expect(seen).toEqual(['in-root']);
      // What the chat adds later inside its root is found too.
      const later = document.createElement('div');
      later.className = 'x';
      later.id = 'added-later';
      root.append(later);
      await tick();
      expect(seen).toEqual(['in-root', 'added-later']);
    } finally {
      observer.stop();
    }
  });
});
