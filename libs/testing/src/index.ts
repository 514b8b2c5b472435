export { createTestDatabase, useTestInfrastructure, useTestPrisma, type TestDatabase, type TestInfrastructure } from './infrastructure-env';
export { describeServiceEndpoints, serviceEnv } from './service-checks';
export {
  createFinishedTestFax,
  createTestAccount,
  createTestEnvironment,
  createTestFax,
  testPrisma,
  type TestAccount,
  type TestOwner,
} from './factories';
export { createTestEvent, createTestWebhookEndpoint } from './webhook-factories';
// The ledger's own tests cannot import libs/events (which depends on the ledger): they take its writer of `balance.low` here.
export { lowBalanceEventsSql } from '@mintfax/events';
export { Receiver, type Behaviour, type Delivery } from './webhook-receiver';
export {
  encryptedPdf,
  jpegDocument,
  oversizedTiff,
  pdfCutInHalf,
  pdfDecompressionBomb,
  pdfDocument,
  pdfOfPages,
  pdfWithManyObjects,
  pngDocument,
  tiffDocument,
  type PdfPageShape,
  type TiffPageShape,
} from './documents';
export { pdfPageText } from './pdf-page-text';
export { spawnApp, type SpawnedApp } from './spawn-app';
export { waitFor } from './wait-for';
export { cuttableLink, disposableRedis, droppingProxy, type CuttableLink, type DisposableRedis, type DroppingProxy } from './faults';
export { startTestPlatform, type TestPlatform } from './platform';
export { freePort, startTelnyxStandin, type StandinFax, type TelnyxStandin } from '@mintfax/local-services';
