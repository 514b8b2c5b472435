import { Redis, type RedisOptions } from 'ioredis';

/**
 * Workers block on Redis and must never give up a command (`maxRetriesPerRequest: null`, as
 * BullMQ requires); producers fail fast instead of queueing commands while Redis is away, and send
 * the commands of one event-loop turn together (auto-pipelining): under load, the rate-limit calls of
 * many requests share one write and one wake-up of Redis.
 */
export function createRedis(url: string, role: 'worker' | 'client'): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 2, enableOfflineQueue: false, connectTimeout: 5000, enableAutoPipelining: true };
  const redis = new Redis(url, { ...options, lazyConnect: false });
  // Connection errors surface where they matter (failing commands, /readyz); without a listener
  // ioredis would also print each reconnect failure to stderr as an "unhandled error event".
  redis.on('error', () => undefined);
  return redis;
}
