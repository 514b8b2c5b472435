import type { EnvironmentType, PrismaService } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { createTestAccount, lowBalanceEventsSql, useTestPrisma } from '@mintfax/testing';
import { adjust, capture, credit, hold, release, sandboxGrant, sandboxReset } from './ledger-operations';
import { getPool } from './ledger-queries';

describe('ledger operations', () => {
  const db = useTestPrisma();
  let prisma: PrismaService;

  beforeAll(() => {
    prisma = db();
  });

  /** A fresh account whose sandbox pool holds `sandbox` credits (one `sandbox_grant` row) and live pool `live`. */
  async function account({ sandbox = 100, live = 0 } = {}): Promise<string> {
    return (await createTestAccount(prisma, { sandboxGrant: sandbox, liveCredits: live })).accountId;
  }

  async function entriesOf(accountId: string, type: EnvironmentType) {
    return prisma.ledgerEntry.findMany({ where: { pool: { accountId, type } }, orderBy: { seq: 'asc' } });
  }

  describe('hold', () => {
    it('reserves credit and writes one hold row with balance_after and available_after', async () => {
      const accountId = await account({ sandbox: 100 });

      const result = await hold(prisma, { accountId, type: 'sandbox', amount: 30 }, lowBalanceEventsSql);

      expect(result).toMatchObject({ balance: 100, held: 30, available: 70 });
      expect(await getPool(prisma, accountId, 'sandbox')).toMatchObject({ type: 'sandbox', balance: 100, held: 30, available: 70 });
      const [, entry] = await entriesOf(accountId, 'sandbox');
      expect(entry).toMatchObject({
        id: result.entryId,
        type: 'hold',
        amount: 0n,
        heldDelta: 30n,
        balanceAfter: 100n,
        availableAfter: 70n,
        holdId: result.holdId,
      });
      expect(await prisma.hold.findUniqueOrThrow({ where: { id: result.holdId } })).toMatchObject({
        poolId: result.poolId,
        amount: 30n,
        status: 'held',
        charged: null,
      });
    });

    it('may reserve exactly the available credit', async () => {
      const accountId = await account({ sandbox: 40 });
      await hold(prisma, { accountId, type: 'sandbox', amount: 15 }, lowBalanceEventsSql);

      await expect(hold(prisma, { accountId, type: 'sandbox', amount: 25 }, lowBalanceEventsSql)).resolves.toMatchObject({ available: 0 });
    });

    it('raises insufficient_balance with the available and required credit and writes nothing', async () => {
      const accountId = await account({ sandbox: 50 });
      await hold(prisma, { accountId, type: 'sandbox', amount: 20 }, lowBalanceEventsSql);
      const before = await entriesOf(accountId, 'sandbox');

      const error = await hold(prisma, { accountId, type: 'sandbox', amount: 31 }, lowBalanceEventsSql).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ code: 'insufficient_balance', context: { available: 30, required: 31 } });
      expect(await entriesOf(accountId, 'sandbox')).toEqual(before);
      expect(await prisma.hold.count({ where: { pool: { accountId } } })).toBe(1);
      expect(await getPool(prisma, accountId, 'sandbox')).toMatchObject({ balance: 50, held: 20 });
    });

    it('draws only on the pool of its type', async () => {
      const accountId = await account({ sandbox: 100, live: 0 });

      await expect(hold(prisma, { accountId, type: 'live', amount: 1 }, lowBalanceEventsSql)).rejects.toMatchObject({
        code: 'insufficient_balance',
        context: { available: 0, required: 1 },
      });
      expect(await getPool(prisma, accountId, 'sandbox')).toMatchObject({ held: 0 });
    });

    it('rejects amounts that are not positive integers before touching the database', async () => {
      const accountId = await account();
      for (const amount of [0, -1, 1.5, Number.NaN]) {
        await expect(hold(prisma, { accountId, type: 'sandbox', amount }, lowBalanceEventsSql)).rejects.toThrow(RangeError);
      }
      expect(await entriesOf(accountId, 'sandbox')).toHaveLength(1);
    });
  });

  describe('capture', () => {
    it('charges at most the hold and releases the rest in one capture row', async () => {
      const accountId = await account({ sandbox: 100 });
      const { holdId } = await hold(prisma, { accountId, type: 'sandbox', amount: 30 }, lowBalanceEventsSql);

      const result = await capture(prisma, { holdId, charged: 12 });

      expect(result).toMatchObject({ settled: true, status: 'captured', charged: 12, released: 18, balance: 88, held: 0, available: 88 });
      const entries = await entriesOf(accountId, 'sandbox');
      expect(entries.map((e) => e.type)).toEqual(['sandbox_grant', 'hold', 'capture']);
      expect(entries[2]).toMatchObject({ amount: -12n, heldDelta: -30n, balanceAfter: 88n, availableAfter: 88n, holdId });
      expect(await prisma.hold.findUniqueOrThrow({ where: { id: holdId } })).toMatchObject({ status: 'captured', charged: 12n });
    });

    it('may charge nothing, which gives the whole hold back', async () => {
      const accountId = await account({ sandbox: 100 });
      const { holdId } = await hold(prisma, { accountId, type: 'sandbox', amount: 30 }, lowBalanceEventsSql);

      await expect(capture(prisma, { holdId, charged: 0 })).resolves.toMatchObject({ settled: true, charged: 0, released: 30, balance: 100, available: 100 });
    });

    it('is a no-op the second time and never writes a second movement', async () => {
      const accountId = await account({ sandbox: 100 });
      const { holdId } = await hold(prisma, { accountId, type: 'sandbox', amount: 30 }, lowBalanceEventsSql);
      await capture(prisma, { holdId, charged: 30 });

      const again = await capture(prisma, { holdId, charged: 30 });

      expect(again).toEqual({ settled: false, holdId, status: 'captured' });
      expect((await entriesOf(accountId, 'sandbox')).map((e) => e.type)).toEqual(['sandbox_grant', 'hold', 'capture']);
      expect(await getPool(prisma, accountId, 'sandbox')).toMatchObject({ balance: 70, held: 0 });
    });

    it('is a no-op after a release', async () => {
      const accountId = await account({ sandbox: 100 });
      const { holdId } = await hold(prisma, { accountId, type: 'sandbox', amount: 30 }, lowBalanceEventsSql);
      await release(prisma, { holdId });

      expect(await capture(prisma, { holdId, charged: 30 })).toEqual({ settled: false, holdId, status: 'released' });
      expect((await entriesOf(accountId, 'sandbox')).map((e) => e.type)).toEqual(['sandbox_grant', 'hold', 'release']);
      expect(await getPool(prisma, accountId, 'sandbox')).toMatchObject({ balance: 100, held: 0 });
    });

    it('rejects a charge above the hold and leaves the hold open', async () => {
      const accountId = await account({ sandbox: 100 });
      const { holdId } = await hold(prisma, { accountId, type: 'sandbox', amount: 30 }, lowBalanceEventsSql);

      await expect(capture(prisma, { holdId, charged: 31 })).rejects.toThrow(RangeError);

      expect(await prisma.hold.findUniqueOrThrow({ where: { id: holdId } })).toMatchObject({ status: 'held', charged: null });
      expect(await entriesOf(accountId, 'sandbox')).toHaveLength(2);
      expect(await getPool(prisma, accountId, 'sandbox')).toMatchObject({ balance: 100, held: 30 });
    });

    it('fails loudly for a hold that does not exist', async () => {
      await expect(capture(prisma, { holdId: 'hold_missing', charged: 1 })).rejects.toThrow(/does not exist/);
    });
  });

  describe('release', () => {
    it('gives the whole hold back in one release row', async () => {
      const accountId = await account({ sandbox: 100 });
      const { holdId } = await hold(prisma, { accountId, type: 'sandbox', amount: 30 }, lowBalanceEventsSql);

      const result = await release(prisma, { holdId });

      expect(result).toMatchObject({ settled: true, status: 'released', charged: 0, released: 30, balance: 100, held: 0, available: 100 });
      const entries = await entriesOf(accountId, 'sandbox');
      expect(entries[2]).toMatchObject({ type: 'release', amount: 0n, heldDelta: -30n, balanceAfter: 100n, availableAfter: 100n, holdId });
      expect(await prisma.hold.findUniqueOrThrow({ where: { id: holdId } })).toMatchObject({ status: 'released', charged: null });
    });

    it('is a no-op the second time, and after a capture', async () => {
      const accountId = await account({ sandbox: 100 });
      const released = await hold(prisma, { accountId, type: 'sandbox', amount: 30 }, lowBalanceEventsSql);
      const captured = await hold(prisma, { accountId, type: 'sandbox', amount: 20 }, lowBalanceEventsSql);
      await release(prisma, released);
      await capture(prisma, { holdId: captured.holdId, charged: 20 });

      expect(await release(prisma, released)).toEqual({ settled: false, holdId: released.holdId, status: 'released' });
      expect(await release(prisma, captured)).toEqual({ settled: false, holdId: captured.holdId, status: 'captured' });
      expect(await entriesOf(accountId, 'sandbox')).toHaveLength(5);
      expect(await getPool(prisma, accountId, 'sandbox')).toMatchObject({ balance: 80, held: 0 });
    });

    it('settles a hold once when capture and release race for it', async () => {
      const accountId = await account({ sandbox: 100 });
      const holds = await Promise.all(Array.from({ length: 10 }, () => hold(prisma, { accountId, type: 'sandbox', amount: 10 }, lowBalanceEventsSql)));

      const results = await Promise.all(
        holds.flatMap(({ holdId }) => [capture(prisma, { holdId, charged: 10 }), release(prisma, { holdId }), capture(prisma, { holdId, charged: 10 })]),
      );

      expect(results.filter((r) => r.settled)).toHaveLength(10);
      const settlements = await prisma.ledgerEntry.groupBy({ by: ['holdId'], where: { pool: { accountId }, type: { in: ['capture', 'release'] } }, _count: true });
      expect(settlements.map((s) => s._count)).toEqual(Array(10).fill(1));
      const captured = results.filter((r) => r.settled && r.status === 'captured').length;
      expect(await getPool(prisma, accountId, 'sandbox')).toMatchObject({ type: 'sandbox', balance: 100 - 10 * captured, held: 0, available: 100 - 10 * captured });
    });
  });

  describe('credit, sandbox grant and adjustment', () => {
    it('credits a purchase to the balance with its payment id', async () => {
      const accountId = await account({ live: 0 });

      const result = await credit(prisma, { accountId, type: 'live', amount: 500, paymentId: 'pay_test' });

      expect(result).toMatchObject({ balance: 500, held: 0, available: 500 });
      expect(await entriesOf(accountId, 'live')).toEqual([
        expect.objectContaining({ id: result.entryId, type: 'purchase', amount: 500n, heldDelta: 0n, balanceAfter: 500n, availableAfter: 500n, paymentId: 'pay_test' }),
      ]);
    });

    it('adds a sandbox grant to the sandbox pool only', async () => {
      const accountId = await account({ sandbox: 100, live: 7 });
      await hold(prisma, { accountId, type: 'sandbox', amount: 40 }, lowBalanceEventsSql);

      const result = await sandboxGrant(prisma, { accountId, amount: 25 });

      expect(result).toMatchObject({ balance: 125, held: 40, available: 85 });
      expect((await entriesOf(accountId, 'sandbox')).at(-1)).toMatchObject({ type: 'sandbox_grant', amount: 25n, balanceAfter: 125n, availableAfter: 85n });
      expect(await getPool(prisma, accountId, 'live')).toMatchObject({ balance: 7 });
    });

    it('adjusts the balance up and down by a signed amount', async () => {
      const accountId = await account({ sandbox: 100 });

      await adjust(prisma, { accountId, type: 'sandbox', amount: 15 }, lowBalanceEventsSql);
      const down = await adjust(prisma, { accountId, type: 'sandbox', amount: -40 }, lowBalanceEventsSql);

      expect(down).toMatchObject({ balance: 75, available: 75 });
      expect((await entriesOf(accountId, 'sandbox')).map((e) => [e.type, e.amount])).toEqual([
        ['sandbox_grant', 100n],
        ['adjustment', 15n],
        ['adjustment', -40n],
      ]);
    });

    it('never lets a negative adjustment take held credit', async () => {
      const accountId = await account({ sandbox: 100 });
      await hold(prisma, { accountId, type: 'sandbox', amount: 70 }, lowBalanceEventsSql);

      await expect(adjust(prisma, { accountId, type: 'sandbox', amount: -31 }, lowBalanceEventsSql)).rejects.toMatchObject({
        code: 'insufficient_balance',
        context: { available: 30, required: 31 },
      });
      await expect(adjust(prisma, { accountId, type: 'sandbox', amount: -30 }, lowBalanceEventsSql)).resolves.toMatchObject({ balance: 70, held: 70, available: 0 });
      expect(await entriesOf(accountId, 'sandbox')).toHaveLength(3);
    });

    it('rejects a zero adjustment and a zero credit', async () => {
      const accountId = await account();
      await expect(adjust(prisma, { accountId, type: 'sandbox', amount: 0 }, lowBalanceEventsSql)).rejects.toThrow(RangeError);
      await expect(credit(prisma, { accountId, type: 'live', amount: 0 })).rejects.toThrow(RangeError);
    });
  });

  describe('sandbox reset', () => {
    it('sets the balance to the grant when nothing is held and records the change', async () => {
      const accountId = await account({ sandbox: 100 });
      const { holdId } = await hold(prisma, { accountId, type: 'sandbox', amount: 30 }, lowBalanceEventsSql);
      await capture(prisma, { holdId, charged: 30 });

      const result = await sandboxReset(prisma, { accountId, grant: 100 }, lowBalanceEventsSql);

      expect(result).toMatchObject({ amount: 30, balance: 100, held: 0, available: 100 });
      expect((await entriesOf(accountId, 'sandbox')).at(-1)).toMatchObject({ type: 'sandbox_reset', amount: 30n, balanceAfter: 100n, availableAfter: 100n });
    });

    it('records a negative change when the balance was above the grant', async () => {
      const accountId = await account({ sandbox: 500 });

      await expect(sandboxReset(prisma, { accountId, grant: 100 }, lowBalanceEventsSql)).resolves.toMatchObject({ amount: -400, balance: 100 });
    });

    it('keeps in-flight holds covered, so they settle normally afterwards', async () => {
      const accountId = await account({ sandbox: 100 });
      const captured = await hold(prisma, { accountId, type: 'sandbox', amount: 30 }, lowBalanceEventsSql);
      const released = await hold(prisma, { accountId, type: 'sandbox', amount: 20 }, lowBalanceEventsSql);

      const reset = await sandboxReset(prisma, { accountId, grant: 10 }, lowBalanceEventsSql);
      expect(reset).toMatchObject({ amount: -40, balance: 60, held: 50, available: 10 });

      await expect(capture(prisma, { holdId: captured.holdId, charged: 25 })).resolves.toMatchObject({ settled: true, balance: 35, held: 20, available: 15 });
      await expect(release(prisma, released)).resolves.toMatchObject({ settled: true, balance: 35, held: 0, available: 35 });
      const entries = await entriesOf(accountId, 'sandbox');
      expect(entries.reduce((sum, e) => sum + e.amount, 0n)).toBe(35n);
    });

    it('leaves the live pool alone', async () => {
      const accountId = await account({ sandbox: 100, live: 250 });

      await sandboxReset(prisma, { accountId, grant: 0 }, lowBalanceEventsSql);

      expect(await getPool(prisma, accountId, 'sandbox')).toMatchObject({ balance: 0 });
      expect(await getPool(prisma, accountId, 'live')).toMatchObject({ balance: 250 });
    });
  });

  describe("inside the caller's transaction", () => {
    class Abort extends Error {}

    async function rolledBack(work: (tx: Parameters<Parameters<PrismaService['$transaction']>[0]>[0]) => Promise<unknown>) {
      await expect(
        prisma.$transaction(async (tx) => {
          await work(tx);
          throw new Abort();
        }),
      ).rejects.toBeInstanceOf(Abort);
    }

    it('commits a hold and its capture together with the caller', async () => {
      const accountId = await account({ sandbox: 100 });

      await prisma.$transaction(async (tx) => {
        const { holdId } = await hold(tx, { accountId, type: 'sandbox', amount: 30 }, lowBalanceEventsSql);
        await capture(tx, { holdId, charged: 10 });
      });

      expect(await getPool(prisma, accountId, 'sandbox')).toMatchObject({ balance: 90, held: 0 });
      expect(await entriesOf(accountId, 'sandbox')).toHaveLength(3);
    });

    it('rolls every operation back with the caller', async () => {
      const accountId = await account({ sandbox: 100, live: 50 });
      const open = await hold(prisma, { accountId, type: 'sandbox', amount: 30 }, lowBalanceEventsSql);
      const snapshot = async () => ({
        pools: await prisma.pool.findMany({ where: { accountId }, orderBy: { type: 'asc' } }),
        entries: await prisma.ledgerEntry.findMany({ where: { pool: { accountId } }, orderBy: { seq: 'asc' } }),
        holds: await prisma.hold.findMany({ where: { pool: { accountId } }, orderBy: { id: 'asc' } }),
      });
      const before = await snapshot();

      await rolledBack((tx) => hold(tx, { accountId, type: 'sandbox', amount: 10 }, lowBalanceEventsSql));
      await rolledBack((tx) => capture(tx, { holdId: open.holdId, charged: 30 }));
      await rolledBack((tx) => release(tx, open));
      await rolledBack((tx) => credit(tx, { accountId, type: 'live', amount: 10 }));
      await rolledBack((tx) => sandboxGrant(tx, { accountId, amount: 10 }));
      await rolledBack((tx) => adjust(tx, { accountId, type: 'live', amount: -10 }, lowBalanceEventsSql));
      await rolledBack((tx) => sandboxReset(tx, { accountId, grant: 0 }, lowBalanceEventsSql));
      await rolledBack(async (tx) => {
        const { holdId } = await hold(tx, { accountId, type: 'live', amount: 50 }, lowBalanceEventsSql);
        await capture(tx, { holdId, charged: 50 });
      });

      expect(await snapshot()).toEqual(before);
    });

    it('answers insufficient_balance inside a transaction without spoiling it', async () => {
      const accountId = await account({ sandbox: 10 });

      const result = await prisma.$transaction(async (tx) => {
        const error = await hold(tx, { accountId, type: 'sandbox', amount: 11 }, lowBalanceEventsSql).catch((e: unknown) => e);
        const held = await hold(tx, { accountId, type: 'sandbox', amount: 10 }, lowBalanceEventsSql);
        return { error, held };
      });

      expect(result.error).toMatchObject({ code: 'insufficient_balance' });
      expect(result.held).toMatchObject({ available: 0 });
    });
  });
});
