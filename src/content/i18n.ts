/**
 * Every word the content script shows, through the extension's own messages.json (keys
 * `content_<name>`), with the English text right here as the fallback where the i18n API is
 * missing (unit tests). `$1`, `$2` stand for the placeholders, in order; a test checks that this
 * table and src/_locales/en/messages.json say the same thing.
 */
export const EN = {
  locale: 'en',
  capture: 'Capture $1 as lead',
  known: '$1: $2. Open Handraiser menu',
  menuLabel: 'Handraiser: $1',
  saveFailed: "Couldn't save: $1",
  tryAgain: 'please try again.',
  unreachable: 'Handraiser could not reach its background service. Reload the page.',
  unreadable: 'Handraiser received an answer it could not read.',
  unknown: '+ Lead',
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
};
export type TextKey = keyof typeof EN;

interface I18nApi {
  getMessage(key: string, subs?: string[]): string;
}

function api(): I18nApi | undefined {
  const g = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  return g.browser?.i18n ?? g.chrome?.i18n;
}

/** The text of `key` in the browser's language, with `subs` for $1, $2…; English when there is none. */
export function t(key: TextKey, ...subs: string[]): string {
  let s: string | undefined;
  try {
    s = api()?.getMessage(`content_${key}`, subs);
  } catch {
    // No extension context (tests) or a runtime that went away: English.
  }
  // One pass: a name that itself holds "$1" is not expanded again.
  return s || EN[key].replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}
