import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type FaxWorkerConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { dueQueuedFaxes, faxesMidAttempt, reconcileQuietFaxes, timeOutStuckFax, type Carrier, type PollOutcome } from '@mintfax/faxes';
import { PeriodicSweep } from '@mintfax/platform';
import { FaxDispatchQueue } from '@mintfax/queue';
import { FaxFollowUps } from './fax-follow-ups';
import { LIVE_CARRIER } from './live-carrier.provider';

const BATCH = 500;

/**
 * A fax unmoved mid-attempt this long may have lost its job: far past the job's lock (10 s), and
 * past any step of a running attempt, whose job Redis may have lost while the worker still runs it.
 */
const ORPHAN_AFTER_MS = 60_000;

/**
 * Safety nets, run at start and then every FAX_SWEEP_INTERVAL_MS:
 * - the sweep enqueues queued faxes whose time has come but whose job is missing (the gateway
 *   died between commit and enqueue, or Redis lost the job); job ids make a duplicate a no-op;
 * - it enqueues again the attempt of a fax stuck mid-attempt whose job no longer runs (Redis
 *   lost it, or it failed for good through an outage longer than its retries); that run ends
 *   the attempt as interrupted, so the fax is retried without waiting for the watchdog;
 * - the watchdog fails with `timeout` a fax whose attempt's job is still running past
 *   FAX_STUCK_AFTER_MS (the attempt hangs), releasing its hold;
 * - the reconciliation polls the live carrier about each fax it took and has not reported on for
 *   CARRIER_POLL_AFTER_MS, and settles it from the answer; only a fax the poll leaves unsettled,
 *   unmoved past FAX_STUCK_AFTER_MS, is then failed by the watchdog.
 */
@Injectable()
export class FaxSweep extends PeriodicSweep {
  constructor(
    @Inject(APP_CONFIG) private readonly config: FaxWorkerConfig,
    private readonly prisma: PrismaService,
    private readonly dispatches: FaxDispatchQueue,
    private readonly followUps: FaxFollowUps,
    @Inject(LIVE_CARRIER) private readonly carrier: Carrier,
  ) {
    super({ name: 'fax sweep', intervalMs: config.sweepIntervalMs });
  }

  async runOnce(now = new Date()): Promise<{ enqueued: number; recovered: number; timedOut: number; polled: number }> {
    const due = await dueQueuedFaxes(this.prisma, now, BATCH);
    for (const fax of due) await this.dispatches.requeue(fax.id, fax.attempts);

    const stuckCutoff = new Date(now.getTime() - this.config.stuckAfterMs);
    let recovered = 0;
    let timedOut = 0;
    for (const fax of await faxesMidAttempt(this.prisma, new Date(now.getTime() - ORPHAN_AFTER_MS), BATCH)) {
      const job = await this.dispatches.recoverAttempt(fax.id, fax.attempts - 1);
      if (job === 'requeued') recovered += 1;
      if (job === 'running' && fax.updatedAt < stuckCutoff && (await timeOutStuckFax(this.prisma, fax.id, stuckCutoff))) timedOut += 1;
    }
    if (recovered > 0) this.logger.warn({ count: recovered }, 'sweep re-enqueued faxes whose attempt lost its job');

    const polled = await reconcileQuietFaxes(this.prisma, this.carrier, {
      now,
      quietMs: this.config.carrierPollAfterMs,
      stuckCutoff,
      liveBackoffMs: this.config.retryBackoffMs,
      limit: BATCH,
    });
    for (const outcome of polled) {
      if (await this.followUp(outcome)) timedOut += 1;
    }
    if (timedOut > 0) this.logger.warn({ count: timedOut }, 'watchdog failed stuck faxes with timeout');
    return { enqueued: due.length, recovered, timedOut, polled: polled.length };
  }

  /** Acts on what a poll of the carrier did; true when the watchdog timed the fax out. */
  private async followUp(outcome: PollOutcome): Promise<boolean> {
    switch (outcome.kind) {
      case 'unreachable':
        this.logger.warn({ fax_id: outcome.faxId, err: outcome.error }, 'carrier poll failed; trying again next round');
        return false;
      case 'retry':
        await this.followUps.retry(outcome.faxId, outcome.attemptsDone, outcome.retryAt);
        return false;
      case 'delivered':
      case 'failed':
      case 'timed_out':
        this.logger.info({ fax_id: outcome.faxId, outcome: outcome.kind }, 'fax settled by polling the carrier');
        await this.followUps.purgeIfZeroFootprint(outcome.faxId);
        return outcome.kind === 'timed_out';
      case 'connected':
      case 'unchanged':
      case 'stale':
      case 'unknown':
        return false;
      default: {
        const unknown: never = outcome;
        throw new Error(`Unknown poll outcome ${JSON.stringify(unknown)}`);
      }
    }
  }
}
