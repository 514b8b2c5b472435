export { createTestDatabase, useTestInfrastructure, useTestPrisma, type TestDatabase, type TestInfrastructure } from './infrastructure-env';
export { describeServiceEndpoints, serviceEnv } from './service-checks';
export { createTestAccount, createTestFax, testPrisma, type TestAccount } from './factories';
export { jpegDocument, pdfDocument, tiffDocument } from './documents';
export { spawnApp, type SpawnedApp } from './spawn-app';
export { waitFor } from './wait-for';
