import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { APP_CONFIG, type GatewayConfig } from '@mintfax/config';
import { REDIS, REDIS_OPTIONS, type RedisModuleOptions } from '@mintfax/platform';
import { createRateLimiter, isOverLimit, rateLimitExceeded, rateLimitHeaders, redisSettled } from '@mintfax/platform';

const BLOCKED_MESSAGE = 'Too many failed authentications from this address; retry after the Retry-After delay.';

/**
 * Failed authentications per client address, AUTH_FAILURE_LIMIT a minute (docs/api/authentication.md
 * "Failed attempts"). An address over it is refused before its key is looked up: trying keys costs
 * the caller a 429 and us one Redis read, never a database query.
 */
@Injectable()
export class AuthFailureLimiter implements OnModuleInit {
  private readonly limiter: RateLimiterRedis;

  constructor(
    @Inject(APP_CONFIG) config: GatewayConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(REDIS_OPTIONS) { prefix }: RedisModuleOptions,
  ) {
    this.limiter = createRateLimiter(redis, prefix, 'auth-failures', { points: config.authFailureLimit, durationSeconds: 60 });
  }

  onModuleInit(): Promise<void> {
    return redisSettled(this.redis);
  }

  /**
   * Throws `rate_limit_exceeded`, with Retry-After and the X-RateLimit-* of this limit, once the address
   * used it up. Runs before every request: a plain GET of the counter (auto-pipelined with the other
   * requests' commands); the limiter's own read, with its TTL and its in-memory fallback while Redis is
   * away, only when that GET cannot settle it.
   */
  async refuseBlocked(address: string): Promise<void> {
    if (this.redis.status === 'ready') {
      const failures = await this.redis.get(this.limiter.getKey(address)).catch(() => undefined);
      if (failures === null || (failures !== undefined && Number(failures) < this.limiter.points)) return;
    }
    const counted = await this.limiter.get(address);
    if (counted && counted.consumedPoints >= this.limiter.points) {
      throw rateLimitExceeded(counted, rateLimitHeaders(this.limiter.points, counted), BLOCKED_MESSAGE);
    }
  }

  async countFailure(address: string): Promise<void> {
    try {
      await this.limiter.consume(address);
    } catch (rejection) {
      // Over the limit: this answer is still the refusal it earned, the next one a 429.
      if (!isOverLimit(rejection)) throw rejection;
    }
  }
}
