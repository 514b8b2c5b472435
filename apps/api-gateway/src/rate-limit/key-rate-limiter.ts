import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { APP_CONFIG, type GatewayConfig } from '@mintfax/config';
import type { KeyKind } from '@mintfax/db';
import { createRateLimiter, isOverLimit, rateLimitExceeded, rateLimitHeaders, REDIS, REDIS_OPTIONS, redisSettled, type RedisModuleOptions } from '@mintfax/platform';

/**
 * Requests per second per key (docs/operations.md "Configuration"). Account keys get the sandbox limit: the
 * account surface is management traffic, never the volume a live integration sends.
 */
export function requestsPerSecond(config: Pick<GatewayConfig, 'rateLimitLive' | 'rateLimitSandbox'>, kind: KeyKind): number {
  switch (kind) {
    case 'live':
      return config.rateLimitLive;
    case 'test':
    case 'account':
      return config.rateLimitSandbox;
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown key kind ${String(unknown)}`);
    }
  }
}

/** Counts one request against its key and returns the X-RateLimit-* headers of docs/api/README.md "Every response". */
@Injectable()
export class KeyRateLimiter implements OnModuleInit {
  private readonly limiters: Record<KeyKind, RateLimiterRedis>;

  constructor(
    @Inject(APP_CONFIG) config: GatewayConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(REDIS_OPTIONS) { prefix }: RedisModuleOptions,
  ) {
    const limiter = (kind: KeyKind) =>
      createRateLimiter(redis, prefix, `key-${kind}`, { points: requestsPerSecond(config, kind), durationSeconds: 1 });
    this.limiters = { test: limiter('test'), live: limiter('live'), account: limiter('account') };
  }

  onModuleInit(): Promise<void> {
    return redisSettled(this.redis);
  }

  /**
   * Counts one request of the key `keyHash` names, before the key is looked up (so the count and the
   * address's failure check share one round trip to Redis). Says the headers to send, and the refusal
   * to throw once the key proves real, when it is over its limit. Counted by the first half of the
   * hash: the key itself never reaches Redis, nor the whole hash the database keeps.
   */
  async count(keyHash: string, kind: KeyKind): Promise<{ headers: Record<string, string>; refusal?: Error }> {
    const limiter = this.limiters[kind];
    try {
      return { headers: rateLimitHeaders(limiter.points, await limiter.consume(keyHash.slice(0, 32))) };
    } catch (rejection) {
      if (!isOverLimit(rejection)) throw rejection;
      const headers = rateLimitHeaders(limiter.points, rejection);
      return { headers, refusal: rateLimitExceeded(rejection, headers) };
    }
  }
}
