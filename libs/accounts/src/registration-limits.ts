import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import {
  createRateLimiter,
  isOverLimit,
  rateLimitExceeded,
  REDIS,
  REDIS_OPTIONS,
  redisSettled,
  type RateLimit,
  type RedisModuleOptions,
} from '@mintfax/platform';

/**
 * Registration and dashboard sign-in are public, so they are limited per client IP and per email,
 * in the same Redis counters wherever the code is asked for or tried (gateway or dashboard).
 * Verification per email is what keeps a 6-digit code out of reach: 10 guesses per 10 minutes
 * (each code also dies after 5 wrong ones) against a million codes. Codes sent per email stop the
 * endpoints from mail-bombing someone.
 */
export const REGISTRATION_LIMITS = {
  registerPerIp: { points: 20, durationSeconds: 3600 },
  registerPerEmail: { points: 5, durationSeconds: 3600 },
  verifyPerIp: { points: 30, durationSeconds: 600 },
  verifyPerEmail: { points: 10, durationSeconds: 600 },
} as const satisfies Record<string, RateLimit>;

type LimitName = keyof typeof REGISTRATION_LIMITS;

@Injectable()
export class RegistrationLimits implements OnModuleInit {
  private readonly limiters: Record<LimitName, RateLimiterRedis>;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(REDIS_OPTIONS) { prefix }: RedisModuleOptions,
  ) {
    const limiter = (name: LimitName) => createRateLimiter(redis, prefix, name, REGISTRATION_LIMITS[name]);
    this.limiters = {
      registerPerIp: limiter('registerPerIp'),
      registerPerEmail: limiter('registerPerEmail'),
      verifyPerIp: limiter('verifyPerIp'),
      verifyPerEmail: limiter('verifyPerEmail'),
    };
  }

  onModuleInit(): Promise<void> {
    return redisSettled(this.redis);
  }

  /** Counts a code mailed (sign-up, sign-in, step-up); `rate_limit_exceeded` with Retry-After when the IP or the email is over. */
  codeRequested(ip: string, email: string): Promise<void> {
    return this.consume(['registerPerIp', ip], ['registerPerEmail', email]);
  }

  /** Counts a code tried, right or wrong. */
  codeTried(ip: string, email: string): Promise<void> {
    return this.consume(['verifyPerIp', ip], ['verifyPerEmail', email]);
  }

  private async consume(...checks: [LimitName, string][]): Promise<void> {
    for (const [name, key] of checks) {
      try {
        await this.limiters[name].consume(key);
      } catch (rejection) {
        if (isOverLimit(rejection)) throw rateLimitExceeded(rejection);
        throw rejection;
      }
    }
  }
}
