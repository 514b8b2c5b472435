import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type GatewayConfig } from '@mintfax/config';
import { LOGGER, type Logger } from '@mintfax/platform';
import { bullOptions, FAX_DISPATCH_JOB_OPTIONS, faxDispatchJobId, QUEUES, type FaxDispatchJob } from '@mintfax/queue';
import { Queue } from 'bullmq';

/** Hands committed faxes to the fax-worker. */
@Injectable()
export class FaxQueue implements OnApplicationShutdown {
  private readonly queue: Queue<FaxDispatchJob>;

  constructor(
    @Inject(APP_CONFIG) config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.queue = new Queue<FaxDispatchJob>(QUEUES.faxDispatch, bullOptions(config.redisUrl, config.redisPrefix, { producer: true }));
    this.queue.on('error', (error) => this.logger.warn({ err: error.message }, 'fax queue connection error'));
  }

  /**
   * Never fails the request: the fax is already committed, and if Redis is unreachable the
   * worker's sweep finds it still queued without a job and enqueues it.
   */
  async enqueue(faxId: string): Promise<void> {
    try {
      await this.queue.add('dispatch', { faxId }, { jobId: faxDispatchJobId(faxId, 0), ...FAX_DISPATCH_JOB_OPTIONS });
    } catch (error) {
      this.logger.warn({ fax_id: faxId, err: (error as Error).message }, 'enqueue failed; the sweep will pick the fax up');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
