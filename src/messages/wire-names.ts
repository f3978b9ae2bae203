/**
 * Plain constants of the message contract, without zod, so pages that only read replies (the
 * popup, the options page) do not load zod. contract.ts builds its schemas from these.
 */
export const ERROR_CODES = ['invalid', 'not_found', 'forbidden', 'failed'] as const;

export const SIGNAL_NAMES = ['followUpDue', 'overdue', 'chasing', 'noNextStep', 'readyToDecide', 'onDrip', 'notInterested'] as const;

/** Why a lead looks like a prospect now (docs/domain.md, "When a lead becomes a prospect"). */
export const PROMOTION_REASONS = [
  'replied_after_outreach',
  'appointment_set',
  'questions_after_exposure',
  'second_exposure_agreed',
  'positive_response',
] as const;

/** What changed, in a handraiser:changed broadcast: pages and screens decide from it what to read again. */
export const CHANGE_REASONS = [
  'capture',
  'touch',
  'stage',
  'qualification',
  'person',
  'add',
  'delete',
  'restore',
  'appointment',
  'handRaisePosts',
  'merge',
  'import',
  'settings',
  'dm',
  'siteHealth',
  'deleteAll',
  'due',
  'sync',
] as const;
export type ChangeReason = (typeof CHANGE_REASONS)[number];

/**
 * Changes that can move anyone's status (settings recompute every follow-up; sync brings another
 * device's changes): a page looks everyone up again.
 */
export const WIDE_CHANGE_REASONS = ['settings', 'import', 'deleteAll', 'sync'] as const satisfies readonly ChangeReason[];

/**
 * What a page showed, in a site-health report: people found by the site's selector variants, by
 * the structural fallback only (a variant is stale), or nobody on a page the adapter recognises.
 */
export const HEALTH_FINDINGS = ['selectors', 'fallback', 'nobody'] as const;
export type HealthFinding = (typeof HEALTH_FINDINGS)[number];

/** Bounded at the door: at most this many items in any list a caller sends. */
export const MAX_LOOKUP_KEYS = 500;
export const MAX_DM_MESSAGES = 500;

/**
 * Chrome refuses a message over 64 MiB, and a backup of tens of thousands of people is larger.
 * Backup files therefore travel as text in parts of at most PART_CHARS characters (48 MB even
 * if the message's own JSON escaped every character as \uXXXX: under 64 MiB), at most
 * MAX_PARTS of them (320 million characters, within what a JavaScript string can hold).
 */
export const PART_CHARS = 8_000_000;
export const MAX_PARTS = 40;

/** Why sync failed; the options page says each in plain words (syncProblem… strings). */
export const SYNC_PROBLEMS = [
  'insecure',
  'unauthorized',
  'unreachable',
  'no_database',
  'out_of_space',
  'local_space',
  'wrong_passphrase',
  'no_permission',
  'not_couchdb',
  'unreadable',
  'failed',
] as const;
export type SyncProblem = (typeof SYNC_PROBLEMS)[number];

/** The settings a user may choose to sync: every top-level setting (a test keeps this list whole). */
export const SYNC_SETTING_KEYS = ['cadence', 'dailyGoal', 'quietHours', 'summaryTime', 'notifications', 'storeMessageText', 'sites', 'language'] as const;
export type SyncSettingKey = (typeof SYNC_SETTING_KEYS)[number];
