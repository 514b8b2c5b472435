import type { JobsOptions } from 'bullmq';
import { JOB_RETENTION } from '../bull-options';

/** One job = one automatic top-up owed by a pool (its row in `top_ups`). */
export interface TopUpJob {
  topUpId: string;
}

export const TOP_UP_JOB_NAME = 'top-up';

/**
 * The job id is the top-up's, and a pool has at most one top-up owed or pending: adding it again
 * while it waits or runs is a no-op. BullMQ's retries cover our failures to reach Stripe or
 * Postgres (a charge repeats under the same Stripe idempotency key); Stripe's answers settle the
 * top-up and are never retried.
 */
export function topUpJobOptions(job: TopUpJob): JobsOptions {
  return { jobId: job.topUpId, attempts: 8, backoff: { type: 'exponential', delay: 1_000 }, ...JOB_RETENTION };
}
