import type { FaxStatus } from '@mintfax/db';

export const TERMINAL_STATUSES = ['delivered', 'failed'] as const satisfies readonly FaxStatus[];

export function isTerminal(status: FaxStatus): status is (typeof TERMINAL_STATUSES)[number] {
  return status === 'delivered' || status === 'failed';
}

/** docs/api/routes.md "The fax object": why a fax (or one attempt) failed. */
export const FAILURE_CODES = [
  'busy',
  'no_answer',
  'line_quality',
  'transient',
  'invalid_number',
  'rejected',
  'timeout',
  'carrier_error',
  'carrier_not_configured',
  'conversion_failed',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/** Whether another attempt may succeed where this one failed. */
export function isRetryable(code: FailureCode): boolean {
  switch (code) {
    case 'busy':
    case 'no_answer':
    case 'line_quality':
    case 'transient':
    case 'carrier_error':
      return true;
    case 'invalid_number':
    case 'rejected':
    case 'timeout':
    case 'carrier_not_configured':
    case 'conversion_failed':
      return false;
    default: {
      const unknown: never = code;
      throw new Error(`Unknown failure code ${String(unknown)}`);
    }
  }
}

export const FAILURE_MESSAGES: Record<FailureCode, string> = {
  busy: 'The line was busy.',
  no_answer: 'The receiving fax machine did not answer.',
  line_quality: 'The transmission failed because of poor line quality.',
  transient: 'A temporary network problem interrupted the transmission.',
  invalid_number: 'The number is not a reachable fax number.',
  rejected: 'The fax was refused, by the carrier or by the receiving end, and will not be sent.',
  timeout: 'The transmission did not finish in time and was abandoned.',
  carrier_error: 'The carrier reported an error.',
  carrier_not_configured: 'No live fax carrier is configured on this server, so live faxes cannot be sent.',
  conversion_failed: 'The document could not be converted for transmission.',
};
