/**
 * Messages of an open DM thread, as the store wants them: direction, time and a dedupe key
 * per message (text only when the user turned storeMessageText on). The key is the site's own
 * message id when it has one; otherwise a hash of partner, direction, time, text and the
 * occurrence count of that same tuple, so older messages loading above never shift the keys of
 * those already logged (a plain position index would).
 */
import type { Site } from '../domain/types';
import type { Req } from '../messages/contract';
import { shortHash } from './hash';
import type { DmThreadReader } from './sites/types';
import { MAX_DM_MESSAGES } from '../messages/wire-names';
import { LIMITS, cleanText, validatePerson, type PagePersonView } from './validate';
import { warnOnce } from './warn';
import type { Badge, ContentSend } from './wire';

type DmMessage = Req<'recordDm'>['messages'][number];

export class DmReader {
  /** Occurrences of (partner, direction, time, text) already keyed on this page. */
  private counts = new Map<string, number>();

  constructor(
    private readonly site: Site,
    private readonly reader: DmThreadReader,
  ) {}

  /** After navigation: another thread, counts start over. */
  reset(): void {
    this.counts.clear();
  }

  read(els: readonly Element[], page: URL, partnerKey: string, storeText: boolean): DmMessage[] {
    const out: DmMessage[] = [];
    for (const el of els) {
      let raw;
      try {
        raw = this.reader.readMessage(el, page);
      } catch (e) {
        warnOnce('could not read a message', e);
        continue;
      }
      if (!raw || (raw.direction !== 'inbound' && raw.direction !== 'outbound')) continue;
      const at = typeof raw.at === 'number' && Number.isFinite(raw.at) && raw.at >= 0 ? Math.floor(raw.at) : undefined;
      const text = cleanText(raw.text, LIMITS.text);
      const id = cleanText(raw.id, 200);
      let dedupeKey: string;
      if (id) {
        dedupeKey = `${this.site}:id:${id}`;
      } else {
        const tuple = `${partnerKey}\n${raw.direction}\n${at ?? ''}\n${shortHash(text)}`;
        const n = this.counts.get(tuple) ?? 0;
        this.counts.set(tuple, n + 1);
        dedupeKey = `${this.site}:h:${shortHash(`${tuple}\n${n}`)}`;
      }
      const m: DmMessage = { dedupeKey, direction: raw.direction };
      if (at !== undefined) m.at = at;
      if (storeText && text) m.text = text;
      out.push(m);
    }
    return out;
  }
}

/** What the recorder needs from the core: the page's person view, its send, and where a badge goes. */
export interface DmRecorderDeps {
  doc: Document;
  reader: DmThreadReader;
  site: Site;
  send: ContentSend;
  /** The partner as the store wants them on a message. */
  pagePerson(p: PagePersonView): Req<'recordDm'>['person'];
  storeText(): boolean;
  /** The background answered with the partner's status. */
  onBadge(profileKey: string, badge: Badge): void;
}

/**
 * Records an open thread's messages against its partner. The thread header may render a frame
 * after its messages: until the partner is readable, the last messages wait for the next batch.
 */
export class DmRecorder {
  private readonly messages: DmReader;
  private waiting: Element[] = [];

  constructor(private readonly deps: DmRecorderDeps) {
    this.messages = new DmReader(deps.site, deps.reader);
  }

  /** Another page (single-page navigation): another thread. */
  reset(): void {
    this.messages.reset();
    this.waiting = [];
  }

  get hasWaiting(): boolean {
    return this.waiting.length > 0;
  }

  async record(found: readonly Element[], url: URL): Promise<void> {
    const { reader, site, doc } = this.deps;
    const els = [...this.waiting, ...found];
    this.waiting = [];
    let raw;
    try {
      raw = reader.partner(doc, url);
    } catch (e) {
      warnOnce('could not read the message partner', e);
    }
    const partner = validatePerson(raw, url, site);
    if (!partner) {
      this.waiting = els.filter((el) => el.isConnected).slice(-MAX_DM_MESSAGES);
      return;
    }
    const messages = this.messages.read(els, url, partner.profileKey, this.deps.storeText());
    for (let i = 0; i < messages.length; i += MAX_DM_MESSAGES) {
      const req: Req<'recordDm'> = { person: this.deps.pagePerson(partner), messages: messages.slice(i, i + MAX_DM_MESSAGES) };
      if (partner.contextUrl) req.threadUrl = partner.contextUrl;
      const res = await this.deps.send('recordDm', req);
      if (res.badge) this.deps.onBadge(res.profileKey, res.badge);
    }
  }
}
