/**
 * Backup files larger than one message (see PART_CHARS), held by the background between the
 * messages that carry them: the text of the last export, served part by part, and the parts of
 * the last upload, joined for importJson. One of each at a time, each dropped when used, when
 * a newer one starts, or after TRANSFER_TTL_MS: a service worker holds no large text for long.
 */
import { MAX_PARTS } from './wire-names';

export const TRANSFER_TTL_MS = 5 * 60_000;

/** A refusal a person can act on; the router turns it into an error reply with this text. */
export class TransferError extends Error {
  constructor(readonly code: 'invalid' | 'not_found', message: string) {
    super(message);
  }
}

export function splitText(text: string, partChars: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += partChars) parts.push(text.slice(i, i + partChars));
  return parts.length ? parts : [''];
}

export class Transfers {
  private exported: { id: string; parts: string[]; at: number } | null = null;
  private upload: { id: string; parts: (string | undefined)[]; at: number } | null = null;

  constructor(private readonly newId: () => string = () => crypto.randomUUID()) {}

  /** Keeps an export's parts after the first (sent with the reply); returns its id. */
  keepExport(parts: string[], now: number): string {
    const id = this.newId();
    this.exported = { id, parts, at: now };
    return id;
  }

  /** Part `index` (1 or more) of the export `id`; the export is dropped after its last part. */
  exportPart(id: string, index: number, now: number): string {
    const e = this.exported;
    if (!e || e.id !== id || now - e.at > TRANSFER_TTL_MS || e.parts[index] === undefined) {
      throw new TransferError('not_found', 'This backup is no longer ready to download. Please export it again.');
    }
    const text = e.parts[index];
    if (index === e.parts.length - 1) this.exported = null;
    return text;
  }

  /** Stores part `index` of `count` of the upload `id`; a new id replaces an older upload. */
  addUploadPart(id: string, index: number, count: number, text: string, now: number): void {
    if (count > MAX_PARTS || index >= count) throw new TransferError('invalid', 'This file arrived in parts that do not fit together. Please import it again.');
    let u = this.upload;
    if (!u || u.id !== id || now - u.at > TRANSFER_TTL_MS) u = this.upload = { id, parts: new Array<string | undefined>(count).fill(undefined), at: now };
    if (u.parts.length !== count) throw new TransferError('invalid', 'This file arrived in parts that do not fit together. Please import it again.');
    u.parts[index] = text;
    u.at = now;
  }

  /** The whole text of the upload `id`, which is then dropped. */
  takeUpload(id: string, now: number): string {
    const u = this.upload;
    if (!u || u.id !== id || now - u.at > TRANSFER_TTL_MS || u.parts.some((p) => p === undefined)) {
      throw new TransferError('not_found', 'Only part of this file reached Handraiser, so nothing was imported. Please import it again.');
    }
    this.upload = null;
    return u.parts.join('');
  }
}
