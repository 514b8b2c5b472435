import { Injectable } from '@nestjs/common';
import { PrismaService } from '@mintfax/db';
import { purgeFaxIfDue } from '@mintfax/faxes';
import { QUEUES, QueueWorker, type FaxPurgeJob, type JobResult } from '@mintfax/queue';
import type { Job } from 'bullmq';

const CONCURRENCY = 4;

/**
 * Consumes `fax-purge`: the fax-worker's word that a zero-footprint fax is terminal. The job only
 * wakes us; whether the document is due is decided here, by the same rule as the sweep, which also
 * purges what a failed job left.
 */
@Injectable()
export class FaxPurgeProcessor extends QueueWorker<FaxPurgeJob> {
  constructor(private readonly prisma: PrismaService) {
    super(QUEUES.faxPurge, { concurrency: CONCURRENCY });
  }

  protected describe(job: Job<FaxPurgeJob>) {
    return { fax_id: job.data.faxId };
  }

  protected async handle(job: Job<FaxPurgeJob>): Promise<JobResult> {
    return { outcome: (await purgeFaxIfDue(this.prisma, job.data.faxId, new Date())) ? 'purged' : 'skipped' };
  }
}
