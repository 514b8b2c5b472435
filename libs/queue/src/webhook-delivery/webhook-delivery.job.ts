import type { JobsOptions } from 'bullmq';
import { JOB_RETENTION } from '../bull-options';

/** One job = one attempt (1-based) to deliver one event to one endpoint. */
export interface WebhookAttemptJob {
  eventId: string;
  endpointId: string;
  attempt: number;
}

export const WEBHOOK_JOB_NAME = 'deliver';

/**
 * Derived from what the job does, so adding it twice (a re-claimed event, a retry scheduled twice)
 * leaves one job: BullMQ drops an add whose id it already holds.
 */
export function webhookJobId({ eventId, endpointId, attempt }: WebhookAttemptJob): string {
  return `${eventId}-${endpointId}-${attempt}`;
}

/**
 * BullMQ's own retries are for the dispatcher's failures (Postgres away while recording), not the
 * receiver's: those follow the webhook schedule as new attempt jobs.
 */
export function webhookJobOptions(job: WebhookAttemptJob, delayMs = 0): JobsOptions {
  return { jobId: webhookJobId(job), delay: delayMs, attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, ...JOB_RETENTION };
}
