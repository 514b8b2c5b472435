import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type FaxWorkerConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { failStuck } from '@mintfax/faxes';
import { LOGGER, type Logger } from '@mintfax/platform';
import { FaxScheduler } from './fax-scheduler';

const BATCH = 500;
/** A fax this fresh may still be between its commit and its enqueue in the gateway. */
const ENQUEUE_GRACE_MS = 5_000;

/**
 * Two safety nets, run at start and then every FAX_SWEEP_INTERVAL_MS:
 * - the sweep enqueues queued faxes whose time has come but whose job is missing (the gateway
 *   died between commit and enqueue, or Redis lost the job); job ids make a duplicate a no-op;
 * - the watchdog fails faxes stuck mid-attempt past FAX_STUCK_AFTER_MS with `timeout`,
 *   releasing their holds.
 */
@Injectable()
export class FaxSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: FaxWorkerConfig,
    private readonly prisma: PrismaService,
    private readonly scheduler: FaxScheduler,
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
    const due = await this.prisma.fax.findMany({
      where: {
        status: 'queued',
        updatedAt: { lt: new Date(now.getTime() - ENQUEUE_GRACE_MS) },
        OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }],
      },
      select: { id: true, attempts: true },
      take: BATCH,
    });
    for (const fax of due) await this.scheduler.requeue(fax.id, fax.attempts);

    const cutoff = new Date(now.getTime() - this.config.stuckAfterMs);
    const stuck = await this.prisma.fax.findMany({
      where: { status: { in: ['submitted', 'in_progress'] }, updatedAt: { lt: cutoff } },
      select: { id: true },
      take: BATCH,
    });
    let timedOut = 0;
    for (const fax of stuck) {
      if (await this.prisma.$transaction((tx) => failStuck(tx, fax.id, cutoff))) timedOut += 1;
    }
    if (timedOut > 0) this.logger.warn({ count: timedOut }, 'watchdog failed stuck faxes with timeout');
    return { enqueued: due.length, timedOut };
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
    clearTimeout(this.timer);
  }
}
