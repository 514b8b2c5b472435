import { cuttableLink, testPrisma, useTestInfrastructure, type CuttableLink } from '@mintfax/testing';
import { isDatabaseUnreachable, retryWhileDatabaseUnreachable } from './database-outage';
import { queryRows } from './direct-rows';
import { Prisma } from './generated/prisma/client';
import type { PrismaService } from './prisma.service';

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

// The errors are the ones Prisma with the pg adapter really throws, through a link cut like a stopped server.
describe('database outage', () => {
  const infra = useTestInfrastructure();
  let link: CuttableLink;
  let prisma: PrismaService;

  beforeEach(async () => {
    link = await cuttableLink(infra().databaseUrl);
    prisma = testPrisma(link.url, 2);
    await prisma.$queryRaw`SELECT 1`;
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await link.close();
  });

  it('tells a refused connection from a failed statement', async () => {
    expect(isDatabaseUnreachable(await failure(prisma.$queryRaw`SELECT * FROM no_such_table`))).toBe(false);
    expect(isDatabaseUnreachable(await failure(prisma.fax.findUniqueOrThrow({ where: { id: 'fax_missing' } })))).toBe(false);
    await link.cut();
    expect(isDatabaseUnreachable(await failure(prisma.fax.findUnique({ where: { id: 'fax_missing' } })))).toBe(true);
    expect(isDatabaseUnreachable(await failure(prisma.$queryRaw`SELECT 1`))).toBe(true);
  });

  it('tells them apart on the pool beneath Prisma too (queryRows)', async () => {
    expect(isDatabaseUnreachable(await failure(queryRows(prisma, Prisma.sql`SELECT * FROM no_such_table`)))).toBe(false);
    const statement = failure(queryRows(prisma, Prisma.sql`SELECT pg_sleep(2)::text`));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await link.cut();
    expect(isDatabaseUnreachable(await statement)).toBe(true);
    expect(isDatabaseUnreachable(await failure(queryRows(prisma, Prisma.sql`SELECT 1`)))).toBe(true);
  });

  it('counts a connection reset mid-statement or mid-transaction as unreachable', async () => {
    const statement = failure(prisma.$queryRaw`SELECT pg_sleep(2)::text`);
    const transaction = failure(
      prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        await new Promise((resolve) => setTimeout(resolve, 500));
        return tx.fax.count();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await link.cut();
    expect(isDatabaseUnreachable(await statement)).toBe(true);
    expect(isDatabaseUnreachable(await transaction)).toBe(true);
  });

  it('counts a server shutting the connection down as unreachable', async () => {
    const statement = failure(prisma.$queryRaw`SELECT pg_sleep(5)::text AS victim`);
    const admin = testPrisma(infra().databaseUrl, 1);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await admin.$queryRaw`SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity WHERE query LIKE '%AS victim%' AND pid <> pg_backend_pid()`;
      expect(isDatabaseUnreachable(await statement)).toBe(true);
    } finally {
      await admin.$disconnect();
    }
  });

  it('gets a write through once the database is back, and gives up on a failed statement at once', async () => {
    await link.cut();
    setTimeout(() => void link.restore(), 1_000);
    await expect(retryWhileDatabaseUnreachable(() => prisma.$queryRaw<{ one: number }[]>`SELECT 1 AS one`, 30_000)).resolves.toEqual([{ one: 1 }]);

    let tries = 0;
    const broken = () => {
      tries += 1;
      return prisma.$queryRaw`SELECT * FROM no_such_table`;
    };
    await expect(retryWhileDatabaseUnreachable(broken, 30_000)).rejects.toThrow(/no_such_table/);
    expect(tries).toBe(1);
  });

  it('gives up once the outage outlasts its time', async () => {
    await link.cut();
    const error = await failure(retryWhileDatabaseUnreachable(() => prisma.$queryRaw`SELECT 1`, 1_000));
    expect(isDatabaseUnreachable(error)).toBe(true);
  });
});
