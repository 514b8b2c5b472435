import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, type Type } from '@nestjs/common';
import { LOGGER, REDIS_OPTIONS, type Logger, type RedisModuleOptions } from '@mintfax/platform';
import { Queue } from 'bullmq';
import { bullOptions } from './bull-options';
import type { QueueName } from './queues';

export interface ProducerOptions {
  /**
   * Fail an add at once while Redis is away instead of waiting for it: for callers that must not
   * hang and have a way to catch up (the fax sweep, a rolled-back outbox claim, a job run again).
   */
  failFast: boolean;
}

const PRODUCER_OPTIONS = Symbol('PRODUCER_OPTIONS');

/** Opens the producers' BullMQ queues on one kind of connection, logs their errors, closes them with the app. */
@Injectable()
export class QueueConnections implements OnApplicationShutdown {
  private readonly opened: Queue[] = [];

  constructor(
    @Inject(REDIS_OPTIONS) private readonly redis: RedisModuleOptions,
    @Inject(PRODUCER_OPTIONS) private readonly options: ProducerOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  open<Data>(name: QueueName): Queue<Data> {
    const queue = new Queue<Data>(name, bullOptions(this.redis.url, this.redis.prefix, { producer: this.options.failFast }));
    queue.on('error', (error) => this.logger.warn({ queue: name, err: error.message }, 'queue connection error'));
    this.opened.push(queue);
    return queue;
  }

  /** After the workers' module-destroy hooks: a running job may still add jobs until then. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.opened.map((queue) => queue.close()));
  }
}

/** Gives a module the producers it enqueues with (FaxDispatchQueue, WebhookDeliveryQueue, …). */
@Module({})
export class QueueModule {
  static register(options: ProducerOptions, producers: Type[]): DynamicModule {
    return {
      module: QueueModule,
      providers: [{ provide: PRODUCER_OPTIONS, useValue: options }, QueueConnections, ...producers],
      exports: producers,
    };
  }
}
