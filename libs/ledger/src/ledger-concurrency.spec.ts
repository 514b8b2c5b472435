import type { EnvironmentType, PrismaService } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { createTestAccount, createTestDatabase, lowBalanceEventsSql, testPrisma, type TestDatabase } from '@mintfax/testing';
import fc from 'fast-check';
import { adjust, capture, credit, hold, release, sandboxGrant, sandboxReset } from './ledger-operations';
import type { Movement } from './ledger.types';
import type { PoolBalance } from './pool-object';
import { updatePoolSettings } from './pool-settings';

// Money is never lost: random mixes of every ledger operation, run from many connections at once
// against one hot pool (the sandbox one) and its sibling, must leave a ledger that replays, row by
// row in `seq` order, to exactly the pools' balances and holds — whatever the interleaving was.
// And the same replay finds every movement that took a pool below its threshold: each has its
// `balance.low`, and no other movement does.

type Command =
  | { kind: 'hold'; pool: EnvironmentType; amount: number }
  | { kind: 'capture'; pick: number; chargedPercent: number }
  | { kind: 'overcharge'; pick: number }
  | { kind: 'release'; pick: number }
  | { kind: 'settleTwice'; pick: number }
  | { kind: 'credit'; pool: EnvironmentType; amount: number }
  | { kind: 'adjust'; pool: EnvironmentType; amount: number }
  | { kind: 'sandboxGrant'; amount: number }
  | { kind: 'sandboxReset'; grant: number }
  | { kind: 'holdAndCaptureInTransaction'; amount: number; chargedPercent: number }
  | { kind: 'holdThenRollBack'; pool: EnvironmentType; amount: number };

const pool = fc.oneof({ arbitrary: fc.constant<EnvironmentType>('sandbox'), weight: 4 }, { arbitrary: fc.constant<EnvironmentType>('live'), weight: 1 });
const amount = fc.integer({ min: 1, max: 60 });
const pick = fc.nat();
const percent = fc.integer({ min: 0, max: 100 });

const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('hold' as const), pool, amount }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('capture' as const), pick, chargedPercent: percent }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('overcharge' as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('release' as const), pick }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('settleTwice' as const), pick }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('credit' as const), pool, amount }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('adjust' as const), pool, amount: fc.integer({ min: -80, max: 60 }).filter((n) => n !== 0) }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('sandboxGrant' as const), amount }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('sandboxReset' as const), grant: fc.integer({ min: 0, max: 200 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('holdAndCaptureInTransaction' as const), amount, chargedPercent: percent }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('holdThenRollBack' as const), pool, amount }), weight: 1 },
);

const scenario = fc.record({
  sandboxGrant: fc.integer({ min: 0, max: 300 }),
  liveCredits: fc.integer({ min: 0, max: 300 }),
  thresholds: fc.record({ sandbox: fc.integer({ min: 0, max: 200 }), live: fc.option(fc.integer({ min: 0, max: 200 })) }),
  workers: fc.array(fc.array(command, { minLength: 1, maxLength: 10 }), { minLength: 8, maxLength: 16 }),
});

/** What the callers were told, to hold against what the database says. */
class Observed {
  readonly holds: { holdId: string; amount: number }[] = [];
  /** Every movement a call reported as done, by its ledger entry id. */
  readonly movements = new Map<string, Movement>();
  /** How often a settle call answered `settled: true`, per hold. */
  readonly settled = new Map<string, number>();
  /** Entry and hold ids written inside transactions that were then rolled back. */
  readonly rolledBack: string[] = [];

  moved(result: Movement): void {
    this.movements.set(result.entryId, result);
  }

  pickHold(n: number): { holdId: string; amount: number } | undefined {
    return this.holds.length ? this.holds[n % this.holds.length] : undefined;
  }
}

class RollBack extends Error {}

function expectedRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'insufficient_balance';
}

