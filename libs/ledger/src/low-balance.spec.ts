import type { EnvironmentType, PrismaService } from '@mintfax/db';
import { createTestAccount, createTestEnvironment, lowBalanceEventsSql, useTestPrisma, type TestAccount } from '@mintfax/testing';
import { adjust, credit, hold, release, sandboxReset } from './ledger-operations';
import { getPool } from './ledger-queries';
import { updatePoolSettings } from './pool-settings';

describe('low-balance threshold', () => {
  const db = useTestPrisma();
  let prisma: PrismaService;

  beforeAll(() => {
    prisma = db();
  });

  const warnings = (accountId: string) =>
    prisma.event.findMany({ where: { accountId, type: 'balance.low' }, orderBy: { seq: 'asc' }, select: { id: true, environmentId: true, data: true } });
  const holdSandbox = (accountId: string, amount: number) => hold(prisma, { accountId, type: 'sandbox', amount }, lowBalanceEventsSql);

  async function sandboxWithThreshold(threshold: number | null, grant = 100): Promise<TestAccount> {
    const acct = await createTestAccount(prisma, { sandboxGrant: grant });
    await updatePoolSettings(prisma, { accountId: acct.accountId, type: 'sandbox' }, { lowBalanceThreshold: threshold });
    return acct;
  }

  it('warns every environment of the pool once, with the pool, when a hold takes available below the threshold', async () => {
    const acct = await sandboxWithThreshold(50);
    const staging = await createTestEnvironment(prisma, acct.accountId);
    await holdSandbox(acct.accountId, 30);
    expect(await warnings(acct.accountId)).toEqual([]);

    await holdSandbox(acct.accountId, 30);
    await holdSandbox(acct.accountId, 5);

    const pool = { type: 'sandbox', balance: 100, held: 60, available: 40, low_balance_threshold: 50, auto_top_up: { enabled: false, package_id: null } };
    const events = await warnings(acct.accountId);
    expect(events.map((event) => event.environmentId).sort()).toEqual([acct.sandboxEnvironmentId, staging.environmentId].sort());
    expect(events.map((event) => event.data)).toEqual([{ object: pool }, { object: pool }]);
    expect(events.every((event) => /^evt_[0-9A-HJKMNP-TV-Z]{26}$/.test(event.id))).toBe(true);
  });

  it('warns again only once available has been back at or above the threshold', async () => {
    const acct = await sandboxWithThreshold(50);
    const first = await holdSandbox(acct.accountId, 60);
    await release(prisma, { holdId: first.holdId });
    await holdSandbox(acct.accountId, 51);
    expect(await warnings(acct.accountId)).toHaveLength(2);

    await holdSandbox(acct.accountId, 1);
    expect(await warnings(acct.accountId)).toHaveLength(2);
  });

  it('counts exactly reaching the threshold as still at it', async () => {
    const acct = await sandboxWithThreshold(50);
    await holdSandbox(acct.accountId, 50);
    expect(await warnings(acct.accountId)).toHaveLength(0);
    await holdSandbox(acct.accountId, 1);
    expect(await warnings(acct.accountId)).toHaveLength(1);
  });

  it('never warns without a threshold', async () => {
    const acct = await sandboxWithThreshold(null);
    await holdSandbox(acct.accountId, 100);
    expect(await warnings(acct.accountId)).toEqual([]);
  });

  it('warns when a negative adjustment or a sandbox reset crosses, and never for a movement that raises available', async () => {
    const acct = await sandboxWithThreshold(50);
    await adjust(prisma, { accountId: acct.accountId, type: 'sandbox', amount: -60 }, lowBalanceEventsSql);
    expect(await warnings(acct.accountId)).toHaveLength(1);
    await adjust(prisma, { accountId: acct.accountId, type: 'sandbox', amount: 100 }, lowBalanceEventsSql);
    await sandboxReset(prisma, { accountId: acct.accountId, grant: 10 }, lowBalanceEventsSql);
    expect(await warnings(acct.accountId)).toHaveLength(2);
  });

  it('sets the threshold to 20% of each purchase until the account chooses one, and keeps a chosen one (even none)', async () => {
    const { accountId } = await createTestAccount(prisma);
    const threshold = async (type: EnvironmentType) => (await getPool(prisma, accountId, type)).low_balance_threshold;
    expect(await threshold('live')).toBeNull();
    await credit(prisma, { accountId, type: 'live', amount: 500 });
    expect(await threshold('live')).toBe(100);
    await credit(prisma, { accountId, type: 'live', amount: 2_250 });
    expect(await threshold('live')).toBe(450);

    await updatePoolSettings(prisma, { accountId, type: 'live' }, { lowBalanceThreshold: 30 });
    await credit(prisma, { accountId, type: 'live', amount: 10_000 });
    expect(await threshold('live')).toBe(30);
    await updatePoolSettings(prisma, { accountId, type: 'live' }, { lowBalanceThreshold: null });
    await credit(prisma, { accountId, type: 'live', amount: 500 });
    expect(await threshold('live')).toBeNull();
  });

  describe('with auto top-up on', () => {
    const owed = (accountId: string) => prisma.topUp.findMany({ where: { pool: { accountId } }, orderBy: { createdAt: 'asc' } });

    it('owes one top-up of the package with the warning, and none while it is in flight', async () => {
      const acct = await sandboxWithThreshold(50);
      await updatePoolSettings(prisma, { accountId: acct.accountId, type: 'sandbox' }, { autoTopUp: { enabled: true, packageId: 'growth' } });
      const crossing = await holdSandbox(acct.accountId, 60);
      expect(await owed(acct.accountId)).toEqual([expect.objectContaining({ id: expect.stringMatching(/^tu_/), packageId: 'growth', status: 'owed', poolId: crossing.poolId })]);

      await release(prisma, { holdId: crossing.holdId });
      await holdSandbox(acct.accountId, 60);
      expect(await warnings(acct.accountId)).toHaveLength(2);
      expect(await owed(acct.accountId)).toHaveLength(1);
    });

    it('owes nothing when the movement does not cross', async () => {
      const acct = await sandboxWithThreshold(50);
      await updatePoolSettings(prisma, { accountId: acct.accountId, type: 'sandbox' }, { autoTopUp: { enabled: true, packageId: 'growth' } });
      await holdSandbox(acct.accountId, 50);
      expect(await owed(acct.accountId)).toEqual([]);
    });
  });
});

describe('pool settings', () => {
  const db = useTestPrisma();
  let prisma: PrismaService;

  beforeAll(() => {
    prisma = db();
  });

  it('merges the fields sent with the ones kept, and refuses auto top-up without a package', async () => {
    const { accountId } = await createTestAccount(prisma, { sandboxGrant: 100 });
    const key = { accountId, type: 'sandbox' as const };
    expect(await updatePoolSettings(prisma, key, { autoTopUp: { enabled: true } })).toEqual({ kind: 'package_required' });

    await updatePoolSettings(prisma, key, { lowBalanceThreshold: 40, autoTopUp: { packageId: 'starter' } });
    const result = await updatePoolSettings(prisma, key, { autoTopUp: { enabled: true } });

    expect(result).toEqual({
      kind: 'updated',
      pool: { type: 'sandbox', balance: 100, held: 0, available: 100, low_balance_threshold: 40, auto_top_up: { enabled: true, package_id: 'starter' } },
    });
  });
});
