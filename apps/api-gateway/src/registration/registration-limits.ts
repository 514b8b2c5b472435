import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { REDIS, REDIS_OPTIONS, type RedisModuleOptions } from '@mintfax/platform';
import { createRateLimiter, isOverLimit, rateLimitExceeded, redisSettled, type RateLimit } from '../rate-limit/create-rate-limiter';

/**
 * Registration is public, so it is limited per client IP and per email. Verification per email is
 * what keeps a 6-digit code out of reach: 10 guesses per 10 minutes (each code also dies after 5
 * wrong ones) against a million codes. Sign-ups per email stop the endpoint from mail-bombing someone.
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

  /** Counts a sign-up; `rate_limit_exceeded` with Retry-After when the IP or the email is over. */
  register(ip: string, email: string): Promise<void> {
    return this.consume(['registerPerIp', ip], ['registerPerEmail', email]);
  }

  verify(ip: string, email: string): Promise<void> {
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
