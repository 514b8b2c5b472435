import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type WebhookDispatcherConfig } from '@mintfax/config';
import { WEBHOOK_JOB_NAME, webhookJobOptions, type WebhookAttemptJob } from '@mintfax/events';
import { LOGGER, Metrics, type Logger } from '@mintfax/platform';
import { bullOptions, QUEUES } from '@mintfax/queue';
import { Queue } from 'bullmq';

/**
 * Adds delivery attempts: the first ones fanned out from the outbox, and scheduled retries. A
 * producer connection fails fast while Redis is away: the claim then rolls back and is tried again,
 * and a retry that cannot be scheduled fails its job, which BullMQ runs again.
 */
@Injectable()
export class WebhookQueue implements OnApplicationShutdown {
  private readonly queue: Queue<WebhookAttemptJob>;

  constructor(@Inject(APP_CONFIG) config: WebhookDispatcherConfig, @Inject(LOGGER) logger: Logger, metrics: Metrics) {
    this.queue = new Queue<WebhookAttemptJob>(QUEUES.webhookDelivery, bullOptions(config.redisUrl, config.redisPrefix, { producer: true }));
    this.queue.on('error', (error) => logger.warn({ err: error.message }, 'webhook queue connection error'));
    metrics.watchQueue(QUEUES.webhookDelivery, () => this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed'));
  }

  async addNow(jobs: WebhookAttemptJob[]): Promise<void> {
    await this.queue.addBulk(jobs.map((data) => ({ name: WEBHOOK_JOB_NAME, data, opts: webhookJobOptions(data) })));
  }

  async addLater(job: WebhookAttemptJob, delayMs: number): Promise<void> {
    await this.queue.add(WEBHOOK_JOB_NAME, job, webhookJobOptions(job, delayMs));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
