import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type FaxWorkerConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { LOGGER, type Logger } from '@mintfax/platform';
import { bullOptions, JOB_RETENTION, QUEUES, type FaxPurgeJob } from '@mintfax/queue';
import { Queue } from 'bullmq';

/** Hands terminal faxes of zero-footprint environments to the retention worker for an immediate purge. */
@Injectable()
export class FaxPurgeQueue implements OnApplicationShutdown {
  private readonly queue: Queue<FaxPurgeJob>;

  constructor(
    @Inject(APP_CONFIG) config: FaxWorkerConfig,
    private readonly prisma: PrismaService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.queue = new Queue<FaxPurgeJob>(QUEUES.faxPurge, bullOptions(config.redisUrl, config.redisPrefix));
    this.queue.on('error', (error) => this.logger.warn({ err: error.message }, 'fax purge queue connection error'));
  }

  /** Never fails the attempt: a purge job that cannot be added is made up for by the retention sweep. */
  async enqueueIfZeroFootprint(faxId: string): Promise<void> {
    try {
      const zeroFootprint = await this.prisma.fax.count({ where: { id: faxId, environment: { zeroFootprint: true } } });
      if (zeroFootprint) await this.queue.add('purge', { faxId }, { jobId: faxId, ...JOB_RETENTION });
    } catch (error) {
      this.logger.warn({ fax_id: faxId, err: (error as Error).message }, 'purge enqueue failed; the retention sweep will purge the fax');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
