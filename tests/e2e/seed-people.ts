/**
 * A seller's book of 1,000 people, deterministic, built with the domain's own rules (newPerson,
 * applyTouch, setStage) so every counter is what the extension would have kept: every site,
 * names with accents, leads, prospects (some ready to decide, some with a next step), customers,
 * people who replied, people on drip, suggestions, phones and e-mails, DM threads to open.
 * Relative to `now`, so some are overdue, some due today, most later. Imported through the
 * contract's importJson, as a restored backup would be.
 */
import type { Page } from 'playwright-core';
import { profileOf } from '../../src/domain/identity';
import { applyTouch, newPerson, setDrip, setStage } from '../../src/domain/person';
import { DEFAULT_SETTINGS, type Appointment, type Identity, type Person, type Site, type Touch } from '../../src/domain/types';
import { sendFrom, type ChromiumExtension } from './harness';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const FIRST = ['María', 'José', 'Ana', 'João', 'Lucía', 'Camila', 'Mateo', 'Valentina', 'Sofía', 'Andrés', 'Zoë', 'Chloé', 'Priya', 'Mei', 'Kwame', 'Ingrid', 'Tomás', 'Inês', 'Björn', 'Renée'];
const LAST = ['Fernández', 'García', 'Conceição', 'Muñoz', 'Pérez', 'Souza', 'Gómez', 'Díaz', 'Álvarez', 'Núñez', 'Müller', 'Okafor', 'Chen', 'Natarajan', 'Berg', 'Lefèvre', 'Sánchez', 'Rodríguez', 'Ibáñez', 'Gonçalves'];
const SITES: Exclude<Site, 'demo'>[] = ['facebook', 'instagram', 'linkedin', 'x', 'youtube', 'tiktok'];

function slugOf(name: string, i: number): string {
  return `${name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '_')}${i}`.slice(0, 15);
}

function profileUrl(site: Exclude<Site, 'demo'>, slug: string): string {
  switch (site) {
    case 'facebook':
      return `https://www.facebook.com/${slug.replace(/_/g, '.')}`;
    case 'instagram':
      return `https://www.instagram.com/${slug}/`;
    case 'linkedin':
      return `https://www.linkedin.com/in/${slug.replace(/_/g, '-')}/`;
    case 'x':
      return `https://x.com/${slug}`;
    case 'youtube':
      return `https://www.youtube.com/@${slug.replace(/_/g, '-')}`;
    case 'tiktok':
      return `https://www.tiktok.com/@${slug.replace(/_/g, '.')}`;
  }
}

const POST: Record<Exclude<Site, 'demo'>, (n: number) => string> = {
  facebook: (n) => `https://www.facebook.com/seller/posts/${1000 + n}`,
  instagram: (n) => `https://www.instagram.com/p/Cx${n}Ab/`,
  linkedin: (n) => `https://www.linkedin.com/feed/update/urn:li:activity:${7000 + n}/`,
  x: (n) => `https://x.com/seller/status/${17000 + n}`,
  youtube: (n) => `https://www.youtube.com/watch?v=abcdefghi${n % 10}k`,
  tiktok: (n) => `https://www.tiktok.com/@seller/video/${72000 + n}`,
};
const THREAD: Record<Exclude<Site, 'demo'>, (slug: string) => string | undefined> = {
  facebook: (s) => `https://www.facebook.com/messages/t/${s.replace(/_/g, '.')}`,
  instagram: (s) => `https://www.instagram.com/direct/t/${s.length}0${s.charCodeAt(0)}/`,
  linkedin: (s) => `https://www.linkedin.com/messaging/thread/2-${s}/`,
  x: (s) => `https://x.com/messages/${s.length}-${s.charCodeAt(0)}`,
  youtube: () => undefined,
  tiktok: () => undefined,
};

export interface SeedBook {
  people: Person[];
  touches: Touch[];
  appointments: Appointment[];
}

