import { queryRows, type Prisma, ulid } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { assertCredits, toCredits } from './credits';
import {
  balanceChangeStatement,
  captureStatement,
  holdStatement,
  releaseStatement,
  sandboxResetStatement,
  type BalanceEntryType,
  type PoolRow,
  type SettledRow,
} from './ledger-statements';
import { lowBalanceCtes, type LowBalanceEvents } from './low-balance';
import type { HoldResult, LedgerClient, Movement, PoolKey, ResetResult, SettleResult } from './ledger.types';

// The only code that changes pool balances. Every function takes the caller's transaction
// client first and appends exactly one ledger row per movement (see ledger-statements.ts).
// Those that can lower the available credit also take the writer of `balance.low` (see low-balance.ts).

/** Reserves `amount` credits for a fax; `insufficient_balance` (and nothing written) when not available. */
export async function hold(
  tx: LedgerClient,
  params: PoolKey & { amount: number; faxId?: string },
  lowBalanceEvents: LowBalanceEvents,
  /** More CTEs for the same statement, given the new hold's id (see holdStatement); they read `FROM pool`. */
  following?: (holdId: string) => Prisma.Sql,
): Promise<HoldResult> {
  const { accountId, type, amount, faxId } = params;
  const cost = assertCredits(amount, 'A hold');
  const holdId = `hold_${ulid()}`;
  const entryId = `txn_${ulid()}`;
  // Outside a transaction the statement goes straight to the pool: a fax's document rides in `following`.
  const [row] = await queryRows<PoolRow>(
    tx,
    holdStatement(
      { entryId, holdId, accountId, type, amount: cost, faxId: faxId ?? null },
      lowBalanceCtes(newTopUpId(), lowBalanceEvents),
      following?.(holdId),
    ),
  );
  if (!row) throw await insufficientBalance(tx, { accountId, type }, cost);
  return { holdId, ...movement(entryId, row) };
}

/** Charges `charged` (≤ the hold) and releases the rest of the hold, in one ledger row. */
export async function capture(tx: LedgerClient, { holdId, charged }: { holdId: string; charged: number }): Promise<SettleResult> {
  const amount = assertCredits(charged, 'A capture', { allowZero: true });
  const entryId = `txn_${ulid()}`;
  const [row] = await tx.$queryRaw<SettledRow[]>(captureStatement({ entryId, holdId, charged: amount }));
  if (!row) return alreadySettled(tx, holdId, amount);
  const held = toCredits(row.hold_amount);
  return { settled: true, holdId, status: 'captured', charged, released: held - charged, ...movement(entryId, row) };
}

/** Gives the whole hold back to the available credit (the fax failed). */
export async function release(tx: LedgerClient, { holdId }: { holdId: string }): Promise<SettleResult> {
  const entryId = `txn_${ulid()}`;
  const [row] = await tx.$queryRaw<SettledRow[]>(releaseStatement({ entryId, holdId }));
  if (!row) return alreadySettled(tx, holdId, 0n);
  const released = toCredits(row.hold_amount);
  return { settled: true, holdId, status: 'released', charged: 0, released, ...movement(entryId, row) };
}

/** A purchase: the billing webhook calls this in the transaction that records the payment. */
export async function credit(
  tx: LedgerClient,
  { accountId, type, amount, paymentId }: PoolKey & { amount: number; paymentId?: string },
): Promise<Movement> {
  const delta = assertCredits(amount, 'A credit');
  return changeBalance(tx, { accountId, type }, 'purchase', delta, paymentId ?? null);
}

export async function sandboxGrant(tx: LedgerClient, { accountId, amount }: { accountId: string; amount: number }): Promise<Movement> {
  const delta = assertCredits(amount, 'A sandbox grant');
  return changeBalance(tx, { accountId, type: 'sandbox' }, 'sandbox_grant', delta, null);
}

/** An automatic top-up of the sandbox pool: simulated, so no payment stands behind it. */
export async function sandboxTopUp(tx: LedgerClient, { accountId, amount }: { accountId: string; amount: number }): Promise<Movement> {
  const delta = assertCredits(amount, 'A sandbox top-up');
  return changeBalance(tx, { accountId, type: 'sandbox' }, 'sandbox_topup', delta, null);
}

/**
 * Gives the developer a fresh `grant` of AVAILABLE sandbox credit: `balance := grant + held`.
 * Faxes in flight keep their holds and settle normally afterwards, so a reset never has to wait
 * for them and never fails; with nothing held this is exactly `balance := grant`. The ledger row
 * (`sandbox_reset`) carries the change of balance, which may be negative, positive or zero.
 */
