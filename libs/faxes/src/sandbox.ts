import { ApiError } from '@mintfax/errors';
import type { FailureCode } from './fax-status';

// docs/api/sandbox.md: the magic numbers +1 500 555 XXXX and what each one does.
const MAGIC = /^\+1500555(\d{4})$/;

export type AttemptOutcome = 'delivered' | FailureCode;

interface Scenario {
  /** Pages billed whatever the document holds (docs/api/sandbox.md names a page count for these numbers). */
  billedPages?: number;
  /** Refused at submission, before anything is written. */
  reject?: 'insufficient_balance' | 'invalid_to';
  /** What attempt N (from 1) ends with. */
  outcome(attempt: number): AttemptOutcome;
}

const delivered = (): AttemptOutcome => 'delivered';

const SCENARIOS: Record<string, Scenario> = {
  '0001': { billedPages: 1, outcome: delivered },
  '0002': { outcome: () => 'busy' },
  '0003': { outcome: () => 'no_answer' },
  '0004': { outcome: (attempt) => (attempt === 1 ? 'transient' : 'delivered') },
  '0005': { outcome: () => 'line_quality' },
  '0006': { reject: 'insufficient_balance', outcome: delivered },
  '0007': { billedPages: 3, outcome: delivered },
  '0008': { outcome: () => 'invalid_number' },
  '0099': { reject: 'invalid_to', outcome: delivered },
};

const DEFAULT_SCENARIO: Scenario = { outcome: delivered };

export function isMagicNumber(to: string): boolean {
  return MAGIC.test(to);
}

export function sandboxScenario(to: string): Scenario {
  const suffix = MAGIC.exec(to)?.[1];
  if (suffix === undefined) {
    throw new ApiError('validation_failed', {
      errors: { to: ['Sandbox faxes can only be sent to the magic numbers +15005550001 to +15005559999; see the sandbox table in the docs.'] },
    });
  }
  return SCENARIOS[suffix] ?? DEFAULT_SCENARIO;
}

/**
 * The submission-time rules of a sandbox number: the pages to bill, or the rejection that must
 * happen before any hold, fax or event exists.
 */
export function sandboxSubmission(
  to: string,
  documentPages: number,
): { pages: number; reject?: 'insufficient_balance' } {
  const scenario = sandboxScenario(to);
  if (scenario.reject === 'invalid_to') {
    throw new ApiError('validation_failed', {
      errors: { to: ['+15005550099 is the sandbox number for a destination that is refused at submission.'] },
    });
  }
  return { pages: scenario.billedPages ?? documentPages, ...(scenario.reject && { reject: scenario.reject }) };
}
