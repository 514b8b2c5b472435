import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type RetentionWorkerConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { purgeDueDocumentsInBatches } from '@mintfax/faxes';
import { QUEUES, QueueWorker, RETENTION_JOBS, RetentionQueue, type JobResult, type RetentionJobName } from '@mintfax/queue';
import type { Job } from 'bullmq';
import { runHousekeeping } from '../housekeeping/housekeeping';
import { CarrierCopyPurge } from './carrier-copies';

/**
 * Consumes `retention`: the document purge sweep and housekeeping, each tick of their job
 * schedulers one job. A failed run is run again by the next tick; a running one finishes its batch
 * on SIGTERM and the next tick picks up the rest.
 */
@Injectable()
export class RetentionProcessor extends QueueWorker<void> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: RetentionWorkerConfig,
    private readonly prisma: PrismaService,
    private readonly retention: RetentionQueue,
    private readonly carrierCopies: CarrierCopyPurge,
  ) {
    super(QUEUES.retention, { depth: retention });
  }

  override onApplicationBootstrap(): void {
    const intervals = { documentPurgeMs: this.config.retentionSweepIntervalMs, housekeepingMs: this.config.housekeepingIntervalMs };
    // Not awaited: with Redis away the app still starts (and says so on /readyz); the upserts go through once it is back.
    void this.retention.schedule(intervals).catch((error: Error) => this.logger.error({ err: error.message }, 'retention schedulers not set'));
    super.onApplicationBootstrap();
  }

  protected describe(job: Job<void>) {
    return { job: job.name };
  }

  protected async handle(job: Job<void>): Promise<JobResult> {
    const name = job.name as RetentionJobName;
    const now = new Date();
    switch (name) {
      case RETENTION_JOBS.documentPurge:
        return {
          outcome: 'completed',
          purged: await purgeDueDocumentsInBatches(this.prisma, now),
          carrier_copies_deleted: await this.carrierCopies.run(now),
        };
      case RETENTION_JOBS.housekeeping:
        return { outcome: 'completed', deleted: await runHousekeeping(this.prisma, now, this.config.housekeepingWindowDays) };
      default: {
        const unknown: never = name;
        throw new Error(`Unknown retention job ${String(unknown)}`);
      }
    }
  }
}
