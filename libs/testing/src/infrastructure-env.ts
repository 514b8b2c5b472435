import { PrismaService } from '@mintfax/db';
import { databaseUrl, withClient } from '@mintfax/local-services';
import { randomBytes } from 'node:crypto';
import { requireTestEnv, TEST_ENV } from './test-env';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database copied from the migrated template: cheap (a file copy) and fully isolated. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = requireTestEnv(TEST_ENV.postgresAdminUrl);
  const template = requireTestEnv(TEST_ENV.templateDatabase);
  const name = `mintfax_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`),
  );
  return {
    url: databaseUrl(adminUrl, name),
    drop: () =>
      withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

export interface TestInfrastructure {
  databaseUrl: string;
  redisUrl: string;
  /** Every Redis key this test file's apps write starts with it. */
  redisPrefix: string;
}

/**
 * Gives the calling test file its own database and Redis key prefix for its whole run.
 * Call at describe level; read the returned function inside hooks and tests.
 */
export function useTestInfrastructure(): () => TestInfrastructure {
  let infra: TestInfrastructure | undefined;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    infra = {
      databaseUrl: database.url,
      redisUrl: requireTestEnv(TEST_ENV.redisUrl),
      redisPrefix: `t${randomBytes(5).toString('hex')}`,
    };
  });
  afterAll(async () => {
    await database?.drop();
  });
  return () => {
    if (!infra) throw new Error('useTestInfrastructure(): read it inside a hook or a test, not at describe level.');
    return infra;
  };
}

/**
 * A Prisma client on a fresh database of its own for the calling describe block, disconnected
 * and dropped afterwards: `const db = useTestPrisma(); … db().fax.count()`.
 */
export function useTestPrisma(poolSize = 5): () => PrismaService {
  let database: TestDatabase | undefined;
  let prisma: PrismaService | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaService({ databaseUrl: database.url, poolSize });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });
  return () => {
    if (!prisma) throw new Error('useTestPrisma(): read it inside a hook or a test, not at describe level.');
    return prisma;
  };
}
