import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type FaxWorkerConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { dueQueuedFaxes, timeOutStuckFaxes } from '@mintfax/faxes';
import { LOGGER, type Logger } from '@mintfax/platform';
import { FaxDispatchQueue } from '@mintfax/queue';

const BATCH = 500;

/**
 * Two safety nets, run at start and then every FAX_SWEEP_INTERVAL_MS:
 * - the sweep enqueues queued faxes whose time has come but whose job is missing (the gateway
 *   died between commit and enqueue, or Redis lost the job); job ids make a duplicate a no-op;
 * - the watchdog fails faxes stuck mid-attempt past FAX_STUCK_AFTER_MS with `timeout`,
 *   releasing their holds.
 */
@Injectable()
export class FaxSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: FaxWorkerConfig,
    private readonly prisma: PrismaService,
    private readonly dispatches: FaxDispatchQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((error: Error) => this.logger.error({ err: error.message }, 'fax sweep failed'))
        .finally(() => {
          this.timer = setTimeout(tick, this.config.sweepIntervalMs);
        });
    };
    tick();
  }

  async runOnce(now = new Date()): Promise<{ enqueued: number; timedOut: number }> {
    const due = await dueQueuedFaxes(this.prisma, now, BATCH);
    for (const fax of due) await this.dispatches.requeue(fax.id, fax.attempts);

    const timedOut = await timeOutStuckFaxes(this.prisma, new Date(now.getTime() - this.config.stuckAfterMs), BATCH);
    if (timedOut > 0) this.logger.warn({ count: timedOut }, 'watchdog failed stuck faxes with timeout');
    return { enqueued: due.length, timedOut };
  }

  /** Lets a running sweep finish while Postgres is still connected (module destroy hooks run before the database module's). */
  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
    clearTimeout(this.timer);
  }
}
