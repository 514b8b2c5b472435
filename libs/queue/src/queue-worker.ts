import { Inject, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
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
  /** Jobs taken whose outcome BullMQ has not yet recorded in Redis (its `completed`/`failed` events). */
  private unrecorded = 0;
  private onRecorded?: () => void;

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
    this.worker.on('completed', () => this.recorded());
    this.worker.on('failed', (job, error) => {
      this.recorded();
      this.metrics.jobOutcomes.inc({ queue: this.queue, outcome: 'error' });
      this.logger.error({ queue: this.queue, ...(job && this.describe(job)), err: error.message }, 'job failed');
    });
  }

  private async run(job: Job<Data>): Promise<string> {
    this.unrecorded += 1;
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

  private recorded(): void {
    // A stalled job failed by the stalled checker was never counted here.
    this.unrecorded = Math.max(0, this.unrecorded - 1);
    if (this.unrecorded === 0) this.onRecorded?.();
  }

  /**
   * SIGTERM: takes no new job, lets the running ones finish while Postgres is still connected
   * (module destroy hooks run before the database module's), gives their outcomes a moment to be
   * recorded, then closes. Forced, as nothing runs by then: a graceful close waits forever for a
   * Redis that never answered. Jobs not started stay in Redis for the next worker; one whose
   * outcome was not recorded runs again once its lock lapses.
   */
  async onModuleDestroy(): Promise<void> {
    if (!this.worker) return;
    await this.worker.pause(true);
    // A job fetched just before the pause may start after it: wait until none runs.
    while (this.handling.size > 0) await Promise.allSettled([...this.handling]);
    await this.whenRecorded();
    await this.worker.close(true);
  }

  private whenRecorded(): Promise<void> {
    if (this.unrecorded === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const deadline = setTimeout(resolve, RECORD_GRACE_MS);
      this.onRecorded = () => {
        clearTimeout(deadline);
        resolve();
      };
    });
  }
}
