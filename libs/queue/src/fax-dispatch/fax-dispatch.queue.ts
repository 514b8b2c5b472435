import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '@mintfax/platform';
import { QueueConnections } from '../queue.module';
import { QueueProducer } from '../queue-producer';
import { QUEUES } from '../queues';
import { FAX_DISPATCH_JOB_NAME, FAX_DISPATCH_JOB_OPTIONS, faxDispatchJobId, type FaxDispatchJob } from './fax-dispatch.job';

/**
 * Adds dispatch jobs: the gateway's first attempt of a committed fax, the fax-worker's retries
 * (delayed) and its sweep's re-enqueues. Job ids make each idempotent.
 */
@Injectable()
export class FaxDispatchQueue extends QueueProducer<FaxDispatchJob> {
  constructor(connections: QueueConnections, @Inject(LOGGER) private readonly logger: Logger) {
    super(QUEUES.faxDispatch, connections);
  }

  /**
   * Never fails the request: the fax is already committed, and if Redis is unreachable the
   * worker's sweep finds it still queued without a job and enqueues it.
   */
  async enqueue(faxId: string): Promise<void> {
    try {
      await this.add(faxId, 0);
    } catch (error) {
      this.logger.warn({ fax_id: faxId, err: (error as Error).message }, 'enqueue failed; the sweep will pick the fax up');
    }
  }

  /** The next attempt, once `attemptsDone` have failed, at `at`. */
  async retry(faxId: string, attemptsDone: number, at: Date): Promise<void> {
    await this.add(faxId, attemptsDone, Math.max(0, at.getTime() - Date.now()));
  }

  /** The sweep's enqueue for a fax still queued, even where a finished job (one that failed for good, say) keeps its id. */
  async requeue(faxId: string, attemptsDone: number): Promise<void> {
    await this.clearFinished(faxDispatchJobId(faxId, attemptsDone));
    await this.add(faxId, attemptsDone);
  }

  /**
   * The sweep's recovery of a fax found mid-attempt, `attemptsDone` before the attempt: the
   * attempt's job is left alone while a worker runs it ('running') or BullMQ will ('pending');
   * gone or finished, it is added again, and its run ends the interrupted attempt ('requeued').
   */
  async recoverAttempt(faxId: string, attemptsDone: number): Promise<'running' | 'pending' | 'requeued'> {
    const { state, free } = await this.clearFinished(faxDispatchJobId(faxId, attemptsDone));
    if (state === 'active') return 'running';
    if (!free) return 'pending';
    await this.add(faxId, attemptsDone);
    return 'requeued';
  }

  private async add(faxId: string, attemptsDone: number, delay = 0): Promise<void> {
    await this.queue.add(FAX_DISPATCH_JOB_NAME, { faxId }, { jobId: faxDispatchJobId(faxId, attemptsDone), delay, ...FAX_DISPATCH_JOB_OPTIONS });
  }
}
