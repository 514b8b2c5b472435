import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type WebhookDispatcherConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { EVENTS_CHANNEL, RELAY_BATCH, relayOutbox } from '@mintfax/events';
import { LOGGER, type Logger } from '@mintfax/platform';
import { Client } from 'pg';
import { FirstAttempts } from './first-attempts';

/** The fallback when a NOTIFY is missed (listener reconnecting, another dispatcher's claim rolled back). */
const POLL_INTERVAL_MS = 2_000;
const RECONNECT_DELAY_MS = 1_000;

/**
 * Relays the event outbox to this process's first attempts, claiming only as many as they have
 * room for. Woken by LISTEN on EVENTS_CHANNEL (the outbox writer NOTIFYs on commit) on a
 * connection of its own, by a poll every POLL_INTERVAL_MS, and by FirstAttempts when it has room
 * again after a claim it had to cut short.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private listener?: Client;
  private pollTimer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private wakeAgain = false;
  /** The last claim stopped for want of room, not of events. */
  private leftBehind = false;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: WebhookDispatcherConfig,
    private readonly prisma: PrismaService,
    private readonly firstAttempts: FirstAttempts,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    firstAttempts.onRoom = () => {
      if (!this.leftBehind) return;
      this.leftBehind = false;
      this.wake();
    };
  }

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
    while (!this.stopped) {
      const limit = Math.min(RELAY_BATCH, this.firstAttempts.room());
      if (limit === 0) {
        this.leftBehind = true;
        return;
      }
      const batch = await relayOutbox(this.prisma, limit);
      this.firstAttempts.take(batch.jobs);
      if (batch.claimed < limit) return;
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

  /**
   * Stops claiming, then stops the first attempts, before Postgres and Redis disconnect (module
   * destroy hooks run before those of the modules this one imports).
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.draining;
    await this.firstAttempts.stop();
  }
}
