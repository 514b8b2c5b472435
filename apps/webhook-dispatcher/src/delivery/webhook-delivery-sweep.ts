import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type WebhookDispatcherConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { overdueWebhookDeliveries } from '@mintfax/events';
import { LOGGER, runPeriodically, type Logger } from '@mintfax/platform';
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
export class WebhookDeliverySweep implements OnApplicationBootstrap, OnModuleDestroy {
  private loop?: { stop(): Promise<void> };

  constructor(
    @Inject(APP_CONFIG) private readonly config: WebhookDispatcherConfig,
    private readonly prisma: PrismaService,
    private readonly deliveries: WebhookDeliveryQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = runPeriodically(this.config.sweepIntervalMs, () => this.runOnce(), (error) =>
      this.logger.error({ err: error.message }, 'webhook delivery sweep failed; trying again next round'),
    );
  }

  async runOnce(now = new Date()): Promise<number> {
    const overdue = await overdueWebhookDeliveries(this.prisma, new Date(now.getTime() - ENQUEUE_GRACE_MS), BATCH);
    let restored = 0;
    for (const job of overdue) if (await this.deliveries.restore(job)) restored += 1;
    if (restored > 0) this.logger.warn({ count: restored }, 'owed webhook deliveries had no job; enqueued them again');
    return restored;
  }

  /** Module destroy hooks run before the database module's: the last run finishes connected. */
  async onModuleDestroy(): Promise<void> {
    await this.loop?.stop();
  }
}
