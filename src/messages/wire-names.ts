/**
 * Plain constants of the message contract, without zod, so pages that only read replies (the
 * popup, the options page) do not load zod. contract.ts builds its schemas from these.
 */
export const ERROR_CODES = ['invalid', 'not_found', 'forbidden', 'failed'] as const;
export type ErrorCodeName = (typeof ERROR_CODES)[number];

export const SIGNAL_NAMES = ['followUpDue', 'overdue', 'chasing', 'noNextStep', 'readyToDecide', 'onDrip', 'notInterested'] as const;
