import { TEST_RUN_KEY, type TestRun } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const run = (globalThis as Record<string, unknown>)[TEST_RUN_KEY] as TestRun | undefined;
  delete (globalThis as Record<string, unknown>)[TEST_RUN_KEY];
  await run?.stop();
}
