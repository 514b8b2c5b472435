import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type WebhookDispatcherConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { FIRST_ATTEMPT_LEASE_MS, firstAttemptDepth, releaseFirstAttempts, WEBHOOK_TIMEOUT_MS, WebhookAttempts, type AttemptStart } from '@mintfax/events';
import { LOGGER, Metrics, type Logger } from '@mintfax/platform';
import { QUEUES, WebhookDeliveryQueue, type WebhookAttemptJob } from '@mintfax/queue';
import { describeAttempt, scheduleNextAttempt } from '../delivery/next-attempt';

/**
 * The latest a claimed attempt starts its request after the claim: its request ends (WEBHOOK_TIMEOUT_MS
 * at most) well before its lease, so the sweep never enqueues an attempt that is being made.
 */
const START_WITHIN_MS = FIRST_ATTEMPT_LEASE_MS - WEBHOOK_TIMEOUT_MS - 5_000;

interface Claimed {
  job: WebhookAttemptJob;
  start: AttemptStart;
  claimedAt: number;
}

/**
 * Makes the first attempts of the deliveries the outbox relay claims, in outbox order and
 * WEBHOOK_CONCURRENCY at a time, without a round trip through the queue: a claimed delivery is
 * owed in Postgres and leased to this process (FIRST_ATTEMPT_LEASE_MS). The queue takes over what
 * this process cannot finish: an attempt that failed on our side (Postgres or Redis away; it is
 * retried like any job), one held too long to start within its lease, and those not started at
 * shutdown. What the queue cannot take either, the sweep enqueues when its lease ends. The
 * endpoint's answer moves the delivery exactly as a queued attempt's does: a retry is scheduled on
 * the queue.
 */
@Injectable()
export class FirstAttempts implements OnApplicationBootstrap {
  private readonly waiting: Claimed[] = [];
  /** Attempts claimed whose start is being logged. */
  private starting = 0;
  /** The last `take` under way: each waits for the one before it, so attempts queue up in claim order. */
  private taking: Promise<void> = Promise.resolve();
  /** Attempts whose request is under way: at most WEBHOOK_CONCURRENCY. */
  private posting = 0;
  /** Attempts not finished, their records included. */
  private readonly running = new Set<Promise<void>>();
  private stopped = false;
  /** Told when there is room again: the relay claims again if it left events behind. */
  onRoom: () => void = () => undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: WebhookDispatcherConfig,
    private readonly prisma: PrismaService,
    private readonly attempts: WebhookAttempts,
    private readonly deliveries: WebhookDeliveryQueue,
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The delivery queue's depth as an autoscaler needs it counts the first attempts too. */
  onApplicationBootstrap(): void {
    this.metrics.watchQueue(QUEUES.webhookDelivery, async () => {
      const [jobs, first] = await Promise.all([this.deliveries.jobCounts(), firstAttemptDepth(this.prisma)]);
      return { ...jobs, waiting: (jobs.waiting ?? 0) + first.waiting, active: (jobs.active ?? 0) + first.active };
    });
  }

  /**
   * How many more attempts the relay may claim: up to four times WEBHOOK_CONCURRENCY posting or
   * waiting, so no slot waits for a claim; none until a quarter of that is free, so claims stay batches.
   */
  room(): number {
    const free = 4 * this.config.concurrency - this.starting - this.posting - this.waiting.length;
    return this.stopped || free < this.config.concurrency ? 0 : free;
  }

  /**
   * Logs `jobs` as pending (one statement for all) and makes them after those claimed before them.
   * Returns once that statement is sent, so the relay's next claim runs beside it.
   */
  take(jobs: WebhookAttemptJob[]): void {
    if (jobs.length === 0) return;
    const claimedAt = performance.now();
    const starting = this.attempts.start(jobs).then(
      (starts) => ({ starts }),
      (error: Error) => ({ error }),
    );
    const before = this.taking;
    this.starting += jobs.length;
    this.taking = (async () => {
      const started = await starting;
      await before;
      this.starting -= jobs.length;
      if ('error' in started) return this.handOff(jobs, started.error.message);
      jobs.forEach((job, i) => this.waiting.push({ job, start: started.starts[i], claimedAt }));
      this.pump();
    })();
  }

  /**
   * Shutdown, once the relay has stopped claiming: the attempts not started are due at once and
   * handed to the queue (another dispatcher, or this one's next run, makes them); those under way finish.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.taking;
    const left = this.waiting.splice(0).map(({ job }) => job);
    if (left.length > 0) {
      await releaseFirstAttempts(this.prisma, left).catch((error: Error) =>
        this.logger.warn({ count: left.length, err: error.message }, 'first attempts not released; the sweep takes them when their lease ends'),
      );
      await this.handOff(left, 'the dispatcher is stopping');
    }
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    while (!this.stopped && this.posting < this.config.concurrency && this.waiting.length > 0) {
      this.posting += 1;
      let answered = false;
      // The slot is the request's: the record that follows it does not hold up the next request.
      const free = () => {
        if (answered) return;
        answered = true;
        this.posting -= 1;
        this.pump();
        if (this.room() > 0) this.onRoom();
      };
      const running: Promise<void> = this.make(this.waiting.shift() as Claimed, free).finally(() => {
        this.running.delete(running);
        free();
      });
      this.running.add(running);
    }
  }

  /** Never throws: a failure of ours hands the attempt to the queue. */
  private async make({ job, start, claimedAt }: Claimed, answered: () => void): Promise<void> {
    if (performance.now() - claimedAt > START_WITHIN_MS) {
      await this.handOff([job], 'waited too long to start within its lease');
      return;
    }
    try {
      const outcome = await this.attempts.make(job, start, answered);
      if (outcome.kind === 'retry') await scheduleNextAttempt(this.deliveries, this.logger, { ...job, attempt: job.attempt + 1 }, outcome.delayMs);
      this.metrics.jobOutcomes.inc({ queue: QUEUES.webhookDelivery, outcome: outcome.kind });
      this.logger.info({ queue: QUEUES.webhookDelivery, ...describeAttempt(job), outcome: outcome.kind }, 'first attempt finished');
    } catch (error) {
      this.metrics.jobOutcomes.inc({ queue: QUEUES.webhookDelivery, outcome: 'error' });
      await this.handOff([job], (error as Error).message);
    }
  }

  /** The queue's job makes the attempt again (its pending row reused); Redis away too, the sweep enqueues it when its lease ends. */
  private async handOff(jobs: WebhookAttemptJob[], reason: string): Promise<void> {
    const described = jobs.length === 1 ? describeAttempt(jobs[0]) : { count: jobs.length };
    this.logger.warn({ ...described, reason }, 'first attempts handed to the delivery queue');
    try {
      await this.deliveries.addNow(jobs);
    } catch (error) {
      this.logger.warn({ ...described, err: (error as Error).message }, 'first attempts not enqueued; the delivery sweep will enqueue them when their lease ends');
    }
  }
}
