import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type BillingConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { owedTopUps } from '@mintfax/ledger';
import { PeriodicSweep } from '@mintfax/platform';
import { TopUpQueue } from '@mintfax/queue';

const BATCH = 500;

/**
 * Every TOP_UP_SWEEP_INTERVAL_MS, gives each top-up Postgres records as owed its job: the crossing
 * statement writes the row (no round trip to Redis on the submit path), and this enqueues it, or
 * enqueues it again when Redis lost it or it failed for good while Stripe was away. Job ids make
 * one still waiting or running a no-op.
 */
@Injectable()
export class TopUpSweep extends PeriodicSweep {
  constructor(
    @Inject(APP_CONFIG) config: BillingConfig,
    private readonly prisma: PrismaService,
    private readonly topUps: TopUpQueue,
  ) {
    super({ name: 'top-up sweep', intervalMs: config.topUpSweepIntervalMs });
  }

  async runOnce(now = new Date()): Promise<number> {
    let enqueued = 0;
    for (const topUpId of await owedTopUps(this.prisma, now, BATCH)) if (await this.topUps.ensure({ topUpId })) enqueued += 1;
    if (enqueued > 0) this.logger.info({ count: enqueued }, 'owed top-ups enqueued');
    return enqueued;
  }
}
