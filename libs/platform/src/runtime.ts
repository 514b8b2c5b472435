import type { Logger } from './logger';
import type { Metrics } from './service/metrics';

/** What an app's modules share with its HTTP server: one logger, one metrics registry. */
export interface AppRuntime {
  logger: Logger;
  metrics: Metrics;
}
