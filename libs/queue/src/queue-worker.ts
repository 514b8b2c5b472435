import { Inject, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { LOGGER, Metrics, REDIS_OPTIONS, type Logger, type RedisModuleOptions } from '@mintfax/platform';
import { Worker, type Job, type WorkerOptions } from 'bullmq';
import { bullOptions } from './bull-options';
import type { QueueProducer } from './queue-producer';
import type { QueueName } from './queues';

export interface QueueWorkerOptions<Data> extends Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'settings'> {
  /** This queue's producer, when this app reports the queue's depth on /metrics. */
  depth?: QueueProducer<Data>;
}

/** What a job came to: counted by `outcome` (also the job's return value), logged with the rest. */
export type JobResult = { outcome: string } & Record<string, unknown>;

/** Once the running handlers are done at shutdown, how long their outcomes get to reach Redis. */
const RECORD_GRACE_MS = 5_000;
/** How long a forced disconnect gets to end a close still waiting on Redis. */
const DISCONNECT_GRACE_MS = 1_000;

/**
 * Consumes one queue: owns the BullMQ Worker (connection, error logging, outcome metrics, shutdown);
 * a processor is its queue, its options and `handle`. Logger, metrics and Redis are injected as
 * properties so that a processor's constructor takes only what its handler needs.
 */
export abstract class QueueWorker<Data> implements OnApplicationBootstrap, OnModuleDestroy {
  @Inject(REDIS_OPTIONS) private readonly redis!: RedisModuleOptions;
  @Inject(LOGGER) protected readonly logger!: Logger;
  @Inject(Metrics) private readonly metrics!: Metrics;
  private worker?: Worker<Data, string>;
  private readonly handling = new Set<Promise<JobResult>>();

  protected constructor(
    private readonly queue: QueueName,
    private readonly options: QueueWorkerOptions<Data> = {},
  ) {}

  /** Runs one job; throwing fails it, and BullMQ retries it as its job options say. */
  protected abstract handle(job: Job<Data>): Promise<JobResult>;

  /** The fields naming a job in the log (its fax, its event and endpoint, …). */
  protected abstract describe(job: Job<Data>): object;

  onApplicationBootstrap(): void {
    const { depth, ...workerOptions } = this.options;
    if (depth) this.metrics.watchQueue(this.queue, () => depth.jobCounts());
    this.worker = new Worker<Data, string>(this.queue, (job) => this.run(job), {
      ...bullOptions(this.redis.url, this.redis.prefix),
      ...workerOptions,
    });
    this.worker.on('error', (error) => this.logger.error({ queue: this.queue, err: error.message }, 'queue worker error'));
    this.worker.on('failed', (job, error) => {
      this.metrics.jobOutcomes.inc({ queue: this.queue, outcome: 'error' });
      this.logger.error({ queue: this.queue, ...(job && this.describe(job)), err: error.message }, 'job failed');
    });
  }

  private async run(job: Job<Data>): Promise<string> {
    const handling = this.handle(job);
    this.handling.add(handling);
    try {
      const result = await handling;
      this.metrics.jobOutcomes.inc({ queue: this.queue, outcome: result.outcome });
      this.logger.info({ queue: this.queue, ...this.describe(job), ...result }, 'job finished');
      return result.outcome;
    } finally {
      this.handling.delete(handling);
    }
  }

  /**
   * SIGTERM: BullMQ's own close takes no new job (not even one its blocking wait was about to
   * return) and waits for every job it fetched to run and be recorded in Redis, while Postgres is
   * still connected (module destroy hooks run before the database module's). With Redis away the
   * records never land and the close never ends: once no handler runs, their records get
   * RECORD_GRACE_MS, then the connection is dropped. Jobs not started stay in Redis for the next
   * worker; one whose outcome was not recorded runs again once its lock lapses.
   */
  async onModuleDestroy(): Promise<void> {
    if (!this.worker) return;
    let closed = false;
    const closing = this.worker
      .close()
      .catch(() => undefined)
      .then(() => void (closed = true));
    for (;;) {
      while (this.handling.size > 0) await Promise.allSettled([...this.handling]);
      await Promise.race([closing, delay(RECORD_GRACE_MS, undefined, { ref: false })]);
      // A job fetched as the close began may have started meanwhile: the loop waits for it too.
      if (closed || this.handling.size === 0) break;
    }
    if (!closed) await Promise.race([this.worker.disconnect().catch(() => undefined), delay(DISCONNECT_GRACE_MS, undefined, { ref: false })]);
  }
}
