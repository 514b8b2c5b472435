export { coreModules } from './core-modules';
export * from './http';
export { createLogger, type Logger } from './logger';
export { REDIS, REDIS_OPTIONS, RedisModule, type RedisModuleOptions } from './redis/redis.module';
export type { AppRuntime } from './runtime';
export { Metrics } from './service/metrics';
export { LOGGER, ServiceModule } from './service/service.module';
export { runPeriodically } from './periodic-task';
export { runMain, startApp, type StartAppOptions } from './start-app';
