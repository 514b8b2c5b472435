export { coreModules } from './core-modules';
export * from './http';
export { createLogger, type Logger } from './logger';
export type { AppRuntime } from './runtime';
export { Metrics } from './service/metrics';
export { LOGGER, ServiceModule } from './service/service.module';
export { runMain, startApp, type StartAppOptions } from './start-app';
