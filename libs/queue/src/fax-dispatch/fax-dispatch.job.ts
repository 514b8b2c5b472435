import { JOB_RETENTION } from '../bull-options';

/** One job = one attempt of one fax. */
export interface FaxDispatchJob {
  faxId: string;
}

export const FAX_DISPATCH_JOB_NAME = 'dispatch';

/**
 * Dispatch jobs: a run that crashes (a database blip) is retried by BullMQ with backoff before the
 * job counts as failed; after that the fax-worker's sweep re-enqueues the fax.
 */
export const FAX_DISPATCH_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  ...JOB_RETENTION,
} as const;

/** The dispatch job of a fax's attempt: the first is the fax id (duplicates dropped), retries add the attempt. */
export function faxDispatchJobId(faxId: string, attemptsDone: number): string {
  return attemptsDone === 0 ? faxId : `${faxId}-attempt-${attemptsDone + 1}`;
}
