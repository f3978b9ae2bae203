import type { ErrorCode, ErrorDetail } from './contract';

/** A refusal or failure with a sentence written for people (errorText shows it as it is). */
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
