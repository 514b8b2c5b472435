import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type WebhookDispatcherConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { overdueWebhookDeliveries, stillOwedWebhookAttempts } from '@mintfax/events';
import { PeriodicSweep } from '@mintfax/platform';
import { WebhookDeliveryQueue } from '@mintfax/queue';

const BATCH = 500;
/** A delivery due this recently may still be between its commit and its enqueue. */
const ENQUEUE_GRACE_MS = 5_000;

/**
 * Every WEBHOOK_SWEEP_INTERVAL_MS, enqueues again the owed deliveries whose job Redis no longer
 * holds: lost with a Redis that came back empty, never added while it was away, or failed for good
 * while Postgres was. Job ids make one still waiting, running or scheduled a no-op.
 */
@Injectable()
export class WebhookDeliverySweep extends PeriodicSweep {
  constructor(
    @Inject(APP_CONFIG) config: WebhookDispatcherConfig,
    private readonly prisma: PrismaService,
    private readonly deliveries: WebhookDeliveryQueue,
  ) {
    super({ name: 'webhook delivery sweep', intervalMs: config.sweepIntervalMs });
  }

  async runOnce(now = new Date()): Promise<number> {
    const overdue = await overdueWebhookDeliveries(this.prisma, new Date(now.getTime() - ENQUEUE_GRACE_MS), BATCH);
    const live = await Promise.all(overdue.map((job) => this.deliveries.hasLiveJob(job)));
    // A job that finished since the read above settled or moved its delivery first (its record
    // commits before its job completes): read again after Redis, only what is still owed lacks a job.
    const jobless = await stillOwedWebhookAttempts(this.prisma, overdue.filter((_, i) => !live[i]));
    let restored = 0;
    for (const job of jobless) if (await this.deliveries.restore(job)) restored += 1;
    if (restored > 0) this.logger.warn({ count: restored }, 'owed webhook deliveries had no job; enqueued them again');
    return restored;
  }
}
