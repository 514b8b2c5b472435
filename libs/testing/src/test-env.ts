/**
 * How the Jest global setup hands the servers to test files: environment variables, because
 * workers are separate processes forked after the setup has set them.
 */
export const TEST_ENV = {
  postgresAdminUrl: 'MINTFAX_TEST_PG_ADMIN_URL',
  templateDatabase: 'MINTFAX_TEST_PG_TEMPLATE',
  redisUrl: 'MINTFAX_TEST_REDIS_URL',
} as const;

export function requireTestEnv(name: (typeof TEST_ENV)[keyof typeof TEST_ENV]): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run tests through the workspace Jest config (npx jest), whose global setup starts Postgres and Redis.`,
    );
  }
  return value;
}
