import { JOB_RETENTION, type WebhookDeliveryJob } from '@mintfax/queue';
import type { JobsOptions, Queue } from 'bullmq';

/** One job = one attempt (1-based) to deliver one event to one endpoint. */
export interface WebhookAttemptJob extends WebhookDeliveryJob {
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

/**
 * Runs attempt `job.attempt` now: promotes it if it waits for its scheduled time, replaces a finished
 * job of that id (skipped while its endpoint was disabled, or given up on), adds it otherwise.
 * One already waiting or running is left alone.
 */
export async function runWebhookAttemptNow(queue: Queue<WebhookAttemptJob>, job: WebhookAttemptJob): Promise<void> {
  const existing = await queue.getJob(webhookJobId(job));
  const state = existing ? await existing.getState() : 'unknown';
  switch (state) {
    case 'delayed':
      await existing?.promote();
      return;
    case 'completed':
    case 'failed':
      await existing?.remove();
      await queue.add(WEBHOOK_JOB_NAME, job, webhookJobOptions(job));
      return;
    case 'unknown':
      await queue.add(WEBHOOK_JOB_NAME, job, webhookJobOptions(job));
      return;
    default:
      return;
  }
}
