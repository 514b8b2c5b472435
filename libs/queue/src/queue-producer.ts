import type { Job, JobState, Queue } from 'bullmq';
import type { QueueConnections } from './queue.module';
import type { QueueName } from './queues';

type IdState = JobState | 'unknown';

/** A finished job (completed, or failed for good) leaves its id to be added again. */
const isFinished = (state: IdState): boolean => state === 'completed' || state === 'failed';

/** Nothing waiting, running or scheduled under the id: an add would be a new job. */
export const isFree = (state: IdState): boolean => isFinished(state) || state === 'unknown';

/** What every producer shares: its queue, and that queue's depth for the app that consumes it. */
export abstract class QueueProducer<Data> {
  protected readonly queue: Queue<Data>;

  protected constructor(name: QueueName, connections: QueueConnections) {
    this.queue = connections.open<Data>(name);
  }

  /** Jobs by state, read at scrape time: the depth an autoscaler scales the consuming worker on. */
  jobCounts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
  }

  /**
   * BullMQ drops an add whose id it still holds, finished or not: a completed or failed job under
   * `jobId` is removed so the id can be added again. Says what the id held, and whether it is now
   * `free` (nothing waiting, running or scheduled under it): an add would be a new job.
   */
  protected async clearFinished(jobId: string): Promise<{ job?: Job<Data>; state: IdState; free: boolean }> {
    const job = await this.queue.getJob(jobId);
    const state = job ? await job.getState() : 'unknown';
    if (job && isFinished(state)) await job.remove();
    return { job, state, free: isFree(state) };
  }
}
