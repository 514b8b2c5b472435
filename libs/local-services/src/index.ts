// Postgres and Redis on a developer's machine or a CI runner, for `npm start`, the benchmarks and
// the Jest run: embedded binaries, Testcontainers when a Docker engine answers, or given URLs.
export { startPostgres, type StartPostgresOptions } from './embedded-postgres';
export { startRedis, type StartRedisOptions } from './embedded-redis';
export { dockerAnswers } from './docker';
export { provideServices, type ProvidedServices } from './provide';
export { createRunDir, removeStaleRunDirs } from './stale-runs';
export { databaseUrl, withClient } from './postgres-client';
export { freePort } from './ports';
export { APP_NODE_FLAGS, LogTail, stopChild } from './processes';
export type { RunningService } from './types';
export { reachablePostgresDir } from './postgres-data-dir';
export { startTelnyxStandin, type StandinFax, type TelnyxStandin, type TelnyxStandinOptions } from './telnyx-standin/telnyx-standin';
export type { CallbackEvent, SentCallback } from './telnyx-standin/standin-callbacks';
