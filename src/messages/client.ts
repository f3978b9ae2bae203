/**
 * The typed way for the popup and the options page to talk to the background.
 *
 * The trust boundary is the background: it validates every request with zod on arrival. A
 * reply comes from our own service worker, in the same extension package, built by handlers
 * TypeScript checks against the contract's reply types (and the reliability tests check real
 * replies against the contract's zod schemas). So the client reads the envelope without zod,
 * and a reply whose envelope it cannot read is an error, never data. This keeps zod, and the
 * time a cold page spends loading it (bench/README.md), out of the pages a person waits for.
 */
import browser from 'webextension-polyfill';
import type { ErrorCode, ErrorDetail, MessageType, Req, Res } from './contract';
import { HandraiserError } from './handraiser-error';
import { ERROR_CODES } from './wire-names';

export { HandraiserError } from './handraiser-error';

/** Sends one message and resolves with the raw reply. Injectable for tests. */
export type Transport = (message: { type: MessageType; payload: unknown }) => Promise<unknown>;

export const browserTransport: Transport = (message) => browser.runtime.sendMessage(message);

export type Send = <T extends MessageType>(type: T, payload: Req<T>) => Promise<Res<T>>;

export function createClient(transport: Transport): Send {
  return async function sendWith<T extends MessageType>(type: T, payload: Req<T>): Promise<Res<T>> {
    let raw: unknown;
    try {
      raw = await transport({ type, payload });
    } catch (e) {
      throw new HandraiserError(
        'failed',
        'Handraiser could not reach its background service. Reload the page, or restart the browser if it keeps happening.',
      );
    }
    const reply = readEnvelope(raw);
    if (!reply) throw new HandraiserError('failed', 'Handraiser received an answer it could not read. Please try again.');
    if (!reply.ok) throw new HandraiserError(reply.error.code, reply.error.message, reply.error.details);
    return reply.data as Res<T>;
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** `{ ok: true, data }` or `{ ok: false, error }` with a known code and readable text; else null. */
export function readEnvelope(
  raw: unknown,
): { ok: true; data: unknown } | { ok: false; error: { code: ErrorCode; message: string; details: ErrorDetail[] } } | null {
  if (!isObject(raw)) return null;
  if (raw.ok === true) return 'data' in raw && raw.data !== undefined ? { ok: true, data: raw.data } : null;
  if (raw.ok !== false || !isObject(raw.error)) return null;
  const { code, message, details } = raw.error;
  if (!(ERROR_CODES as readonly unknown[]).includes(code) || !isText(message, 2000)) return null;
  const rows = details ?? [];
  if (!Array.isArray(rows) || rows.length > 100) return null;
  const okRow = (d: unknown): d is ErrorDetail => isObject(d) && isText(d.row, 300) && isText(d.path, 300) && isText(d.message, 1000);
  if (!rows.every(okRow)) return null;
  return { ok: false, error: { code: code as ErrorCode, message, details: rows } };
}

let defaultSend: Send | undefined;

export async function send<T extends MessageType>(type: T, payload: Req<T>): Promise<Res<T>> {
  defaultSend ??= createClient(browserTransport);
  return defaultSend(type, payload);
}
