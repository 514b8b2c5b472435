import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type GatewayConfig } from '@mintfax/config';
import { runWebhookAttemptNow, type WebhookAttemptJob } from '@mintfax/events';
import { LOGGER, type Logger } from '@mintfax/platform';
import { bullOptions, QUEUES } from '@mintfax/queue';
import { Queue } from 'bullmq';

/** Hands manual retries to the webhook dispatcher. */
@Injectable()
export class WebhookRetryQueue implements OnApplicationShutdown {
  private readonly queue: Queue<WebhookAttemptJob>;

  constructor(@Inject(APP_CONFIG) config: GatewayConfig, @Inject(LOGGER) logger: Logger) {
    this.queue = new Queue<WebhookAttemptJob>(QUEUES.webhookDelivery, bullOptions(config.redisUrl, config.redisPrefix, { producer: true }));
    this.queue.on('error', (error) => logger.warn({ err: error.message }, 'webhook queue connection error'));
  }

  runNow(job: WebhookAttemptJob): Promise<void> {
    return runWebhookAttemptNow(this.queue, job);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
