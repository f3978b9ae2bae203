/**
 * Plain constants of the message contract, without zod, so pages that only read replies (the
 * popup, the options page) do not load zod. contract.ts builds its schemas from these.
 */
export const ERROR_CODES = ['invalid', 'not_found', 'forbidden', 'failed'] as const;

export const SIGNAL_NAMES = ['followUpDue', 'overdue', 'chasing', 'noNextStep', 'readyToDecide', 'onDrip', 'notInterested'] as const;

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
export const SYNC_SETTING_KEYS = ['cadence', 'dailyGoal', 'quietHours', 'summaryTime', 'notifications', 'storeMessageText', 'sites'] as const;
export type SyncSettingKey = (typeof SYNC_SETTING_KEYS)[number];
