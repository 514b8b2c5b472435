import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type FaxWorkerConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { runAttempt, SandboxCarrier, type Carrier, type RetryPolicy } from '@mintfax/faxes';
import { FaxDispatchQueue, faxDispatchBackoffMs, QUEUES, QueueWorker, type FaxDispatchJob, type JobResult } from '@mintfax/queue';
import type { Job } from 'bullmq';
import { FaxFollowUps } from './fax-follow-ups';
import { LIVE_CARRIER } from './live-carrier.provider';

/** Lock held on a running job; a worker that dies loses it after this and the job runs again. */
const LOCK_DURATION_MS = 10_000;

/**
 * Consumes `fax-dispatch`: one job = one attempt of one fax. A run that throws (Postgres or Redis
 * away) or dies with its worker is run again by BullMQ with a backoff capped at 15 s, for about 10
 * minutes; the run that finds the attempt mid-flight resumes it (runAttempt). The sweep re-enqueues
 * a fax whose job is gone. A live attempt's job ends once the carrier has taken the fax: its
 * callbacks, or the sweep's poll, end the attempt.
 */
@Injectable()
export class FaxDispatchProcessor extends QueueWorker<FaxDispatchJob> {
  private readonly carriers;
  private readonly policy: RetryPolicy;

  constructor(
    @Inject(APP_CONFIG) config: FaxWorkerConfig,
    private readonly prisma: PrismaService,
    dispatches: FaxDispatchQueue,
    private readonly followUps: FaxFollowUps,
    @Inject(LIVE_CARRIER) live: Carrier,
  ) {
    super(QUEUES.faxDispatch, {
      concurrency: config.concurrency,
      lockDuration: LOCK_DURATION_MS,
      stalledInterval: LOCK_DURATION_MS,
      settings: { backoffStrategy: faxDispatchBackoffMs },
      depth: dispatches,
    });
    this.carriers = { sandbox: new SandboxCarrier(config.sandboxCarrierDelayMs), live };
    this.policy = { liveBackoffMs: config.retryBackoffMs, sandboxBackoffMs: config.sandboxRetryBackoffMs };
  }

  protected describe(job: Job<FaxDispatchJob>) {
    return { fax_id: job.data.faxId };
  }

  protected async handle(job: Job<FaxDispatchJob>): Promise<JobResult> {
    const run = await runAttempt(this.prisma, this.carriers, job.data.faxId, this.policy);
    if (run.kind === 'retry') await this.followUps.retry(job.data.faxId, run.attemptsDone, run.retryAt);
    if ((run.kind === 'delivered' || run.kind === 'failed') && run.zeroFootprint) await this.followUps.purge(job.data.faxId);
    return { outcome: run.kind };
  }
}
