/**
 * Every word the content script shows, through the extension's own messages.json (keys
 * `content_<name>`), with the English text right here as the fallback where the i18n API is
 * missing (unit tests). `$1`, `$2` stand for the placeholders, in order; a test checks that this
 * table and src/_locales/en/messages.json say the same thing.
 */
export const EN = {
  locale: 'en',
  capture: 'Capture $1 as lead',
  captureReachOut: 'Save $1 as someone to reach out to',
  known: '$1: $2. Open Handraiser menu',
  menuLabel: 'Handraiser: $1',
  saveFailed: "Couldn't save: $1",
  tryAgain: 'please try again.',
  unreachable: 'Handraiser could not reach its background service. Reload the page.',
  unreadable: 'Handraiser received an answer it could not read.',
  unknown: '+ Lead',
  unknownReachOut: '+ Reach out',
  lead: 'Lead',
  prospect: 'Prospect',
  customer: 'Customer',
  teamMember: 'Team member',
  saidNo: 'Said no',
  reachOut: 'Reach out',
  onDrip: 'On drip',
  readyToDecide: 'Ready to decide',
  chasing: 'Chasing',
  overdue: '$1 · overdue',
  due: '$1 · due',
  whyReplied: 'They replied to your outreach',
  whyAppointment: 'They agreed to a meeting or call',
  whyQuestions: 'They came back with questions',
  whySecondExposure: 'They agreed to another exposure',
  whyPositive: 'They responded positively',
  promoteToProspect: 'Promote to prospect',
  captureAsLead: 'Capture as lead',
  reopen: 'Reopen as lead',
  notInterested: 'Not interested',
  markPost: 'Mark this post as a hand-raise post',
  unmarkPost: 'Unmark hand-raise post',
  postMarked: 'Marked as a hand-raise post: likes there capture as leads',
  postUnmarked: 'Hand-raise post unmarked',
  open: 'Open in Handraiser',
  cardLabel: '$1 in Handraiser',
  lastTouch: 'Last touch: $1',
  nextStep: 'Next step: $1',
  nextFollowUp: 'Next follow-up: $1',
  overdueBy: 'overdue by $1',
  qualified: 'Qualified: $1 of 4',
  logTouch: 'Log a touch',
  promote: 'Promote',
  touchLogged: 'Follow-up logged',
  checking: 'Checking $1 in Handraiser',
  saved: 'Saved',
  hiddenChip: 'this button was hidden or covered on the page, so nothing was done.',
};
export type TextKey = keyof typeof EN;

interface I18nApi {
  getMessage(key: string, subs?: string[]): string;
}

type Namespace = { i18n?: I18nApi } | undefined;
/** The namespaces last seen and their i18n object: each `.i18n` read is a call into the browser's bindings. */
let seen: { browser: Namespace; chrome: Namespace; i18n: I18nApi | undefined } | null = null;

function api(): I18nApi | undefined {
  const g = globalThis as { browser?: Namespace; chrome?: Namespace };
  const { browser, chrome } = g;
  if (seen === null || seen.browser !== browser || seen.chrome !== chrome) {
    seen = { browser, chrome, i18n: browser?.i18n ?? chrome?.i18n };
  }
  return seen.i18n;
}

/**
 * Up to 9 substitutions, as in chrome.i18n. Private-use characters stand for them in a cached
 * message: the browser is asked once per key, not twice per chip (a getMessage call cost about
 * 20 µs in Chromium: some 0.8 ms for 20 new chips, about half of our script per feed step).
 */
const MARKS = Array.from({ length: 9 }, (_, i) => String.fromCharCode(0xe000 + i));
const MARK = /[\ue000-\ue008]/g;

/** Per i18n API object (tests swap it): the message of each key with MARKS for $1..$9, '' where the browser has none. */
const cache = new WeakMap<I18nApi, Map<TextKey, string>>();

function message(i18n: I18nApi, key: TextKey): string {
  let forApi = cache.get(i18n);
  if (!forApi) cache.set(i18n, (forApi = new Map<TextKey, string>()));
  let s = forApi.get(key);
  if (s === undefined) {
    try {
      s = i18n.getMessage(`content_${key}`, MARKS) || '';
    } catch {
      // A runtime that went away: English, and ask again next time.
      return '';
    }
    forApi.set(key, s);
  }
  return s;
}

/**
 * The words of the language chosen in the options, when it is not the browser's (the background
 * sends them with the settings: a content script cannot read another language's messages.json).
 * `$1`, `$2` stand for the substitutions.
 */
let chosen: ReadonlyMap<string, string> | null = null;

export function useChosenWords(words: Readonly<Record<string, string>> | undefined): void {
  chosen = words ? new Map(Object.entries(words)) : null;
}

/** The text of `key` in the chosen language (else the browser's), with `subs` for $1, $2…; English when there is none. */
export function t(key: TextKey, ...subs: string[]): string {
  const picked = chosen?.get(key);
  // One pass: a name that itself holds "$1" is not expanded again.
  if (picked) return picked.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  let i18n: I18nApi | undefined;
  try {
    i18n = api();
  } catch {
    // No extension context (tests): English.
  }
  const s = i18n ? message(i18n, key) : '';
  // One pass: a name that itself holds "$1" (or a marker) is not expanded again.
  if (s) return s.replace(MARK, (m) => subs[m.charCodeAt(0) - 0xe000] ?? '');
  // The browser itself falls back to English (the default locale); this table is for unit tests,
  // which run without the i18n API, and is left out of the builds.
  const fallback = import.meta.env.MODE === 'test' ? EN[key] : '';
  return fallback.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}
