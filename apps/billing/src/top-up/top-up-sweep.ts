import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type BillingConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { owedTopUps } from '@mintfax/ledger';
import { LOGGER, runPeriodically, type Logger } from '@mintfax/platform';
import { TopUpQueue } from '@mintfax/queue';

const BATCH = 500;

/**
 * Every TOP_UP_SWEEP_INTERVAL_MS, gives each top-up Postgres records as owed its job: the crossing
 * statement writes the row (no round trip to Redis on the submit path), and this enqueues it, or
 * enqueues it again when Redis lost it or it failed for good while Stripe was away. Job ids make
 * one still waiting or running a no-op.
 */
@Injectable()
export class TopUpSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private loop?: { stop(): Promise<void> };

  constructor(
    @Inject(APP_CONFIG) private readonly config: BillingConfig,
    private readonly prisma: PrismaService,
    private readonly topUps: TopUpQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = runPeriodically(this.config.topUpSweepIntervalMs, () => this.runOnce(), (error) =>
      this.logger.error({ err: error.message }, 'top-up sweep failed; trying again next round'),
    );
  }

  async runOnce(now = new Date()): Promise<number> {
    let enqueued = 0;
    for (const topUpId of await owedTopUps(this.prisma, now, BATCH)) if (await this.topUps.ensure({ topUpId })) enqueued += 1;
    if (enqueued > 0) this.logger.info({ count: enqueued }, 'owed top-ups enqueued');
    return enqueued;
  }

  /** Module destroy hooks run before the database module's: the last run finishes connected. */
  async onModuleDestroy(): Promise<void> {
    await this.loop?.stop();
  }
}
