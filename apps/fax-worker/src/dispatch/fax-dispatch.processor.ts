import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type FaxWorkerConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { inZeroFootprintEnvironment, runAttempt, SandboxCarrier, UnconfiguredCarrier, type RetryPolicy } from '@mintfax/faxes';
import { FaxDispatchQueue, faxDispatchBackoffMs, FaxPurgeQueue, QUEUES, QueueWorker, type FaxDispatchJob, type JobResult } from '@mintfax/queue';
import type { Job } from 'bullmq';

/** Lock held on a running job; a worker that dies loses it after this and the job runs again. */
const LOCK_DURATION_MS = 10_000;

/**
 * Consumes `fax-dispatch`: one job = one attempt of one fax. A run that throws (Postgres or Redis
 * away) or dies with its worker is run again by BullMQ with a backoff capped at 15 s, for about 10
 * minutes; the run that finds the attempt mid-flight ends it as interrupted. The sweep re-enqueues
 * a fax whose job is gone.
 */
@Injectable()
export class FaxDispatchProcessor extends QueueWorker<FaxDispatchJob> {
  private readonly carriers;
  private readonly policy: RetryPolicy;

  constructor(
    @Inject(APP_CONFIG) config: FaxWorkerConfig,
    private readonly prisma: PrismaService,
    private readonly dispatches: FaxDispatchQueue,
    private readonly purges: FaxPurgeQueue,
  ) {
    super(QUEUES.faxDispatch, {
      concurrency: config.concurrency,
      lockDuration: LOCK_DURATION_MS,
      stalledInterval: LOCK_DURATION_MS,
      settings: { backoffStrategy: faxDispatchBackoffMs },
      depth: dispatches,
    });
    this.carriers = {
      sandbox: new SandboxCarrier(config.sandboxCarrierDelayMs),
      // No live carrier adapter ships yet: live faxes fail `carrier_not_configured` instead of hanging.
      live: new UnconfiguredCarrier(),
    };
    this.policy = { liveBackoffMs: config.retryBackoffMs, sandboxBackoffMs: config.sandboxRetryBackoffMs };
  }

  protected describe(job: Job<FaxDispatchJob>) {
    return { fax_id: job.data.faxId };
  }

  protected async handle(job: Job<FaxDispatchJob>): Promise<JobResult> {
    const run = await runAttempt(this.prisma, this.carriers, job.data.faxId, this.policy);
    if (run.kind === 'retry') await this.dispatches.retry(job.data.faxId, run.attemptsDone, run.retryAt);
    if (run.kind === 'delivered' || run.kind === 'failed') await this.purgeIfZeroFootprint(job.data.faxId);
    return { outcome: run.kind };
  }

  /** Never fails the attempt: a purge job that cannot be added is made up for by the retention sweep. */
  private async purgeIfZeroFootprint(faxId: string): Promise<void> {
    try {
      if (await inZeroFootprintEnvironment(this.prisma, faxId)) await this.purges.enqueue(faxId);
    } catch (error) {
      this.logger.warn({ fax_id: faxId, err: (error as Error).message }, 'purge enqueue failed; the retention sweep will purge the fax');
    }
  }
}
