import { Injectable } from '@nestjs/common';
import { QueueConnections } from '../queue.module';
import { QueueProducer } from '../queue-producer';
import { QUEUES } from '../queues';
import { FAX_PURGE_JOB_NAME, faxPurgeJobOptions, type FaxPurgeJob } from './fax-purge.job';

/** Hands terminal faxes of zero-footprint environments to the retention worker for an immediate purge. */
@Injectable()
export class FaxPurgeQueue extends QueueProducer<FaxPurgeJob> {
  constructor(connections: QueueConnections) {
    super(QUEUES.faxPurge, connections);
  }

  async enqueue(faxId: string): Promise<void> {
    await this.queue.add(FAX_PURGE_JOB_NAME, { faxId }, faxPurgeJobOptions(faxId));
  }
}
