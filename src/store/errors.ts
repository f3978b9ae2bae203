import type { z } from 'zod';

export type StoreErrorCode = 'invalid' | 'not_found';

/** A refusal the user can act on; its message is a plain sentence. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ImportProblem {
  /** Which row, in words: "person 3 (Jane Doe)". */
  row: string;
  /** Which field: "identities.0.profileUrl". */
  path: string;
  message: string;
}

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(readonly problems: ImportProblem[]) {
    const first = problems[0];
    super(
      problems.length === 0
        ? 'The file could not be imported.'
        : `The file could not be imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} found, nothing was changed. First: ${first!.row}${first!.path ? `, ${first!.path}` : ''}: ${first!.message}`,
    );
  }
}

const FIELD_WORDS: Record<string, string> = {
  profileUrl: 'profile address',
  pageUrl: 'page address',
  contextUrl: 'post or thread address',
  threadUrl: 'thread address',
  avatarUrl: 'picture address',
  url: 'address',
  as: 'kind of capture',
  personId: 'person',
  keepId: 'person to keep',
  otherId: 'person to merge',
  appointmentId: 'appointment',
  profileKeys: 'profile keys',
  identities: 'profiles',
  stageHistory: 'stage history',
  nextFollowUpAt: 'next follow-up',
  displayName: 'name',
  dedupeKey: 'message id',
  at: 'time',
  nextStep: 'next step',
  dailyGoal: 'daily goal',
  quietHours: 'quiet hours',
  summaryTime: 'summary time',
  storeMessageText: 'store message text',
  decisionMaker: 'decision-maker',
  pageType: 'page type',
  sourceKind: 'source',
  onDrip: 'on drip',
  reachOut: 'reach out',
};

/** "person.profileUrl" → "profile address"; list positions become "item 3". */
export function fieldInWords(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (const p of path) {
    if (typeof p === 'number') parts.push(`item ${p + 1}`);
    else {
      const s = String(p);
      parts.push(FIELD_WORDS[s] ?? s.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
    }
  }
  return parts.join(', ');
}

/** One zod issue as a phrase a person understands: "is missing", "is too long (at most 200 characters)". */
/** A few field names, each short: a hostile request must not make the answer huge. */
function namesInWords(keys: readonly string[]): string {
  const shown = keys.slice(0, 3).map((k) => (k.length > 40 ? `${k.slice(0, 40)}…` : k));
  return keys.length > 3 ? `${shown.join(', ')} and ${keys.length - 3} more` : shown.join(', ');
}

export function issueInWords(issue: z.core.$ZodIssue): string {
  // zod leaves `input` out of issues unless parsed with { reportInput: true }; then absence is certain.
  const missing = issue.input === undefined && ('input' in issue || /received undefined/.test(issue.message));
  if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union')) {
    return 'is missing';
  }
  switch (issue.code) {
    case 'invalid_type':
      return `should be ${kindInWords(issue.expected)}${given(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'string') return `is too long (at most ${String(issue.maximum)} characters)`;
      if (issue.origin === 'array' || issue.origin === 'set') return `has too many items (at most ${String(issue.maximum)})`;
      return `is too large (at most ${String(issue.maximum)})`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'is empty' : `is too short (at least ${String(issue.minimum)} characters)`;
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${String(issue.minimum)} item(s)`;
      return `is too small (at least ${String(issue.minimum)})`;
    case 'invalid_value':
      return `should be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `has fields Handraiser does not know: ${namesInWords(issue.keys)}`;
    case 'invalid_format':
      return issue.message && !issue.message.startsWith('Invalid') ? issue.message : `is not in the expected format`;
    case 'invalid_union':
      return 'is not in the expected form';
    default:
      return issue.message && !/^Invalid/.test(issue.message) ? issue.message : 'is not valid';
  }
}

/** ", not 1.5": what was given instead, when it is short and plain (never a long or nested value). */
function given(input: unknown): string {
  if (typeof input === 'number' || typeof input === 'boolean') return `, not ${String(input)}`;
  if (typeof input === 'string' && input.length <= 20 && !/\p{Cc}/u.test(input)) return `, not "${input}"`;
  return '';
}

function kindInWords(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'yes or no (true/false)';
    case 'array':
      return 'a list';
    case 'object':
      return 'a group of fields';
    default:
      return expected;
  }
}

/** "The profile address must be a web address starting with http:// or https://." */
export function sentenceOf(issue: z.core.$ZodIssue, prefix = ''): string {
  const field = fieldInWords(issue.path);
  const subject = [prefix, field].filter(Boolean).join(', ');
  const what = issueInWords(issue);
  const s = subject ? `The ${subject} ${what}` : `The request ${what}`;
  return s.endsWith('.') ? s : `${s}.`;
}