export async function sandboxReset(
  tx: LedgerClient,
  { accountId, grant }: { accountId: string; grant: number },
  lowBalanceEvents: LowBalanceEvents,
): Promise<ResetResult> {
  const amount = assertCredits(grant, 'A sandbox grant', { allowZero: true });
  const entryId = `txn_${ulid()}`;
  const [row] = await tx.$queryRaw<(PoolRow & { amount: bigint })[]>(
    sandboxResetStatement({ entryId, accountId, grant: amount }, lowBalanceCtes(newTopUpId(), lowBalanceEvents)),
  );
  if (!row) throw poolNotFound({ accountId, type: 'sandbox' });
  return { amount: toCredits(row.amount), ...movement(entryId, row) };
}

/** A manual correction by support: signed, and never takes more than is available. */
export async function adjust(
  tx: LedgerClient,
  { accountId, type, amount }: PoolKey & { amount: number },
  lowBalanceEvents: LowBalanceEvents,
): Promise<Movement> {
  const delta = assertCredits(amount, 'An adjustment', { signed: true });
  const lowBalance = delta < 0n ? lowBalanceCtes(newTopUpId(), lowBalanceEvents) : undefined;
  return changeBalance(tx, { accountId, type }, 'adjustment', delta, null, lowBalance);
}

/**
 * Creates the account's two pools at registration, the sandbox one with its grant (and the
 * `sandbox_grant` row that explains it). Two statements: call it inside a transaction.
 */
export async function createPools(
  tx: LedgerClient,
  accountId: string,
  sandboxGrantAmount: number,
): Promise<{ sandbox: string; live: string }> {
  assertCredits(sandboxGrantAmount, 'The sandbox grant', { allowZero: true });
  const ids = { sandbox: `pool_${ulid()}`, live: `pool_${ulid()}` };
  await tx.pool.createMany({
    data: [
      { id: ids.sandbox, accountId, type: 'sandbox' },
      { id: ids.live, accountId, type: 'live' },
    ],
  });
  if (sandboxGrantAmount > 0) await sandboxGrant(tx, { accountId, amount: sandboxGrantAmount });
  return ids;
}

async function changeBalance(
  tx: LedgerClient,
  pool: PoolKey,
  entryType: BalanceEntryType,
  delta: bigint,
  paymentId: string | null,
  lowBalance?: Prisma.Sql,
): Promise<Movement> {
  const entryId = `txn_${ulid()}`;
  const [row] = await tx.$queryRaw<PoolRow[]>(
    balanceChangeStatement({ entryId, ...pool, entryType, delta, paymentId }, lowBalance),
  );
  if (!row) throw await insufficientBalance(tx, pool, -delta);
  return movement(entryId, row);
}

/** The id a top-up gets if this movement turns out to owe one. */
function newTopUpId(): string {
  return `tu_${ulid()}`;
}

function movement(entryId: string, row: PoolRow): Movement {
  const balance = toCredits(row.balance);
  const held = toCredits(row.held);
  return { entryId, poolId: row.pool_id, balance, held, available: balance - held };
}

// Only reached after the guarded statement changed nothing, so this read cannot cause a lost update.
async function insufficientBalance(tx: LedgerClient, key: PoolKey, required: bigint): Promise<Error> {
  const pool = await tx.pool.findUnique({
    where: { accountId_type: key },
    select: { balance: true, held: true },
  });
  if (!pool) return poolNotFound(key);
  return new ApiError('insufficient_balance', {
    available: toCredits(pool.balance - pool.held),
    required: toCredits(required),
  });
}

async function alreadySettled(tx: LedgerClient, holdId: string, charged: bigint): Promise<SettleResult> {
  const found = await tx.hold.findUnique({ where: { id: holdId }, select: { status: true, amount: true } });
  if (!found) throw new Error(`Hold ${holdId} does not exist.`);
  if (found.status === 'held') {
    // Still open, so the statement's other guard failed: only a capture has one (charged ≤ held).
    throw new RangeError(`Cannot charge ${charged} credits on hold ${holdId} of ${found.amount}.`);
  }
  return { settled: false, holdId, status: found.status };
}

function poolNotFound({ accountId, type }: PoolKey): Error {
  // Pools are created with the account, so this is a broken invariant, not a client error.
  return new Error(`Account ${accountId} has no ${type} pool.`);
}
