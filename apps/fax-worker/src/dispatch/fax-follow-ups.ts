import { Inject, Injectable } from '@nestjs/common';
import { PrismaService } from '@mintfax/db';
import { inZeroFootprintEnvironment } from '@mintfax/faxes';
import { LOGGER, type Logger } from '@mintfax/platform';
import { FaxDispatchQueue, FaxPurgeQueue } from '@mintfax/queue';

/** What an attempt's end leaves to do, whoever ended it (a dispatch job, or the sweep's poll of the carrier). */
@Injectable()
export class FaxFollowUps {
  constructor(
    private readonly prisma: PrismaService,
    private readonly dispatches: FaxDispatchQueue,
    private readonly purges: FaxPurgeQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The job of the next attempt, due at `at`, once `attemptsDone` have failed. */
  retry(faxId: string, attemptsDone: number, at: Date): Promise<void> {
    return this.dispatches.retry(faxId, attemptsDone, at);
  }

  /** Never fails the caller: a purge job that cannot be added is made up for by the retention sweep. */
  async purgeIfZeroFootprint(faxId: string): Promise<void> {
    await this.neverFailing(faxId, async () => {
      if (await inZeroFootprintEnvironment(this.prisma, faxId)) await this.purges.enqueue(faxId);
    });
  }

  /** The purge of a fax known to be in a zero-footprint environment (the dispatch job read it with the fax). */
  purge(faxId: string): Promise<void> {
    return this.neverFailing(faxId, () => this.purges.enqueue(faxId));
  }

  private async neverFailing(faxId: string, enqueue: () => Promise<void>): Promise<void> {
    try {
      await enqueue();
    } catch (error) {
      this.logger.warn({ fax_id: faxId, err: (error as Error).message }, 'purge enqueue failed; the retention sweep will purge the fax');
    }
  }
}
