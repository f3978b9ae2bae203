/** A fake background for rendering the screens: answers contract messages from memory. */
import { vi } from 'vitest';
import { newPerson } from '../../../src/domain/person';
import { DEFAULT_SETTINGS, type Person, type Stage } from '../../../src/domain/types';
import type { MessageType, PersonRow, Req, Res, SignalsView } from '../../../src/messages/contract';
import type { Send } from '../../../src/messages/client';
import type { Api } from '../../../src/ui/api';

export const NOW = new Date(2026, 2, 9, 10, 0).getTime();

export const NO_SIGNALS: SignalsView = {
  followUpDue: false,
  overdue: false,
  chasing: false,
  noNextStep: false,
  readyToDecide: false,
  onDrip: false,
  notInterested: false,
};

export function person(id: string, name: string, stage: Stage = 'lead', extra: Partial<Person> = {}): Person {
  const slug = id.toLowerCase();
  const p = newPerson(
    {
      id,
      name,
      identity: {
        site: 'demo',
        profileKey: `demo:${slug}`,
        profileUrl: `http://127.0.0.1:8337/demo/profile/${slug}`,
        displayName: name,
        handle: slug,
      },
      source: { kind: 'comment', at: NOW - 86_400_000, site: 'demo' },
      now: NOW - 86_400_000,
      stage,
    },
    DEFAULT_SETTINGS,
  );
  return { ...p, ...extra };
}

export const row = (p: Person, signals: Partial<SignalsView> = {}): PersonRow => ({ person: p, signals: { ...NO_SIGNALS, ...signals } });

type Handler<T extends MessageType> = (req: Req<T>) => Res<T> | Promise<Res<T>>;
export type Handlers = { [T in MessageType]?: Handler<T> };

export function fakeApi(handlers: Handlers): Api & { calls: { type: MessageType; payload: unknown }[]; send: Send } {
  const calls: { type: MessageType; payload: unknown }[] = [];
  const send = vi.fn(async (type: MessageType, payload: unknown) => {
    calls.push({ type, payload });
    const h = handlers[type] as ((p: unknown) => unknown) | undefined;
    if (!h) throw Object.assign(new Error(`no fake for ${type}`), { name: 'HandraiserError' });
    return h(payload);
  }) as unknown as Send;
  return { send, now: () => NOW, openOptions: vi.fn(), isDev: true, calls };
}

/** Lets effects, debounces and promise chains settle. */
export async function settle(ms = 0): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, ms));
  }
}
