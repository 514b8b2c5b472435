import type { Queue } from 'bullmq';
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
}
