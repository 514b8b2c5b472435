import { Injectable } from '@nestjs/common';
import { PrismaService } from '@mintfax/db';
import { purgeFaxIfDue } from '@mintfax/faxes';
import { QUEUES, QueueWorker, type FaxPurgeJob, type JobResult } from '@mintfax/queue';
import type { Job } from 'bullmq';
import { CarrierCopyPurge } from './carrier-copies';

const CONCURRENCY = 4;

/**
 * Consumes `fax-purge`: the fax-worker's word that a zero-footprint fax is terminal. The job only
 * wakes us; whether the document is due is decided here, by the same rule as the sweep, which also
 * purges what a failed job left.
 */
@Injectable()
export class FaxPurgeProcessor extends QueueWorker<FaxPurgeJob> {
  constructor(
    private readonly prisma: PrismaService,
    private readonly carrierCopies: CarrierCopyPurge,
  ) {
    super(QUEUES.faxPurge, { concurrency: CONCURRENCY });
  }

  protected describe(job: Job<FaxPurgeJob>) {
    return { fax_id: job.data.faxId };
  }

  protected async handle(job: Job<FaxPurgeJob>): Promise<JobResult> {
    const now = new Date();
    const purged = await purgeFaxIfDue(this.prisma, job.data.faxId, now);
    return { outcome: purged ? 'purged' : 'skipped', carrier_copies_deleted: await this.carrierCopies.run(now, job.data.faxId) };
  }
}
