import { Injectable } from '@nestjs/common';
import { QueueConnections } from '../queue.module';
import { QueueProducer } from '../queue-producer';
import { QUEUES } from '../queues';
import { TOP_UP_JOB_NAME, topUpJobOptions, type TopUpJob } from './top-up.job';

/**
 * Adds top-up jobs for the top-ups Postgres records as owed (billing's sweep): one waiting,
 * running or retrying is left alone, a finished one (failed for good while Stripe was away, say)
 * is replaced, so an owed top-up always gets a job.
 */
@Injectable()
export class TopUpQueue extends QueueProducer<TopUpJob> {
  constructor(connections: QueueConnections) {
    super(QUEUES.topUp, connections);
  }

  /** True when it added the job. */
  async ensure(job: TopUpJob): Promise<boolean> {
    if (!(await this.clearFinished(job.topUpId)).free) return false;
    await this.queue.add(TOP_UP_JOB_NAME, job, topUpJobOptions(job));
    return true;
  }
}
