/**
 * The site's own scripts against Handraiser, as an attacker writes them, on the store build
 * (dist/chrome, dist/firefox: closed roots, no test markers) under a real site's address:
 * - they cannot read who is stored or at what stage from anything we inject, even with 2,000
 *   fake comments for profiles of their choosing;
 * - they cannot turn a user's real click into a capture by fading, scaling, moving, covering or
 *   restyling a chip (clickjacking), in Chromium and Firefox;
 * - they cannot aim the keyboard command by focusing a chip;
 * - they cannot detect the extension by a fixed marker, and no content script runs on a
 *   subdomain where no site adapter reads.
 * The test itself may look inside the closed roots (Chrome DevTools Protocol) to prove the chips
 * are there and do differ: the page is the one that must not be able to.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureUrl, launchChromium, sendFrom, serveFixture, type ChromiumExtension } from './harness';
import { chipsOn, launchFirefox, pollFor, type FirefoxExtension } from './firefox';

const POST = 'tests/fixtures/sites/facebook/post-comments.html';
const FB = 'https://www.facebook.com';

interface ClosedChip {
  tag: string;
  /** The button's accessible name, which says the person and their status. */
  label: string;
  face: string;
}

/** Every closed shadow root's chip on the page, read through DevTools (a privilege the page does not have). */
async function closedChips(cdp: CDPSession): Promise<ClosedChip[]> {
  type N = { nodeName: string; localName?: string; nodeValue?: string; attributes?: string[]; children?: N[]; shadowRoots?: (N & { shadowRootType?: string })[] };
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: N };
  const out: ClosedChip[] = [];
  const text = (n: N): string => (n.nodeValue ?? '') + (n.children ?? []).map(text).join('');
  const attr = (n: N, name: string) => {
    const a = n.attributes ?? [];
    const i = a.indexOf(name);
    return i >= 0 && i % 2 === 0 ? a[i + 1]! : '';
  };
  const walk = (n: N): void => {
    for (const sr of n.shadowRoots ?? []) {
      const button = sr.shadowRootType === 'closed' ? (sr.children ?? []).find((c) => c.localName === 'button') : undefined;
      if (button) out.push({ tag: n.localName ?? '', label: attr(button, 'aria-label'), face: text(button) });
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** Stores people through the contract from an extension page, as earlier captures would have. */
async function seed(ext: ChromiumExtension, people: { slug: string; name: string; stage?: string }[]): Promise<void> {
  const popup = await ext.openPopup();
  for (const p of people) {
    const r = await sendFrom<{ badge: { personId: string } }>(popup, 'capture', {
      person: { profileUrl: `${FB}/${p.slug}`, name: p.name, pageUrl: `${FB}/carla.mendes.wellness/posts/pfbid02xYz9Kq` },
      surface: 'comment',
      as: 'lead',
    });
    if (p.stage) await sendFrom(popup, 'setStage', { personId: r.badge.personId, stage: p.stage });
  }
  await popup.close();
}

/** Deletes everyone, so each test starts from an empty pipeline. */
async function forget(ext: ChromiumExtension): Promise<void> {
  const popup = await ext.openPopup();
  await sendFrom(popup, 'deleteAll', { confirm: true });
  await popup.close();
}

async function storedKeys(ext: ChromiumExtension): Promise<string[]> {
  const popup = await ext.openPopup();
  const r = await sendFrom<{ rows: { person: { identities: { profileKey: string }[] } }[] }>(popup, 'pipeline', { limit: 200 });
  await popup.close();
  return r.rows.flatMap((x) => x.person.identities.map((i) => i.profileKey)).sort();
}

/**
 * What a page script can find out about every element it did not make itself (any element whose
 * name has a hyphen), keyed by the address of the link before it: attributes, root, text, what a
 * select-all copies, size, computed style, and whether a synthetic focus or hover opened anything.
 */
async function pageView(page: Page): Promise<{ href: string; view: string }[]> {
  return page.evaluate(async () => {
    const ours = [...document.querySelectorAll('body *')].filter((e) => e.localName.includes('-'));
    for (const el of ours) {
      (el as HTMLElement).focus();
      el.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'mouse' }));
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    }
    await new Promise((r) => setTimeout(r, 500));
    const selection = getSelection()!;
    return ours.map((el) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      const link = el.previousElementSibling;
      selection.selectAllChildren(el.parentElement!);
      const selected = selection.toString().replace(link?.textContent ?? '', '').trim();
      selection.removeAllRanges();
      const below = r.left >= 0 ? document.elementFromPoint(r.left + 5, r.bottom + 12) : null;
      let attach: string;
      try {
        el.attachShadow({ mode: 'open' });
        attach = 'attached';
      } catch (e) {
        attach = (e as Error).name;
      }
      return {
        href: link?.getAttribute('href') ?? '',
        view: JSON.stringify({
          attrs: el.getAttributeNames(),
          noRoot: el.shadowRoot === null,
          text: el.textContent,
          innerText: (el as HTMLElement).innerText,
          selected,
          size: [Math.round(r.width * 10), Math.round(r.height * 10)],
          style: [cs.display, cs.width, cs.height, cs.opacity, cs.color, cs.backgroundColor, cs.borderTopColor, cs.font, cs.cursor],
          focused: document.activeElement === el,
          cardBelow: below === el,
          attach,
          children: el.children.length,
        }),
      };
    });
  });
}

