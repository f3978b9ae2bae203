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
import { LIMITS, cleanText } from './validate';
import { warnOnce } from './warn';

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
