export { createTestDatabase, useTestInfrastructure, useTestPrisma, type TestDatabase, type TestInfrastructure } from './infrastructure-env';
export { describeServiceEndpoints, serviceEnv } from './service-checks';
export { startPostgres, type StartPostgresOptions } from './services/embedded-postgres';
export { startRedis, type StartRedisOptions } from './services/embedded-redis';
export { withClient } from './services/postgres-client';
export type { RunningService } from './services/types';
export { createTestAccount, testPrisma, type TestAccount } from './factories';
export { jpegDocument, pdfDocument, tiffDocument } from './documents';
export { spawnApp, type SpawnedApp } from './spawn-app';
