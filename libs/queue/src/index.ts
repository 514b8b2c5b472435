export * from './queues';
export { createRedis } from './redis';
export { REDIS, REDIS_OPTIONS, RedisModule, type RedisModuleOptions } from './redis.module';
export { gracefulCloser } from './closing';
