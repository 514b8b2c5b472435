import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type WebhookDispatcherConfig } from '@mintfax/config';
import { WebhookAttempts } from '@mintfax/events';
import { QUEUES, QueueWorker, WebhookDeliveryQueue, type JobResult, type WebhookAttemptJob } from '@mintfax/queue';
import type { Job } from 'bullmq';
import { describeAttempt, scheduleNextAttempt } from './next-attempt';

/** Lock held on a running attempt, renewed while the worker lives; a dead worker's attempt re-runs after it. */
const LOCK_DURATION_MS = 15_000;

/**
 * Consumes `webhook-delivery`: one job = one signed POST of one event to one endpoint, logged. Its
 * jobs are the retries, manual retries, and first attempts the dispatcher that claimed them could
 * not make (see FirstAttempts).
 */
@Injectable()
export class WebhookDeliveryProcessor extends QueueWorker<WebhookAttemptJob> {
  constructor(
    @Inject(APP_CONFIG) config: WebhookDispatcherConfig,
    private readonly attempts: WebhookAttempts,
    private readonly deliveries: WebhookDeliveryQueue,
  ) {
    super(QUEUES.webhookDelivery, { concurrency: config.concurrency, lockDuration: LOCK_DURATION_MS, stalledInterval: LOCK_DURATION_MS });
  }

  protected describe({ data }: Job<WebhookAttemptJob>) {
    return describeAttempt(data);
  }

  protected async handle({ data: attempt }: Job<WebhookAttemptJob>): Promise<JobResult> {
    const outcome = await this.attempts.deliver(attempt);
    if (outcome.kind === 'retry') await scheduleNextAttempt(this.deliveries, this.logger, { ...attempt, attempt: attempt.attempt + 1 }, outcome.delayMs);
    return { outcome: outcome.kind };
  }
}
