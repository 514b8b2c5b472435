import type { PrismaService } from '@mintfax/db';
import { createTestAccount, lowBalanceEventsSql, useTestPrisma } from '@mintfax/testing';
import { adjust, capture, credit, hold, release, sandboxGrant, sandboxReset } from './ledger-operations';
import { getBalances, getPool, listTransactions } from './ledger-queries';

describe('ledger queries', () => {
  const db = useTestPrisma();
  let prisma: PrismaService;

  beforeAll(() => {
    prisma = db();
  });

  describe('balances', () => {
    it('lists both pools, sandbox first, with available = balance − held and their settings', async () => {
      const { accountId } = await createTestAccount(prisma, { sandboxGrant: 100, liveCredits: 40 });
      await hold(prisma, { accountId, type: 'live', amount: 15 }, lowBalanceEventsSql);

      const noTopUp = { enabled: false, package_id: null };
      // The live pool's threshold defaults to 20% of its last purchase; the sandbox pool has had none.
      const live = { type: 'live', balance: 40, held: 15, available: 25, low_balance_threshold: 8, auto_top_up: noTopUp };
      expect(await getBalances(prisma, accountId)).toEqual([
        { type: 'sandbox', balance: 100, held: 0, available: 100, low_balance_threshold: null, auto_top_up: noTopUp },
        live,
      ]);
      expect(await getPool(prisma, accountId, 'live')).toEqual(live);
    });
  });

  describe('listTransactions', () => {
    // Oldest to newest: grant(100) · purchase(50) · hold · capture · hold · release · adjustment · sandbox_grant · reset.
    let accountId: string;
    let ids: string[];

    beforeAll(async () => {
      accountId = (await createTestAccount(prisma, { sandboxGrant: 100 })).accountId;
      const grant = await prisma.ledgerEntry.findFirstOrThrow({ where: { pool: { accountId } } });
      const purchase = await credit(prisma, { accountId, type: 'live', amount: 50, paymentId: 'pay_1' });
      const captured = await hold(prisma, { accountId, type: 'sandbox', amount: 30 }, lowBalanceEventsSql);
      const capturedEntry = await capture(prisma, { holdId: captured.holdId, charged: 12 });
      const released = await hold(prisma, { accountId, type: 'live', amount: 20 }, lowBalanceEventsSql);
      const releasedEntry = await release(prisma, released);
      const adjustment = await adjust(prisma, { accountId, type: 'live', amount: -5 }, lowBalanceEventsSql);
      const granted = await sandboxGrant(prisma, { accountId, amount: 7 });
      const reset = await sandboxReset(prisma, { accountId, grant: 100 }, lowBalanceEventsSql);
      if (!capturedEntry.settled || !releasedEntry.settled) throw new Error('setup: holds did not settle');
      ids = [
        grant.id,
        purchase.entryId,
        captured.entryId,
        capturedEntry.entryId,
        released.entryId,
        releasedEntry.entryId,
        adjustment.entryId,
        granted.entryId,
        reset.entryId,
      ];
    });

    const newestFirst = () => [...ids].reverse();

    it('lists the ledger of both pools newest first', async () => {
      const page = await listTransactions(prisma, { accountId, limit: 100 });

      expect(page.has_more).toBe(false);
      expect(page.data.map((e) => e.id)).toEqual(newestFirst());
    });

    it('shows the balance change as the amount, and the change of available credit for holds and releases', async () => {
      const page = await listTransactions(prisma, { accountId, limit: 100 });

      expect(page.data.reverse().map((e) => [e.pool, e.type, e.amount, e.balance_after, e.available_after])).toEqual([
        ['sandbox', 'sandbox_grant', 100, 100, 100],
        ['live', 'purchase', 50, 50, 50],
        ['sandbox', 'hold', -30, 100, 70],
        ['sandbox', 'capture', -12, 88, 88],
        ['live', 'hold', -20, 50, 30],
        ['live', 'release', 20, 50, 50],
        ['live', 'adjustment', -5, 45, 45],
        ['sandbox', 'sandbox_grant', 7, 95, 95],
        ['sandbox', 'sandbox_reset', 5, 100, 100],
      ]);
    });

    it('gives every entry its documented fields', async () => {
      const [reset] = (await listTransactions(prisma, { accountId, limit: 1 })).data;
      const purchase = (await listTransactions(prisma, { accountId, pool: 'live', limit: 100 })).data.at(-1);

      expect(Object.keys(reset).sort()).toEqual(
        ['amount', 'available_after', 'balance_after', 'created_at', 'fax_id', 'id', 'payment_id', 'pool', 'type'].sort(),
      );
      expect(new Date(reset.created_at).toISOString()).toBe(reset.created_at);
      expect(purchase).toMatchObject({ type: 'purchase', payment_id: 'pay_1', fax_id: null });
    });

    it('keeps purchases, captures, grants, resets and adjustments adding up to the balance', async () => {
      const { data } = await listTransactions(prisma, { accountId, limit: 100 });
      const balanceOf = (pool: string) =>
        data.filter((e) => e.pool === pool && e.type !== 'hold' && e.type !== 'release').reduce((sum, e) => sum + e.amount, 0);

      expect(balanceOf('sandbox')).toBe((await getPool(prisma, accountId, 'sandbox')).balance);
      expect(balanceOf('live')).toBe((await getPool(prisma, accountId, 'live')).balance);
    });

    it('filters by pool', async () => {
      const live = await listTransactions(prisma, { accountId, pool: 'live', limit: 100 });
      const sandbox = await listTransactions(prisma, { accountId, pool: 'sandbox', limit: 100 });

      expect(live.data.map((e) => e.type)).toEqual(['adjustment', 'release', 'hold', 'purchase']);
      expect(sandbox.data.every((e) => e.pool === 'sandbox')).toBe(true);
      expect(sandbox.data).toHaveLength(5);
    });

    it('pages backwards in time with starting_after, exclusive, until has_more is false', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      for (;;) {
        const page = await listTransactions(prisma, { accountId, limit: 4, startingAfter: cursor });
        pages += 1;
        seen.push(...page.data.map((e) => e.id));
        if (!page.has_more) break;
        cursor = page.data.at(-1)?.id;
      }

      expect(pages).toBe(3);
      expect(seen).toEqual(newestFirst());
    });

    it('pages forwards in time with ending_before, exclusive, newest first within the page', async () => {
      const oldest = ids[0];

      const first = await listTransactions(prisma, { accountId, limit: 3, endingBefore: oldest });
      expect(first.data.map((e) => e.id)).toEqual([ids[3], ids[2], ids[1]]);
      expect(first.has_more).toBe(true);

      const last = await listTransactions(prisma, { accountId, limit: 3, endingBefore: ids[5] });
      expect(last.data.map((e) => e.id)).toEqual([ids[8], ids[7], ids[6]]);
      expect(last.has_more).toBe(false);
    });

    it('combines a cursor with the pool filter', async () => {
      // The live entries, newest first: adjustment, release, hold, purchase.
      const page = await listTransactions(prisma, { accountId, pool: 'live', limit: 2, startingAfter: ids[6] });

      expect(page.data.map((e) => e.id)).toEqual([ids[5], ids[4]]);
      expect(page.has_more).toBe(true);
    });

    it('has no entries after the newest and none before the oldest', async () => {
      expect(await listTransactions(prisma, { accountId, limit: 10, endingBefore: ids[8] })).toEqual({ object: 'list', data: [], has_more: false });
      expect(await listTransactions(prisma, { accountId, limit: 10, startingAfter: ids[0] })).toEqual({ object: 'list', data: [], has_more: false });
    });

    it("rejects a cursor from another account's ledger and both cursors at once", async () => {
      const other = await createTestAccount(prisma);
      const foreign = await prisma.ledgerEntry.findFirstOrThrow({ where: { pool: { accountId: other.accountId } } });

      await expect(listTransactions(prisma, { accountId, limit: 10, startingAfter: foreign.id })).rejects.toMatchObject({
        code: 'validation_failed',
        context: { errors: { starting_after: [expect.any(String)] } },
      });
      await expect(listTransactions(prisma, { accountId, limit: 10, startingAfter: ids[5], endingBefore: ids[1] })).rejects.toMatchObject({
        code: 'validation_failed',
      });
    });

    it('rejects a limit outside 1–100', async () => {
      await expect(listTransactions(prisma, { accountId, limit: 0 })).rejects.toThrow(RangeError);
      await expect(listTransactions(prisma, { accountId, limit: 101 })).rejects.toThrow(RangeError);
    });
  });
});
