import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type FaxWorkerConfig } from '@mintfax/config';
import { bullOptions, FAX_DISPATCH_JOB_OPTIONS, faxDispatchJobId, QUEUES, type FaxDispatchJob } from '@mintfax/queue';
import { LOGGER, Metrics, type Logger } from '@mintfax/platform';
import { Queue } from 'bullmq';

/** Adds dispatch jobs: retries (delayed) and the sweep's re-enqueues. Job ids make both idempotent. */
@Injectable()
export class FaxScheduler implements OnApplicationShutdown {
  private readonly queue: Queue<FaxDispatchJob>;

  constructor(@Inject(APP_CONFIG) config: FaxWorkerConfig, @Inject(LOGGER) logger: Logger, metrics: Metrics) {
    this.queue = new Queue<FaxDispatchJob>(QUEUES.faxDispatch, bullOptions(config.redisUrl, config.redisPrefix));
    this.queue.on('error', (error) => logger.warn({ err: error.message }, 'fax dispatch queue connection error'));
    metrics.watchQueue(QUEUES.faxDispatch, () => this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed'));
  }

  async enqueue(faxId: string, attemptsDone: number, at?: Date): Promise<void> {
    const delay = at ? Math.max(0, at.getTime() - Date.now()) : 0;
    await this.queue.add('dispatch', { faxId }, { jobId: faxDispatchJobId(faxId, attemptsDone), delay, ...FAX_DISPATCH_JOB_OPTIONS });
  }

  /**
   * The sweep's enqueue for a fax still queued: a finished job kept under the same id (one that
   * failed for good, say) would make BullMQ drop the new one, so it goes first.
   */
  async requeue(faxId: string, attemptsDone: number): Promise<void> {
    const previous = await this.queue.getJob(faxDispatchJobId(faxId, attemptsDone));
    if (previous && ((await previous.isFailed()) || (await previous.isCompleted()))) await previous.remove();
    await this.enqueue(faxId, attemptsDone);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
