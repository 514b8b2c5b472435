import type { Job, JobState, Queue } from 'bullmq';
import type { QueueConnections } from './queue.module';
import type { QueueName } from './queues';

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
  protected async clearFinished(jobId: string): Promise<{ job?: Job<Data>; state: JobState | 'unknown'; free: boolean }> {
    const job = await this.queue.getJob(jobId);
    const state = job ? await job.getState() : 'unknown';
    const finished = state === 'completed' || state === 'failed';
    if (job && finished) await job.remove();
    return { job, state, free: finished || state === 'unknown' };
  }
}
