import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type WebhookDispatcherConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { EVENTS_CHANNEL, RELAY_BATCH, relayOutbox } from '@mintfax/events';
import { LOGGER, type Logger } from '@mintfax/platform';
import { WebhookDeliveryQueue, type WebhookAttemptJob } from '@mintfax/queue';
import { Client } from 'pg';

/** The fallback when a NOTIFY is missed (listener reconnecting, another dispatcher's claim rolled back). */
const POLL_INTERVAL_MS = 2_000;
const RECONNECT_DELAY_MS = 1_000;

/**
 * Relays the event outbox to the delivery queue. Woken by LISTEN on EVENTS_CHANNEL (the outbox
 * writer NOTIFYs on commit) on a connection of its own, and by a poll every POLL_INTERVAL_MS.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private listener?: Client;
  private pollTimer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: WebhookDispatcherConfig,
    private readonly prisma: PrismaService,
    private readonly queue: WebhookDeliveryQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    void this.listen();
    this.pollTimer = setInterval(() => this.wake(), POLL_INTERVAL_MS);
    this.wake();
  }

  /** Drains the outbox now, or right after the drain under way (its claim may have missed new events). */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: Error) => this.logger.error({ err: error.message }, 'outbox relay failed; retrying on the next wake'))
      .finally(() => {
        this.draining = undefined;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    let claimed: number;
    do {
      const batch = await relayOutbox(this.prisma, RELAY_BATCH);
      claimed = batch.claimed;
      await this.enqueue(batch.jobs);
    } while (claimed === RELAY_BATCH && !this.stopped);
  }

  /** The deliveries are owed in Postgres already: a job Redis does not take now, the sweep enqueues later. */
  private async enqueue(jobs: WebhookAttemptJob[]): Promise<void> {
    if (jobs.length === 0) return;
    try {
      await this.queue.addNow(jobs);
    } catch (error) {
      this.logger.warn({ count: jobs.length, err: (error as Error).message }, 'first attempts not enqueued; the delivery sweep will enqueue them');
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl });
    this.listener = client;
    const reconnect = (reason: string) => {
      if (this.stopped || this.listener !== client) return;
      this.logger.warn({ err: reason }, 'outbox listener lost; reconnecting (polling meanwhile)');
      this.listener = undefined;
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      this.reconnectTimer = setTimeout(() => void this.listen(), RECONNECT_DELAY_MS);
    };
    client.on('notification', () => this.wake());
    client.on('error', (error: Error) => reconnect(error.message));
    client.on('end', () => reconnect('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(EVENTS_CHANNEL)}`);
      // Events committed while nobody listened are waiting: look now rather than at the next poll.
      this.wake();
    } catch (error) {
      reconnect((error as Error).message);
    }
  }

  /** Stops claiming before Postgres disconnects (module destroy hooks run before the database module's). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.draining;
  }
}
