import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type FaxWorkerConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { runAttempt, SandboxCarrier, UnconfiguredCarrier, type AttemptRun, type RetryPolicy } from '@mintfax/faxes';
import { LOGGER, Metrics, type Logger } from '@mintfax/platform';
import { bullOptions, gracefulCloser, QUEUES, type FaxDispatchJob } from '@mintfax/queue';
import { Worker, type Job } from 'bullmq';
import { FaxPurgeQueue } from './fax-purge-queue';
import { FaxScheduler } from './fax-scheduler';

/** Lock held on a running job; a worker that dies loses it after this and the job runs again. */
const LOCK_DURATION_MS = 10_000;

/** Consumes `fax-dispatch`: one job = one attempt of one fax. */
@Injectable()
export class FaxDispatchProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker<FaxDispatchJob>;
  private closeWorker = async (): Promise<void> => undefined;
  private readonly carriers;
  private readonly policy: RetryPolicy;

  constructor(
    @Inject(APP_CONFIG) private readonly config: FaxWorkerConfig,
    private readonly prisma: PrismaService,
    private readonly scheduler: FaxScheduler,
    private readonly purges: FaxPurgeQueue,
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.carriers = {
      sandbox: new SandboxCarrier(config.sandboxCarrierDelayMs),
      // No live carrier adapter ships yet: live faxes fail `carrier_not_configured` instead of hanging.
      live: new UnconfiguredCarrier(),
    };
    this.policy = { liveBackoffMs: config.retryBackoffMs, sandboxBackoffMs: config.sandboxRetryBackoffMs };
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker<FaxDispatchJob>(QUEUES.faxDispatch, (job) => this.process(job), {
      ...bullOptions(this.config.redisUrl, this.config.redisPrefix),
      concurrency: this.config.concurrency,
      lockDuration: LOCK_DURATION_MS,
      stalledInterval: LOCK_DURATION_MS,
    });
    this.closeWorker = gracefulCloser(this.worker);
    this.worker.on('error', (error) => this.logger.error({ err: error.message }, 'fax worker error'));
    this.worker.on('failed', (job, error) => {
      this.metrics.jobOutcomes.inc({ queue: QUEUES.faxDispatch, outcome: 'error' });
      this.logger.error({ fax_id: job?.data.faxId, err: error.message }, 'fax attempt crashed; BullMQ retries it, then the sweep');
    });
  }

  private async process(job: Job<FaxDispatchJob>): Promise<AttemptRun['kind']> {
    const run = await runAttempt(this.prisma, this.carriers, job.data.faxId, this.policy);
    if (run.kind === 'retry') await this.scheduler.enqueue(job.data.faxId, run.attemptsDone, run.retryAt);
    if (run.kind === 'delivered' || run.kind === 'failed') await this.purges.enqueueIfZeroFootprint(job.data.faxId);
    this.metrics.jobOutcomes.inc({ queue: QUEUES.faxDispatch, outcome: run.kind });
    this.logger.info({ fax_id: job.data.faxId, outcome: run.kind }, 'fax attempt finished');
    return run.kind;
  }

  /** Lets running attempts finish (SIGTERM); jobs not started stay in Redis for the next worker. */
  async onApplicationShutdown(): Promise<void> {
    await this.closeWorker();
  }
}
