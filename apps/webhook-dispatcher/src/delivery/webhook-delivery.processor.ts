import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type WebhookDispatcherConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { deliverWebhookAttempt, WEBHOOK_TIMEOUT_MS, webhookUrlPolicy, type AttemptOutcome, type AttemptSettings, type WebhookAttemptJob } from '@mintfax/events';
import { LOGGER, Metrics, type Logger } from '@mintfax/platform';
import { bullOptions, QUEUES } from '@mintfax/queue';
import { Worker, type Job } from 'bullmq';
import { WebhookQueue } from './webhook-queue';

/** Lock held on a running attempt, renewed while the worker lives; a dead worker's attempt re-runs after it. */
const LOCK_DURATION_MS = 15_000;

/** Consumes `webhook-delivery`: one job = one signed POST of one event to one endpoint, logged. */
@Injectable()
export class WebhookDeliveryProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private worker?: Worker<WebhookAttemptJob>;
  private active = 0;
  private onIdle?: () => void;
  private readonly settings: AttemptSettings;

  constructor(
    @Inject(APP_CONFIG) private readonly config: WebhookDispatcherConfig,
    private readonly prisma: PrismaService,
    private readonly queue: WebhookQueue,
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.settings = { policy: webhookUrlPolicy(config), retryScale: config.retryScale };
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker<WebhookAttemptJob>(QUEUES.webhookDelivery, (job) => this.process(job), {
      ...bullOptions(this.config.redisUrl, this.config.redisPrefix),
      concurrency: this.config.concurrency,
      lockDuration: LOCK_DURATION_MS,
      stalledInterval: LOCK_DURATION_MS,
    });
    this.worker.on('error', (error) => this.logger.error({ err: error.message }, 'webhook worker error'));
    // Counted from BullMQ's events, which fire once a job's end is recorded in Redis.
    this.worker.on('active', () => (this.active += 1));
    this.worker.on('completed', () => this.settled());
    this.worker.on('failed', (job, error) => {
      this.settled();
      this.metrics.jobOutcomes.inc({ queue: QUEUES.webhookDelivery, outcome: 'error' });
      this.logger.error({ event_id: job?.data.eventId, endpoint_id: job?.data.endpointId, err: error.message }, 'webhook attempt crashed');
    });
  }

  private settled(): void {
    this.active = Math.max(0, this.active - 1);
    if (this.active === 0) this.onIdle?.();
  }

  private async process(job: Job<WebhookAttemptJob>): Promise<AttemptOutcome['kind']> {
    const attempt = job.data;
    const outcome = await deliverWebhookAttempt(this.prisma, attempt, this.settings);
    if (outcome.kind === 'retry') await this.queue.addLater({ ...attempt, attempt: attempt.attempt + 1 }, outcome.delayMs);
    this.metrics.jobOutcomes.inc({ queue: QUEUES.webhookDelivery, outcome: outcome.kind });
    this.logger.info(
      { event_id: attempt.eventId, endpoint_id: attempt.endpointId, attempt: attempt.attempt, outcome: outcome.kind },
      'webhook attempt finished',
    );
    return outcome.kind;
  }

  /**
   * Takes no new attempt, lets the running ones finish and be recorded (each bounded by the 10 s
   * timeout) while Postgres is still connected (module destroy hooks run before the database
   * module's), then closes. Forced, as nothing runs by then: BullMQ's graceful close waits forever
   * for a Redis that never answered. Jobs not started stay in Redis for the next dispatcher.
   */
  async onModuleDestroy(): Promise<void> {
    if (!this.worker) return;
    await this.worker.pause(true);
    await this.whenIdle();
    await this.worker.close(true);
  }

  private whenIdle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const deadline = setTimeout(resolve, WEBHOOK_TIMEOUT_MS + LOCK_DURATION_MS);
      this.onIdle = () => {
        clearTimeout(deadline);
        resolve();
      };
    });
  }
}
