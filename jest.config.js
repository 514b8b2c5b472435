// One Jest run for the whole workspace: Postgres and Redis start once (global setup) and
// every test file gets its own database and Redis key prefix, so files run in parallel.
const { aliases, swcOptions } = require('./tools/swc-options');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts', '<rootDir>/apps/*/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions({ resolveAliases: false })] },
  // NestJS 12 ships ES modules only; Jest's module registry needs them as CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleNameMapper: Object.fromEntries(
    Object.entries(aliases).map(([alias, target]) => [`^${alias}$`, `<rootDir>/${target}`]),
  ),
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  setupFiles: ['<rootDir>/libs/testing/src/jest/setup-file.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
