import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type RetentionWorkerConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { LOGGER, Metrics, type Logger } from '@mintfax/platform';
import { bullOptions, gracefulCloser, QUEUES, type FaxPurgeJob } from '@mintfax/queue';
import { Worker, type Job } from 'bullmq';
import { purgeFaxIfDue } from './document-purge';

const CONCURRENCY = 4;

/**
 * Consumes `fax-purge`: the fax-worker's word that a zero-footprint fax is terminal. The job only
 * wakes us; whether the document is due is decided here, by the same rule as the sweep.
 */
@Injectable()
export class FaxPurgeProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker<FaxPurgeJob>;
  private closeWorker?: () => Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: RetentionWorkerConfig,
    private readonly prisma: PrismaService,
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<FaxPurgeJob>(QUEUES.faxPurge, (job) => this.process(job), {
      ...bullOptions(this.config.redisUrl, this.config.redisPrefix),
      concurrency: CONCURRENCY,
    });
    this.closeWorker = gracefulCloser(this.worker);
    this.worker.on('error', (error) => this.logger.error({ err: error.message }, 'fax purge worker error'));
    this.worker.on('failed', (job, error) => {
      this.metrics.jobOutcomes.inc({ queue: QUEUES.faxPurge, outcome: 'error' });
      this.logger.error({ fax_id: job?.data.faxId, err: error.message }, 'fax purge failed; the sweep purges it later');
    });
  }

  private async process(job: Job<FaxPurgeJob>): Promise<'purged' | 'skipped'> {
    const outcome = (await purgeFaxIfDue(this.prisma, job.data.faxId, new Date())) ? 'purged' : 'skipped';
    this.metrics.jobOutcomes.inc({ queue: QUEUES.faxPurge, outcome });
    this.logger.info({ fax_id: job.data.faxId, outcome }, 'fax purge finished');
    return outcome;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.closeWorker?.();
  }
}