async function run(prisma: PrismaService, accountId: string, cmd: Command, seen: Observed): Promise<void> {
  const settle = async (op: Promise<Awaited<ReturnType<typeof capture>>>) => {
    const result = await op;
    if (result.settled) {
      seen.moved(result);
      seen.settled.set(result.holdId, (seen.settled.get(result.holdId) ?? 0) + 1);
    }
  };
  switch (cmd.kind) {
    case 'hold': {
      const result = await hold(prisma, { accountId, type: cmd.pool, amount: cmd.amount }, lowBalanceEventsSql).catch((e: unknown) => {
        if (expectedRefusal(e)) return undefined;
        throw e;
      });
      if (result) {
        seen.moved(result);
        seen.holds.push({ holdId: result.holdId, amount: cmd.amount });
      }
      return;
    }
    case 'capture': {
      const target = seen.pickHold(cmd.pick);
      if (target) await settle(capture(prisma, { holdId: target.holdId, charged: Math.floor((target.amount * cmd.chargedPercent) / 100) }));
      return;
    }
    case 'overcharge': {
      const target = seen.pickHold(cmd.pick);
      if (!target) return;
      // Rejected while the hold is open; a no-op once another worker settled it.
      const result = await capture(prisma, { holdId: target.holdId, charged: target.amount + 1 }).catch((e: unknown) => {
        if (e instanceof RangeError) return undefined;
        throw e;
      });
      if (result?.settled) throw new Error(`Charged more than hold ${target.holdId}: ${JSON.stringify(result)}`);
      return;
    }
    case 'release': {
      const target = seen.pickHold(cmd.pick);
      if (target) await settle(release(prisma, { holdId: target.holdId }));
      return;
    }
    case 'settleTwice': {
      const target = seen.pickHold(cmd.pick);
      if (target) {
        const { holdId, amount: held } = target;
        await Promise.all([settle(capture(prisma, { holdId, charged: held })), settle(release(prisma, { holdId })), settle(capture(prisma, { holdId, charged: 0 }))]);
      }
      return;
    }
    case 'credit':
      seen.moved(await credit(prisma, { accountId, type: cmd.pool, amount: cmd.amount }));
      return;
    case 'adjust': {
      const result = await adjust(prisma, { accountId, type: cmd.pool, amount: cmd.amount }, lowBalanceEventsSql).catch((e: unknown) => {
        if (expectedRefusal(e)) return undefined;
        throw e;
      });
      if (result) seen.moved(result);
      return;
    }
    case 'sandboxGrant':
      seen.moved(await sandboxGrant(prisma, { accountId, amount: cmd.amount }));
      return;
    case 'sandboxReset':
      seen.moved(await sandboxReset(prisma, { accountId, grant: cmd.grant }, lowBalanceEventsSql));
      return;
    case 'holdAndCaptureInTransaction': {
      const results = await prisma
        .$transaction(async (tx) => {
          const held = await hold(tx, { accountId, type: 'sandbox', amount: cmd.amount }, lowBalanceEventsSql);
          const captured = await capture(tx, { holdId: held.holdId, charged: Math.floor((cmd.amount * cmd.chargedPercent) / 100) });
          return { held, captured };
        })
        .catch((e: unknown) => {
          if (expectedRefusal(e)) return undefined;
          throw e;
        });
      if (results) {
        seen.moved(results.held);
        if (!results.captured.settled) throw new Error(`A fresh hold did not settle: ${JSON.stringify(results.captured)}`);
        seen.moved(results.captured);
        seen.settled.set(results.held.holdId, 1);
      }
      return;
    }
    case 'holdThenRollBack': {
      await prisma
        .$transaction(async (tx) => {
          const held = await hold(tx, { accountId, type: cmd.pool, amount: cmd.amount }, lowBalanceEventsSql);
          seen.rolledBack.push(held.entryId, held.holdId);
          throw new RollBack();
        })
        .catch((e: unknown) => {
          if (e instanceof RollBack || expectedRefusal(e)) return;
          throw e;
        });
      return;
    }
    default: {
      const unknown: never = cmd;
      throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

type Crossing = Pick<PoolBalance, 'balance' | 'available'>;

/**
 * One `balance.low` per movement that took `available` from at or above the threshold to below it,
 * carrying the pool as that movement left it; a top-up owed (the sandbox pool has auto top-up on)
 * exactly when there was such a movement, and never two in flight.
 */
async function expectEachCrossingWarned(prisma: PrismaService, accountId: string, thresholds: Record<EnvironmentType, number | null>): Promise<void> {
  const pools = await prisma.pool.findMany({ where: { accountId }, include: { topUps: true } });
  const entries = await prisma.ledgerEntry.findMany({ where: { pool: { accountId } }, orderBy: { seq: 'asc' } });
  const events = await prisma.event.findMany({ where: { accountId, type: 'balance.low' } });
  for (const pool of pools) {
    const threshold = thresholds[pool.type];
    const crossings: Crossing[] = [];
    let before = 0n;
    for (const entry of entries.filter((e) => e.poolId === pool.id)) {
      if (threshold !== null && before >= BigInt(threshold) && entry.availableAfter < BigInt(threshold)) {
        crossings.push({ balance: Number(entry.balanceAfter), available: Number(entry.availableAfter) });
      }
      before = entry.availableAfter;
    }
    const warned = events
      .map((event) => (event.data as unknown as { object: PoolBalance }).object)
      .filter((object) => object.type === pool.type)
      .map(({ balance, available }) => ({ balance, available }));
    // Compared as multisets: crossings may share a balance, so order by both numbers.
    const byPosition = (a: Crossing, b: Crossing) => a.balance - b.balance || a.available - b.available;
    expect({ pool: pool.type, warned: warned.sort(byPosition) }).toEqual({ pool: pool.type, warned: crossings.sort(byPosition) });
    expect({ pool: pool.type, topUps: pool.topUps.length }).toEqual({ pool: pool.type, topUps: pool.type === 'sandbox' && crossings.length > 0 ? 1 : 0 });
  }
}

async function expectMoneyAccountedFor(prisma: PrismaService, accountId: string, initialEntries: Set<string>, seen: Observed): Promise<void> {
  const pools = await prisma.pool.findMany({ where: { accountId } });
  const entries = await prisma.ledgerEntry.findMany({ where: { pool: { accountId } }, orderBy: { seq: 'asc' } });
  const holds = await prisma.hold.findMany({ where: { pool: { accountId } } });
  expect(pools).toHaveLength(2);

  for (const pool of pools) {
    // Replaying the ledger in seq order reproduces every row's balance_after and available_after:
    // the rows describe one serial history, and it ends exactly at the pool.
    let balance = 0n;
    let held = 0n;
    for (const entry of entries.filter((e) => e.poolId === pool.id)) {
      balance += entry.amount;
      held += entry.heldDelta;
      expect({ seq: entry.seq, balanceAfter: entry.balanceAfter, availableAfter: entry.availableAfter }).toEqual({
        seq: entry.seq,
        balanceAfter: balance,
        availableAfter: balance - held,
      });
      expect(balance >= 0n && held >= 0n && balance - held >= 0n).toBe(true);
    }
    expect({ balance: pool.balance, held: pool.held }).toEqual({ balance, held });

    const open = holds.filter((h) => h.poolId === pool.id && h.status === 'held');
    expect(pool.held).toBe(open.reduce((sum, h) => sum + h.amount, 0n));
    expect(pool.balance >= 0n && pool.balance - pool.held >= 0n).toBe(true);
  }

  // Each hold has exactly one `hold` row and at most one settlement row, matching its status.
  const entriesByHold = new Map<string, typeof entries>();
  for (const entry of entries.filter((e) => e.holdId !== null)) {
    entriesByHold.set(entry.holdId!, [...(entriesByHold.get(entry.holdId!) ?? []), entry]);
  }
  expect(holds.map((h) => h.id).sort()).toEqual([...entriesByHold.keys()].sort());
  for (const h of holds) {
    const rows = entriesByHold.get(h.id)!;
    const settlement = { held: [], captured: ['capture'], released: ['release'] }[h.status];
    expect({ hold: h.id, types: rows.map((e) => e.type) }).toEqual({ hold: h.id, types: ['hold', ...settlement] });
    expect(rows[0]).toMatchObject({ poolId: h.poolId, amount: 0n, heldDelta: h.amount });
    if (h.status === 'captured') expect(rows[1]).toMatchObject({ poolId: h.poolId, amount: -h.charged!, heldDelta: -h.amount });
    if (h.status === 'released') expect(rows[1]).toMatchObject({ poolId: h.poolId, amount: 0n, heldDelta: -h.amount });
    // A caller was told `settled: true` exactly when the settlement row exists, and never twice.
    expect({ hold: h.id, settledAnswers: seen.settled.get(h.id) ?? 0 }).toEqual({ hold: h.id, settledAnswers: rows.length - 1 });
  }

  // Every movement a caller was told about is in the ledger as reported, and nothing else is.
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const [entryId, movement] of seen.movements) {
    expect(byId.get(entryId)).toMatchObject({
      poolId: movement.poolId,
      balanceAfter: BigInt(movement.balance),
      availableAfter: BigInt(movement.available),
    });
  }
  expect(entries.map((e) => e.id).sort()).toEqual([...initialEntries, ...seen.movements.keys()].sort());
  for (const id of seen.rolledBack) {
    expect(byId.has(id) || holds.some((h) => h.id === id)).toBe(false);
  }
}

describe('the ledger under concurrent clients', () => {
  let database: TestDatabase;
  let prisma: PrismaService;

  beforeAll(async () => {
    database = await createTestDatabase();
    // As in production: a pool of 10 connections, here shared by up to 16 workers.
    prisma = testPrisma(database.url, 10);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  it('never loses, creates or double-spends credit, and warns once per crossing, whatever operations race on one pool', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ sandboxGrant: grant, liveCredits, thresholds, workers }) => {
        const { accountId } = await createTestAccount(prisma, { sandboxGrant: grant, liveCredits });
        await updatePoolSettings(prisma, { accountId, type: 'sandbox' }, { lowBalanceThreshold: thresholds.sandbox, autoTopUp: { enabled: true, packageId: 'starter' } });
        await updatePoolSettings(prisma, { accountId, type: 'live' }, { lowBalanceThreshold: thresholds.live });
        const initialEntries = new Set(
          (await prisma.ledgerEntry.findMany({ where: { pool: { accountId } }, select: { id: true } })).map((e) => e.id),
        );
        const seen = new Observed();

        await Promise.all(
          workers.map(async (commands) => {
            for (const cmd of commands) await run(prisma, accountId, cmd, seen);
          }),
        );

        await expectMoneyAccountedFor(prisma, accountId, initialEntries, seen);
        await expectEachCrossingWarned(prisma, accountId, thresholds);
      }),
      // Shrinking would replay real races that no seed reproduces; the first failure is the report.
      { numRuns: 30, endOnFailure: true },
    );
  });
});
