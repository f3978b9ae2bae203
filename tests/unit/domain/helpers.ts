import { newPerson } from '../../../src/domain/person';
import { DEFAULT_SETTINGS, type Person, type Settings, type Touch } from '../../../src/domain/types';

export const S: Settings = DEFAULT_SETTINGS;
/** A fixed local morning, far from any DST change. */
export const T0 = new Date(2026, 0, 12, 10, 0, 0).getTime();
/** `n` local calendar days after `t`, same wall-clock time. */
export const days = (n: number, t = T0) => {
  const d = new Date(t);
  d.setDate(d.getDate() + n);
  return d.getTime();
};
export const hours = (n: number, t = T0) => t + n * 3_600_000;

let seq = 0;
export function lead(over: Partial<Parameters<typeof newPerson>[0]> = {}, settings = S): Person {
  seq += 1;
  return newPerson(
    { id: `p${seq}`, name: `Person ${seq}`, source: { kind: 'comment', at: over.now ?? T0 }, now: T0, ...over },
    settings,
  );
}

export function touch(over: Partial<Touch> & Pick<Touch, 'at'>): Touch {
  seq += 1;
  return {
    id: `t${seq}`,
    personId: 'p',
    direction: 'outbound',
    channel: 'facebook',
    kind: 'message',
    ...over,
  };
}
export const out = (at: number, over: Partial<Touch> = {}) => touch({ at, direction: 'outbound', ...over });
export const inb = (at: number, over: Partial<Touch> = {}) => touch({ at, direction: 'inbound', ...over });
