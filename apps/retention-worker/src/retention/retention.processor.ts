import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type RetentionWorkerConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { LOGGER, Metrics, type Logger } from '@mintfax/platform';
import { bullOptions, gracefulCloser, JOB_RETENTION, QUEUES } from '@mintfax/queue';
import { Queue, Worker, type Job } from 'bullmq';
import { runHousekeeping } from '../housekeeping/housekeeping';
import { purgeDueDocumentsInBatches } from './document-purge';

/** The periodic runs; each name is also its job scheduler's id. */
export const RETENTION_JOBS = { documentPurge: 'document-purge', housekeeping: 'housekeeping' } as const;
type RetentionJobName = (typeof RETENTION_JOBS)[keyof typeof RETENTION_JOBS];

/**
 * Runs the retention sweep and housekeeping from BullMQ job schedulers: every instance upserts the
 * same schedulers, and each tick is one job, so one instance does each run however many are up.
 */
@Injectable()
export class RetentionProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly queue: Queue;
  private worker?: Worker;
  private closeWorker?: () => Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: RetentionWorkerConfig,
    private readonly prisma: PrismaService,
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.queue = new Queue(QUEUES.retention, bullOptions(config.redisUrl, config.redisPrefix));
    this.queue.on('error', (error) => this.logger.warn({ err: error.message }, 'retention queue connection error'));
    metrics.watchQueue(QUEUES.retention, () => this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed'));
  }

  onApplicationBootstrap(): void {
    // Not awaited: with Redis away the app still starts (and says so on /readyz); the upserts go through once it is back.
    void this.schedule().catch((error: Error) => this.logger.error({ err: error.message }, 'retention schedulers not set'));
    this.worker = new Worker(QUEUES.retention, (job) => this.process(job), bullOptions(this.config.redisUrl, this.config.redisPrefix));
    this.closeWorker = gracefulCloser(this.worker);
    this.worker.on('error', (error) => this.logger.error({ err: error.message }, 'retention worker error'));
    this.worker.on('failed', (job, error) => {
      this.metrics.jobOutcomes.inc({ queue: QUEUES.retention, outcome: 'error' });
      this.logger.error({ job: job?.name, err: error.message }, 'retention run failed; the next tick runs it again');
    });
  }

  private async schedule(): Promise<void> {
    const { documentPurge, housekeeping } = RETENTION_JOBS;
    await this.queue.upsertJobScheduler(documentPurge, { every: this.config.retentionSweepIntervalMs }, { name: documentPurge, opts: JOB_RETENTION });
    await this.queue.upsertJobScheduler(housekeeping, { every: this.config.housekeepingIntervalMs }, { name: housekeeping, opts: JOB_RETENTION });
  }

  private async process(job: Job): Promise<object> {
    const result = await this.run(job.name as RetentionJobName, new Date());
    this.metrics.jobOutcomes.inc({ queue: QUEUES.retention, outcome: 'completed' });
    this.logger.info({ job: job.name, ...result }, 'retention run finished');
    return result;
  }

  private async run(name: RetentionJobName, now: Date): Promise<object> {
    switch (name) {
      case RETENTION_JOBS.documentPurge:
        return { purged: await purgeDueDocumentsInBatches(this.prisma, now) };
      case RETENTION_JOBS.housekeeping:
        return { deleted: await runHousekeeping(this.prisma, now, this.config.housekeepingWindowDays) };
      default: {
        const unknown: never = name;
        throw new Error(`Unknown retention job ${String(unknown)}`);
      }
    }
  }

  /** Lets a running sweep finish its batch (SIGTERM); the next tick picks up the rest. */
  async onApplicationShutdown(): Promise<void> {
    await this.closeWorker?.();
    await this.queue.close();
  }
}
