/**
 * Undo for person changes: put the person back as they were, through the ordinary messages
 * (setStage, setQualification, updatePerson), each step compared against the latest state
 * because one change can move another (a stage change can end drip).
 */
import { QUALIFICATION_QUESTIONS } from '../domain/constants';
import type { Person, Qualification } from '../domain/types';
import type { Req, Res } from '../messages/contract';
import type { Send } from '../messages/client';

export interface PersonDiff {
  stage?: Person['stage'];
  qualification?: Partial<Qualification>;
  update?: Omit<Req<'updatePerson'>, 'personId'>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What must be sent to turn `current` back into `before`. Empty object: nothing. */
export function personDiff(before: Person, current: Person): PersonDiff {
  const diff: PersonDiff = {};
  if (before.stage !== current.stage) diff.stage = before.stage;
  const q: Partial<Qualification> = {};
  for (const k of QUALIFICATION_QUESTIONS) if (before.qualification[k] !== current.qualification[k]) q[k] = before.qualification[k];
  if (Object.keys(q).length > 0) diff.qualification = q;
  const u: NonNullable<PersonDiff['update']> = {};
  if (before.name !== current.name) u.name = before.name;
  if (before.notes !== current.notes) u.notes = before.notes;
  if (before.market !== current.market) u.market = before.market;
  if (before.reachOut !== current.reachOut) u.reachOut = before.reachOut;
  if (before.onDrip !== current.onDrip) u.onDrip = before.onDrip;
  if (!same(before.nextStep, current.nextStep)) u.nextStep = before.nextStep ?? null;
  if (before.phone !== current.phone) u.phone = before.phone ?? null;
  if (before.email !== current.email) u.email = before.email ?? null;
  if (Object.keys(u).length > 0) diff.update = u;
  return diff;
}

export function isEmptyDiff(d: PersonDiff): boolean {
  return d.stage === undefined && d.qualification === undefined && d.update === undefined;
}

export async function restorePerson(send: Send, before: Person, current: Person): Promise<Person> {
  let now = current;
  const personId = before.id;
  let diff = personDiff(before, now);
  if (diff.stage !== undefined) {
    now = (await send('setStage', { personId, stage: diff.stage })).person;
    diff = personDiff(before, now);
  }
  if (diff.qualification) {
    now = (await send('setQualification', { personId, qualification: diff.qualification })).person;
    diff = personDiff(before, now);
  }
  if (diff.update) {
    const res: Res<'updatePerson'> = await send('updatePerson', { personId, ...diff.update });
    now = res.person;
  }
  return now;
}
