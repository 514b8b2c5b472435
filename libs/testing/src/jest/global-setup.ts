import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_ENV } from '../test-env';
import { registerWorkspaceAliases } from './workspace-aliases';

/** What teardown needs; global setup and teardown run in the same process. */
export interface TestRun {
  stop(): Promise<void>;
}
export const TEST_RUN_KEY = '__mintfaxTestRun__';

/**
 * Starts Postgres and Redis once for the whole Jest run and migrates a template database that
 * each test file copies (see createTestDatabase). Workers find the servers through TEST_ENV.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  // Loaded after the aliases are mapped: Jest runs this file outside its module registry.
  registerWorkspaceAliases();
  const { createRunDir, provideServices, removeStaleRunDirs } = await import('@mintfax/local-services');
  const { prepareTemplate, TEMPLATE_DATABASE } = await import('../template-database');
  await removeStaleRunDirs();
  const runDir = createRunDir();
  const services = await provideServices(runDir).catch((error: unknown) => {
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  });
  const stop = async (): Promise<void> => {
    await services.stop();
    rmSync(runDir, { recursive: true, force: true });
  };
  (globalThis as Record<string, unknown>)[TEST_RUN_KEY] = { stop } satisfies TestRun;
  try {
    // Tests that need an app as its own process (spawnApp) run the build, as production does.
    execFileSync(process.execPath, [join(__dirname, '..', '..', '..', '..', 'tools', 'build.js')], { stdio: 'ignore' });
    const { applyMigrations } = await import('@mintfax/db');
    await prepareTemplate(services.postgresUrl, (url) => applyMigrations(url));
  } catch (error) {
    await stop();
    throw error;
  }

  process.env[TEST_ENV.postgresAdminUrl] = services.postgresUrl;
  process.env[TEST_ENV.templateDatabase] = TEMPLATE_DATABASE;
  process.env[TEST_ENV.redisUrl] = services.redisUrl;
  process.stdout.write(`\n${services.description}, template migrated, in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}
