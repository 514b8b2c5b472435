import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { billingConfigSpec, loadConfig } from '@mintfax/config';
import type { PrismaService } from '@mintfax/db';
import { getPool, hold, updatePoolSettings } from '@mintfax/ledger';
import { createTestAccount, disposableRedis, lowBalanceEventsSql, serviceEnv, testPrisma, useTestInfrastructure, waitFor, type DisposableRedis } from '@mintfax/testing';
import { bootstrap } from '../src/main';

// Postgres, not Redis, records a top-up owed: the crossing writes it in its own statement, and
// billing's sweep gives it a job whenever Redis can take one.
describe('automatic top-up across a Redis outage', () => {
  const infra = useTestInfrastructure();
  let redis: DisposableRedis;
  let billing: NestFastifyApplication;
  let prisma: PrismaService;

  beforeAll(async () => {
    redis = await disposableRedis();
    billing = await bootstrap(loadConfig(billingConfigSpec, { ...serviceEnv(infra()), REDIS_URL: redis.url, BILLING_PORT: '0', TOP_UP_SWEEP_INTERVAL_MS: '100' }));
    prisma = testPrisma(infra().databaseUrl);
  });

  afterAll(async () => {
    await billing?.close();
    await redis?.close();
    await prisma?.$disconnect();
  });

  it('tops up a pool that crossed its threshold while Redis was down, once Redis is back with nothing in it', async () => {
    const { accountId } = await createTestAccount(prisma, { sandboxGrant: 100 });
    await updatePoolSettings(prisma, { accountId, type: 'sandbox' }, { lowBalanceThreshold: 50, autoTopUp: { enabled: true, packageId: 'starter' } });
    await redis.stop();

    await hold(prisma, { accountId, type: 'sandbox', amount: 60 }, lowBalanceEventsSql);
    expect(await prisma.topUp.findMany({ where: { pool: { accountId } }, select: { status: true } })).toEqual([{ status: 'owed' }]);
    await redis.start({ keepData: false });

    await waitFor('the top-up', async () => ((await prisma.topUp.findFirst({ where: { pool: { accountId }, status: 'succeeded' } })) ? true : undefined));
    expect(await getPool(prisma, accountId, 'sandbox')).toMatchObject({ balance: 600, held: 60, available: 540 });
    expect(await prisma.event.count({ where: { accountId, type: 'balance.topup' } })).toBe(1);
  });
});
