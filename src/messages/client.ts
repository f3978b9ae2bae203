/**
 * The typed way for content scripts, popup and options to talk to the background.
 * Replies are validated too: a reply we cannot read is an error, never data.
 */
import browser from 'webextension-polyfill';
import { type ErrorCode, type ErrorDetail, type MessageType, type Req, type Res, replySchema } from './contract';

export class HandraiserError extends Error {
  override readonly name = 'HandraiserError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

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
    const parsed = replySchema(type).safeParse(raw);
    if (!parsed.success) {
      throw new HandraiserError('failed', 'Handraiser received an answer it could not read. Please try again.');
    }
    const reply = parsed.data;
    if (!reply.ok) throw new HandraiserError(reply.error.code, reply.error.message, reply.error.details ?? []);
    return reply.data as Res<T>;
  };
}

let defaultSend: Send | undefined;

export async function send<T extends MessageType>(type: T, payload: Req<T>): Promise<Res<T>> {
  defaultSend ??= createClient(browserTransport);
  return defaultSend(type, payload);
}
