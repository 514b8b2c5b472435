import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createRedis } from './redis';

export const REDIS = Symbol('REDIS');
export const REDIS_OPTIONS = Symbol('REDIS_OPTIONS');

export interface RedisModuleOptions {
  url: string;
  /** Prefix of every key this deployment writes: queues, rate limits. */
  prefix: string;
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One shared client for short commands (health, rate limits, enqueueing). */
@Global()
@Module({})
export class RedisModule {
  static forRoot(options: RedisModuleOptions): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        { provide: REDIS_OPTIONS, useValue: options },
        { provide: REDIS, useFactory: () => createRedis(options.url, 'client') },
        RedisCloser,
      ],
      exports: [REDIS, REDIS_OPTIONS],
    };
  }
}
