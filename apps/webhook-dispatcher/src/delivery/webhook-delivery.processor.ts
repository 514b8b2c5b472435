import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type WebhookDispatcherConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { WebhookAttempts, webhookUrlPolicy } from '@mintfax/events';
import { QUEUES, QueueWorker, WebhookDeliveryQueue, type JobResult, type WebhookAttemptJob } from '@mintfax/queue';
import type { Job } from 'bullmq';

/** Lock held on a running attempt, renewed while the worker lives; a dead worker's attempt re-runs after it. */
const LOCK_DURATION_MS = 15_000;

/** Consumes `webhook-delivery`: one job = one signed POST of one event to one endpoint, logged. */
@Injectable()
export class WebhookDeliveryProcessor extends QueueWorker<WebhookAttemptJob> {
  private readonly attempts: WebhookAttempts;

  constructor(
    @Inject(APP_CONFIG) config: WebhookDispatcherConfig,
    prisma: PrismaService,
    private readonly deliveries: WebhookDeliveryQueue,
  ) {
    super(QUEUES.webhookDelivery, { concurrency: config.concurrency, lockDuration: LOCK_DURATION_MS, stalledInterval: LOCK_DURATION_MS, depth: deliveries });
    this.attempts = new WebhookAttempts(prisma, { policy: webhookUrlPolicy(config), retryScale: config.retryScale });
  }

  protected describe({ data }: Job<WebhookAttemptJob>) {
    return { event_id: data.eventId, endpoint_id: data.endpointId, attempt: data.attempt };
  }

  protected async handle({ data: attempt }: Job<WebhookAttemptJob>): Promise<JobResult> {
    const outcome = await this.attempts.deliver(attempt);
    if (outcome.kind === 'retry') await this.scheduleNext({ ...attempt, attempt: attempt.attempt + 1 }, outcome.delayMs);
    return { outcome: outcome.kind };
  }

  /** The next attempt is owed in Postgres already: if Redis does not take its job now, the sweep adds it when due. */
  private async scheduleNext(next: WebhookAttemptJob, delayMs: number): Promise<void> {
    try {
      await this.deliveries.addLater(next, delayMs);
    } catch (error) {
      this.logger.warn({ ...this.describe({ data: next } as Job<WebhookAttemptJob>), err: (error as Error).message }, 'retry not enqueued; the delivery sweep will enqueue it');
    }
  }
}
