import { Redis, type RedisOptions } from 'ioredis';

/**
 * Workers block on Redis and must never give up a command (`maxRetriesPerRequest: null`, as
 * BullMQ requires); producers fail fast instead of queueing commands while Redis is away.
 */
export function createRedis(url: string, role: 'worker' | 'client'): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 2, enableOfflineQueue: false, connectTimeout: 5000 };
  return new Redis(url, { ...options, lazyConnect: false });
}
