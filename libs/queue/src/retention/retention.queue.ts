import { Injectable } from '@nestjs/common';
import { JOB_RETENTION } from '../bull-options';
import { QueueConnections } from '../queue.module';
import { QueueProducer } from '../queue-producer';
import { QUEUES } from '../queues';
import { RETENTION_JOBS } from './retention.job';

export interface RetentionIntervals {
  documentPurgeMs: number;
  housekeepingMs: number;
}

/**
 * Ticks the retention runs from BullMQ job schedulers: every instance upserts the same schedulers,
 * and each tick is one job, so one instance does each run however many are up.
 */
@Injectable()
export class RetentionQueue extends QueueProducer<void> {
  constructor(connections: QueueConnections) {
    super(QUEUES.retention, connections);
  }

  async schedule({ documentPurgeMs, housekeepingMs }: RetentionIntervals): Promise<void> {
    const { documentPurge, housekeeping } = RETENTION_JOBS;
    await this.queue.upsertJobScheduler(documentPurge, { every: documentPurgeMs }, { name: documentPurge, opts: JOB_RETENTION });
    await this.queue.upsertJobScheduler(housekeeping, { every: housekeepingMs }, { name: housekeeping, opts: JOB_RETENTION });
  }
}
