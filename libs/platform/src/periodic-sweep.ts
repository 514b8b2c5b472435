import { Inject, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from './logger';
import { runPeriodically } from './periodic-task';
import { LOGGER } from './service/service.module';

/**
 * A sweep that rebuilds queued work from Postgres: `runOnce` at start, then `intervalMs` after each
 * run, for the app's life. A failed run is logged and the next goes ahead. Module destroy hooks run
 * before the database module's, so the last run finishes connected.
 */
export abstract class PeriodicSweep implements OnApplicationBootstrap, OnModuleDestroy {
  @Inject(LOGGER) protected readonly logger!: Logger;
  private loop?: { stop(): Promise<void> };

  protected constructor(private readonly schedule: { name: string; intervalMs: number }) {}

  abstract runOnce(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.loop = runPeriodically(this.schedule.intervalMs, () => this.runOnce(), (error) =>
      this.logger.error({ err: error.message }, `${this.schedule.name} failed; trying again next round`),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop?.stop();
  }
}
