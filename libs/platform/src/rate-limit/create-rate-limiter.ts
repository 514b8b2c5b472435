import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '@mintfax/errors';

export interface RateLimit {
  points: number;
  durationSeconds: number;
}

/**
 * A Redis-backed fixed-window limiter named `name` under the deployment's Redis prefix. While Redis
 * is unreachable the same limit is kept in this process's memory, so limits bend but never vanish.
 */
export function createRateLimiter(redis: Redis, redisPrefix: string, name: string, limit: RateLimit): RateLimiterRedis {
  const options = { points: limit.points, duration: limit.durationSeconds };
  return new RateLimiterRedis({
    ...options,
    storeClient: redis,
    keyPrefix: `${redisPrefix}:rate-limit:${name}`,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

const CONNECT_WAIT_MS = 3000;

/**
 * Resolves once the shared Redis client is connected, has failed, or CONNECT_WAIT_MS passed. Awaited
 * at start so the first requests are counted in Redis rather than in the per-process fallback.
 */
export function redisSettled(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done).off('error', done);
      resolve();
    };
    const timer = setTimeout(done, CONNECT_WAIT_MS);
    redis.once('ready', done).once('error', done);
  });
}

/** `consume` rejects with a RateLimiterRes when over the limit, with an Error when it could not count. */
export function isOverLimit(rejection: unknown): rejection is RateLimiterRes {
  return rejection instanceof RateLimiterRes;
}

/** docs/api/README.md "Every response": `Retry-After` in whole seconds, at least 1. */
export function retryAfterSeconds(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** The X-RateLimit-* headers of docs/api/README.md "Every response", for a limit of `limit` points. */
export function rateLimitHeaders(limit: number, res: RateLimiterRes): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(Math.max(0, res.remainingPoints)),
    'X-RateLimit-Reset': String(Math.ceil((Date.now() + res.msBeforeNext) / 1000)),
  };
}

export function rateLimitExceeded(res: RateLimiterRes, headers: Record<string, string> = {}, message?: string): ApiError {
  return new ApiError('rate_limit_exceeded', undefined, {
    message,
    headers: { ...headers, 'Retry-After': String(retryAfterSeconds(res)) },
  });
}