export function sellerBook(now: number, size = 1000): SeedBook {
  const s = DEFAULT_SETTINGS;
  const people: Person[] = [];
  const touches: Touch[] = [];
  const appointments: Appointment[] = [];
  for (let i = 0; i < size; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    const site = SITES[i % SITES.length]!;
    const slug = slugOf(name, i);
    const ref = profileOf(profileUrl(site, slug))!;
    const identity: Identity = { site, profileKey: ref.profileKey, profileUrl: ref.canonicalUrl, displayName: name };
    if (ref.handle) identity.handle = ref.handle;
    // One in ten was captured in the last two days and not written to yet.
    const fresh = i % 10 === 3;
    const created = fresh ? now - (i % 2) * DAY - 2 * HOUR : now - (10 + ((i * 37) % 110)) * DAY - ((i * 7) % 12) * HOUR;
    const post = POST[site](i % 40);
    const reachOut = i % 47 === 0;
    let p = newPerson(
      {
        id: `seed-${String(i).padStart(4, '0')}`,
        name,
        identity,
        source: { kind: i % 9 === 0 ? 'hand_raise_like' : i % 13 === 0 ? 'message' : 'comment', at: created, site, contextUrl: post },
        now: created,
        reachOut,
      },
      s,
    );
    const add = (t: Omit<Touch, 'id' | 'personId'>) => {
      const touch: Touch = { ...t, id: `${p.id}-t${touches.length}`, personId: p.id };
      touches.push(touch);
      p = applyTouch(p, touch, s);
    };
    add({ at: created, direction: 'inbound', channel: site, kind: 'comment', contextUrl: post, text: i % 3 ? 'Interested! How does it work?' : '¡Me interesa! ¿Cómo funciona?' });
    const thread = THREAD[site](slug);
    const dm = thread ? { contextUrl: thread } : {};
    const r = i % 100;
    if (!reachOut && !fresh) {
      // An exchange once (they answered), then the stage the seller moved them to.
      add({ at: created + 2 * DAY, direction: 'outbound', channel: site, kind: 'message', ...dm });
      add({ at: created + 2 * DAY + 3 * HOUR, direction: 'inbound', channel: site, kind: 'message', ...dm });
      if (r < 15) p = setStage(p, 'prospect', created + 3 * DAY, s);
      else if (r < 20) p = setStage(p, 'customer', created + 5 * DAY, s);
      else if (r < 23) p = setStage(p, 'team_member', created + 6 * DAY, s);
      else if (r < 30) p = setStage(p, 'not_interested', created + 5 * DAY, s);
      // The latest message you sent: its follow-up comes `gap` days later (cadence), so it is
      // overdue for about 1 in 30, due today for about 1 in 9, later for the rest.
      const gap = p.stage === 'lead' ? s.cadence.lead[1]! : s.cadence.contact[1]!;
      const daysAgo = i % 30 === 0 ? gap + 1 + (i % 3) : i % 9 === 1 || r < 2 ? gap : 1 + (i % (gap - 1 || 1));
      add({ at: now - daysAgo * DAY - ((i * 5) % 3) * HOUR, direction: 'outbound', channel: site, kind: 'message', ...dm });
      if (r >= 30 && r < 34) p = setDrip(p, true, now - DAY, s);
      if (r < 4) p = { ...p, qualification: { need: true, desire: true, decisionMaker: true, initiative: true } };
      else if (r < 8) p = { ...p, qualification: { need: true, desire: r % 2 === 0, decisionMaker: null, initiative: null } };
      if (r >= 5 && r < 9) p = { ...p, nextStep: { text: r % 2 ? 'Send the product video' : 'Call back after payday', at: now + (r - 7) * DAY } };
      if (r === 9) appointments.push({ id: `${p.id}-a`, personId: p.id, at: now + 2 * HOUR, kind: 'video_call', status: 'scheduled', createdAt: now - DAY, note: 'Zoom' });
    }
    // A reply waiting today for some of the people one wrote to.
    if (!reachOut && !fresh && i % 50 === 6) add({ at: now - 2 * HOUR, direction: 'inbound', channel: site, kind: 'message', ...dm });
    if (i % 5 === 0) p = { ...p, phone: `+34 6${String(10_000_000 + i * 7919).slice(0, 2)} ${String(100 + (i % 900))} ${String(1000 + i).slice(-3)}` };
    if (i % 7 === 0) p = { ...p, email: `${slug.replace(/_/g, '.')}@example.com` };
    people.push(p);
  }
  return { people, touches, appointments };
}

export function sellerBackup(now: number, size = 1000) {
  const book = sellerBook(now, size);
  return { format: 'handraiser-backup', version: 1, exportedAt: now, ...book, handRaisePosts: [] };
}

/** Elements drawn past the right edge of the page (or of the card they sit in). */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll<HTMLElement>('main *, .topbar *')) {
      if (el.closest('.visually-hidden') || el.closest('details:not([open]) > :not(summary)')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const card = el.parentElement?.closest<HTMLElement>('.card, .queue-row, .person-row');
      const limit = card ? card.getBoundingClientRect().right : width;
      if (r.right > limit + 1) out.push(`${el.tagName.toLowerCase()}.${el.className}: "${(el.textContent ?? '').trim().slice(0, 40)}" ends at ${Math.round(r.right)} > ${Math.round(limit)}`);
    }
    if (document.documentElement.scrollWidth > width + 1) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    return out.slice(0, 10);
  });
}

export async function seedBook(ext: ChromiumExtension): Promise<{ now: number; book: ReturnType<typeof sellerBackup> }> {
  const now = Date.now();
  const book = sellerBackup(now);
  const page = await ext.openPopup('?view=insight');
  await sendFrom(page, 'importJson', { data: book });
  await page.close();
  return { now, book };
}

