import { JOB_RETENTION } from '../bull-options';

/** One job = one attempt of one fax. */
export interface FaxDispatchJob {
  faxId: string;
}

export const FAX_DISPATCH_JOB_NAME = 'dispatch';

/** The dispatch jobs' backoff strategy, by its name in the job options; the fax-worker registers it. */
export const FAX_DISPATCH_BACKOFF = 'fax-dispatch';

/** The wait before a dispatch job that threw runs again: 1 s doubling, capped at 15 s. */
export function faxDispatchBackoffMs(attemptsMade: number): number {
  return Math.min(1_000 * 2 ** (attemptsMade - 1), 15_000);
}

/**
 * A run that throws (Postgres or Redis away) is retried by BullMQ for about 10 minutes (45 runs)
 * before the job counts as failed, so an outage of minutes costs no attempt; after that the
 * fax-worker's sweep re-enqueues the fax.
 */
export const FAX_DISPATCH_JOB_OPTIONS = {
  attempts: 45,
  backoff: { type: FAX_DISPATCH_BACKOFF },
  ...JOB_RETENTION,
} as const;

/** The dispatch job of a fax's attempt: the first is the fax id (duplicates dropped), retries add the attempt. */
export function faxDispatchJobId(faxId: string, attemptsDone: number): string {
  return attemptsDone === 0 ? faxId : `${faxId}-attempt-${attemptsDone + 1}`;
}