describe('a site script cannot read the pipeline from our chips (store build, Chromium)', () => {
  let ext: ChromiumExtension;
  beforeAll(async () => {
    ext = await launchChromium({ build: 'chrome' });
    await seed(ext, [
      { slug: 'ana.souza.1988', name: 'Ana Souza' },
      { slug: 'jose.garcia.mx', name: 'José García', stage: 'prospect' },
      { slug: 'profile.php?id=100089123456789', name: 'Mei Chen', stage: 'not_interested' },
    ]);
    await serveFixture(ext.context, fixtureUrl(POST), POST);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('2,000 fake comments for profiles of its choosing: every chip looks the same to the page, whoever is stored and at what stage', async () => {
    const page = await ext.context.newPage();
    await page.goto(fixtureUrl(POST));
    const cdp = await page.context().newCDPSession(page);
    // The page's own script: a block of comments, off screen, naming whom it likes, stored or not.
    const chosen = ['ana.souza.1988', 'jose.garcia.mx', 'profile.php?id=100089123456789', ...Array.from({ length: 1997 }, (_, i) => `stranger.${i}`)];
    const hrefs = chosen.map((slug) => `${FB}/${slug}`);
    await page.evaluate((list) => {
      const box = document.createElement('div');
      box.style.cssText = 'position:absolute;left:-10000px;top:0';
      const outer = document.createElement('div');
      outer.setAttribute('role', 'article');
      outer.innerHTML = '<a href="https://www.facebook.com/carla.mendes.wellness/posts/pfbid02xYz9Kq">post</a>';
      for (const href of list) {
        const c = document.createElement('div');
        c.setAttribute('role', 'article');
        c.innerHTML = '<span><a role="link"></a></span><div dir="auto">hi</div>';
        const a = c.querySelector('a')!;
        a.href = href;
        a.textContent = 'Someone';
        outer.append(c);
      }
      box.append(outer);
      document.body.append(box);
    }, hrefs);
    // The chips are there and do differ, as the test (not the page) can see inside the closed roots.
    await expect.poll(async () => (await closedChips(cdp)).filter((c) => c.face !== '').length, { timeout: 30_000 }).toBe(2004);
    const closed = await closedChips(cdp);
    const faces = new Set(closed.map((c) => c.face));
    expect(faces).toContain('+ Lead');
    expect(faces).toContain('Lead');
    expect(faces).toContain('Prospect');
    expect(faces).toContain('Said no');

    const seen = await pageView(page);
    expect(seen.length).toBe(closed.length);
    const stored = ['ana.souza.1988', 'jose.garcia.mx', 'id=100089123456789'];
    const isStored = (href: string) => stored.some((s) => href.includes(s));
    // Both kinds are among what the page looks at: the fixture's own comments and its fakes.
    expect(seen.filter((x) => isStored(x.href)).length).toBeGreaterThanOrEqual(6);
    expect(seen.filter((x) => !isStored(x.href)).length).toBeGreaterThanOrEqual(1998);
    // One view for everyone: no attribute, no open root, no text, one size, one style, no card.
    const views = new Set(seen.map((x) => x.view));
    expect(views.size).toBe(1);
    const one = JSON.parse([...views][0]!) as Record<string, unknown>;
    expect(one).toMatchObject({ attrs: [], noRoot: true, text: '', innerText: '', selected: '', cardBelow: false, focused: false });
    expect(await storedKeys(ext)).toHaveLength(3);

    // No fixed name or marker to detect us by: a name made up for this page, no data-handraiser.
    const tag = closed[0]!.tag;
    expect(tag).not.toMatch(/handraiser/i);
    expect(await page.evaluate(() => document.documentElement.getAttributeNames())).not.toContain('data-handraiser');
    await page.reload();
    await expect.poll(async () => (await closedChips(cdp)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect((await closedChips(cdp))[0]!.tag).not.toBe(tag);
    await page.close();
  });

  it('no content script runs on a subdomain where no adapter reads, nor any marker where the site is off', async () => {
    const contexts = async (url: string, body: string): Promise<string[]> => {
      await ext.context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body }));
      const page = await ext.context.newPage();
      const cdp = await page.context().newCDPSession(page);
      const names: string[] = [];
      cdp.on('Runtime.executionContextCreated', (e: { context: { name: string; auxData?: { type?: string } } }) => {
        if (e.context.auxData?.type === 'isolated' && e.context.name === 'Handraiser') names.push(e.context.name);
      });
      await cdp.send('Runtime.enable');
      await page.goto(url);
      await page.waitForTimeout(1_500);
      await page.close();
      return names;
    };
    expect(await contexts(`${FB}/carla.mendes.wellness`, '<p>profile</p>')).toContain('Handraiser');
    expect(await contexts('https://developers.facebook.com/docs/', '<p>docs</p>')).toEqual([]);
    expect(await contexts('https://business.instagram.com/', '<p>business</p>')).toEqual([]);
  });
});

// ---------- clickjacking ----------

/**
 * Each attack is the page's own script on Ana Souza's comment (the chip right after her name
 * link), leaving the chip under where the user is about to click.
 */
const ATTACKS: { name: string; script: string }[] = [
  { name: 'an ancestor faded to 2%', script: `link.closest('[role="article"]').style.opacity = '0.02'` },
  { name: 'an ancestor scaled up 3x', script: `const a = link.closest('[role="article"]'); a.style.transformOrigin = '0 0'; a.style.transform = 'scale(3)'` },
  { name: 'the chip moved into a box of the page', script: `const box = document.createElement('div'); box.style.cssText = 'position:fixed;left:0;top:0;z-index:9'; document.body.append(box); box.append(chip)` },
  { name: "the page's own styles on the host", script: `chip.style.cssText = 'opacity:0 !important;position:fixed !important;left:0 !important;top:0 !important;transform:scale(4) !important'` },
];

/** The attack scripts, run in the page with `link` (Ana's name link) and `chip` (the element after it). */
async function attack(page: Page | import('puppeteer-core').Page, script: string): Promise<void> {
  await (page as Page).evaluate((s) => {
    const link = document.querySelector('a[href^="https://www.facebook.com/ana.souza.1988"][role="link"] span')?.closest('a') as HTMLElement;
    const chip = link.nextElementSibling as HTMLElement;
    (window as unknown as { __chip: HTMLElement }).__chip = chip;
    new Function('link', 'chip', s)(link, chip);
  }, script);
}

/** The centre of Ana's chip, as the page lays it out now. */
async function chipCentre(page: Page | import('puppeteer-core').Page): Promise<{ x: number; y: number }> {
  return (page as Page).evaluate(() => {
    const link = document.querySelector('a[href^="https://www.facebook.com/ana.souza.1988"][role="link"] span')?.closest('a') as HTMLElement;
    const chip = (window as unknown as { __chip?: HTMLElement }).__chip ?? (link.nextElementSibling as HTMLElement);
    const r = chip.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
}

describe('clickjacking: a real click on a chip the page faded, scaled, moved or restyled captures nobody (store build, Chromium)', () => {
  let ext: ChromiumExtension;
  beforeAll(async () => {
    ext = await launchChromium({ build: 'chrome' });
    await serveFixture(ext.context, fixtureUrl(POST), POST);
  });
  afterAll(async () => {
    await ext?.close();
  });

  const open = async (): Promise<Page> => {
    await forget(ext);
    expect(await storedKeys(ext)).toEqual([]);
    const page = await ext.context.newPage();
    await page.goto(fixtureUrl(POST));
    await expect.poll(async () => (await closedChips(await page.context().newCDPSession(page))).length, { timeout: 15_000 }).toBe(4);
    await page.waitForTimeout(300);
    return page;
  };

  for (const a of [
    ...ATTACKS,
    {
      name: 'a decoy of the page drawn over the chip, letting clicks through',
      script: `const r = chip.getBoundingClientRect(); const d = document.createElement('div'); d.textContent = 'Play'; d.style.cssText = 'position:fixed;z-index:9;pointer-events:none;background:#08f;color:#fff;left:' + (r.left - 4) + 'px;top:' + (r.top - 4) + 'px;width:' + (r.width + 8) + 'px;height:' + (r.height + 8) + 'px'; document.body.append(d)`,
    },
  ]) {
    it(a.name, async () => {
      const page = await open();
      await attack(page, a.script);
      const { x, y } = await chipCentre(page);
      await page.mouse.move(x, y, { steps: 4 });
      await page.waitForTimeout(200);
      await page.mouse.click(x, y);
      await page.waitForTimeout(1_500);
      expect(await storedKeys(ext)).toEqual([]);
      if (a.name.includes('styles on the host')) {
        // Our own styles won (the chip stayed in place, as drawn) and the page's attribute is gone.
        expect(await page.evaluate(() => document.querySelector('a[href^="https://www.facebook.com/ana.souza.1988"][role="link"] span')!.closest('a')!.nextElementSibling!.getAttribute('style'))).toBeNull();
      }
      await page.close();
    });
  }

  it('the same chip, as we drew it: one real click captures', async () => {
    const page = await open();
    const { x, y } = await chipCentre(page);
    await page.mouse.move(x, y, { steps: 4 });
    await page.mouse.click(x, y);
    await expect.poll(() => storedKeys(ext), { timeout: 10_000 }).toEqual(['facebook:ana.souza.1988']);
    await page.close();
  });

  it('a chip two pixels past the window\'s bottom edge, as a user scrolls to it: one real click captures', async () => {
    const page = await open();
    const { x, y } = await chipCentre(page);
    // The chip is 18px tall: its last 2px are below the window.
    await page.setViewportSize({ width: 1280, height: Math.floor(y + 9 - 2) });
    await page.waitForTimeout(300);
    await page.mouse.move(x, y - 2, { steps: 4 });
    await page.mouse.click(x, y - 2);
    await expect.poll(() => storedKeys(ext), { timeout: 10_000 }).toEqual(['facebook:ana.souza.1988']);
    await page.close();
  });

  it('a chip the page clips to a sliver: a real click on the sliver captures nobody', async () => {
    const page = await open();
    // The chip stays beside its name; the name's container is cut 4px below the chip's top.
    await attack(page, `const p = chip.parentElement; const cr = chip.getBoundingClientRect(); p.style.display = 'inline-block'; p.style.overflow = 'hidden'; p.style.verticalAlign = 'top'; p.style.height = (cr.top - p.getBoundingClientRect().top + 4) + 'px'`);
    const top = await page.evaluate(() => (window as unknown as { __chip: HTMLElement }).__chip.getBoundingClientRect());
    const at = (dy: number): Promise<boolean> =>
      page.evaluate(({ x, y }) => document.elementFromPoint(x, y) === (window as unknown as { __chip: HTMLElement }).__chip, { x: top.left + top.width / 2, y: top.top + dy });
    // What the attack made: the chip's top shows, the rest is cut away.
    expect(await at(2)).toBe(true);
    expect(await at(12)).toBe(false);
    await page.mouse.move(top.left + top.width / 2, top.top + 2, { steps: 4 });
    await page.waitForTimeout(200);
    await page.mouse.click(top.left + top.width / 2, top.top + 2);
    await page.waitForTimeout(1_500);
    expect(await storedKeys(ext)).toEqual([]);
    await page.close();
  });

  it('the keyboard command does nothing on a chip the page focused', async () => {
    const page = await open();
    // A page cannot reach the button in a closed root; it focuses what it can, then the command comes.
    await page.evaluate(() => {
      const link = document.querySelector('a[href*="jose.garcia.mx"][role="link"] span')!.closest('a')!;
      (link.nextElementSibling as HTMLElement).focus();
      link.focus();
    });
    await page.waitForTimeout(300);
    const worker = await ext.worker();
    await worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      if (tab?.id !== undefined) await chrome.tabs.sendMessage(tab.id, { type: 'handraiser:command', command: 'capture-focused' });
    }, page.url());
    await page.waitForTimeout(1_000);
    expect(await storedKeys(ext)).not.toContain('facebook:jose.garcia.mx');
    await page.close();
  });
});

describe('clickjacking in Firefox: the same attacks capture nobody, the chip as drawn captures', () => {
  let firefox: FirefoxExtension;
  beforeAll(async () => {
    firefox = await launchFirefox();
  });
  afterAll(async () => {
    await firefox?.close();
  });

  for (const a of ATTACKS) {
    it(a.name, async () => {
      const tab = await firefox.newPage();
      await tab.openFixture(POST);
      await pollFor(() => chipsOn(tab.page), (c) => c.filter((x) => x.state === 'unknown').length === 4, 20_000, 'chips');
      await attack(tab.page, a.script);
      const { x, y } = await chipCentre(tab.page);
      await tab.page.mouse.move(x, y);
      await tab.page.mouse.click(x, y);
      await new Promise((r) => setTimeout(r, 1_500));
      const ana = (await chipsOn(tab.page)).find((c) => c.key === 'facebook:ana.souza.1988');
      expect(ana?.state).toBe('unknown');
      await tab.page.close();
    });
  }

  it('the same chip, as we drew it: one real click captures', async () => {
    const tab = await firefox.newPage();
    await tab.openFixture(POST);
    await pollFor(() => chipsOn(tab.page), (c) => c.length === 4 && c.every((x) => x.state !== 'pending'), 20_000, 'chips');
    const { x, y } = await chipCentre(tab.page);
    await tab.page.mouse.move(x, y);
    await tab.page.mouse.click(x, y);
    await pollFor(() => chipsOn(tab.page), (c) => c.some((x) => x.key === 'facebook:ana.souza.1988' && x.state === 'lead'), 10_000, 'Ana captured');
    expect(tab.problems).toEqual([]);
    await tab.page.close();
  });
});
