import { bySeq, keysetPage, mapPage, type EnvironmentType, type LedgerEntryType, type ListPage } from '@mintfax/db';
import { toCredits } from './credits';
import type { LedgerClient } from './ledger.types';
import { POOL_OBJECT_FIELDS, toPoolBalance, type PoolBalance } from './pool-object';

const POOL_ORDER: readonly EnvironmentType[] = ['sandbox', 'live'];

/** `GET /v1/account/balance`: both pools, sandbox first. */
export async function getBalances(db: LedgerClient, accountId: string): Promise<PoolBalance[]> {
  const pools = await db.pool.findMany({ where: { accountId }, select: POOL_OBJECT_FIELDS });
  return pools.sort((a, b) => POOL_ORDER.indexOf(a.type) - POOL_ORDER.indexOf(b.type)).map(toPoolBalance);
}

/** `GET /v1/environment/balance`: the pool of the key's environment type. */
export async function getPool(db: LedgerClient, accountId: string, type: EnvironmentType): Promise<PoolBalance> {
  const pool = await db.pool.findUnique({
    where: { accountId_type: { accountId, type } },
    select: POOL_OBJECT_FIELDS,
  });
  if (!pool) throw new Error(`Account ${accountId} has no ${type} pool.`);
  return toPoolBalance(pool);
}

/**
 * One row of `GET /v1/account/transactions`.
 *
 * `amount` is the change to the BALANCE for every type that moves it (purchase, capture,
 * sandbox_grant, sandbox_reset, sandbox_topup, adjustment), so their amounts add up to the balance. Holds and
 * releases never move the balance; for them `amount` is the change to the AVAILABLE credit
 * (hold −cost, release +cost), which is what a developer watching their spendable credit expects
 * rather than a row of 0. A capture shows only what was charged: the unused part of its hold
 * returns to `available_after` without a second row.
 */
export interface LedgerEntryView {
  id: string;
  pool: EnvironmentType;
  type: LedgerEntryType;
  amount: number;
  balance_after: number;
  available_after: number;
  fax_id: string | null;
  payment_id: string | null;
  created_at: string;
}

export interface ListTransactionsParams {
  accountId: string;
  pool?: EnvironmentType;
  /** 1–100; the gateway validates and defaults it. */
  limit: number;
  /** Exclusive cursors (entry ids): older than `startingAfter`, or newer than `endingBefore`. */
  startingAfter?: string;
  endingBefore?: string;
}

const ENTRY_FIELDS = {
  id: true,
  type: true,
  amount: true,
  heldDelta: true,
  balanceAfter: true,
  availableAfter: true,
  faxId: true,
  paymentId: true,
  createdAt: true,
  pool: { select: { type: true } },
} as const;

/** Newest first, by `seq`: ULIDs made in different processes within a millisecond may disagree. */
export async function listTransactions(
  db: LedgerClient,
  { accountId, pool, limit, startingAfter, endingBefore }: ListTransactionsParams,
): Promise<ListPage<LedgerEntryView>> {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 100) {
    throw new RangeError(`limit must be an integer from 1 to 100, got ${limit}.`);
  }
  const scope = { pool: pool ? { accountId, type: pool } : { accountId } };
  const page = await keysetPage({ limit, starting_after: startingAfter, ending_before: endingBefore }, bySeq, {
    findCursor: (id) => db.ledgerEntry.findFirst({ where: { id, pool: { accountId } }, select: bySeq.select }),
    findPage: ({ after, orderBy, take }) => db.ledgerEntry.findMany({ where: { ...scope, ...after }, orderBy, take, select: ENTRY_FIELDS }),
    missing: (id) => `No transaction ${id} in this account.`,
  });
  return mapPage(page, (row) => ({
    id: row.id,
    pool: row.pool.type,
    type: row.type,
    amount: toCredits(shownAmount(row.type, row.amount, row.heldDelta)),
    balance_after: toCredits(row.balanceAfter),
    available_after: toCredits(row.availableAfter),
    fax_id: row.faxId,
    payment_id: row.paymentId,
    created_at: row.createdAt.toISOString(),
  }));
}

function shownAmount(type: LedgerEntryType, amount: bigint, heldDelta: bigint): bigint {
  switch (type) {
    case 'hold':
    case 'release':
      return -heldDelta;
    case 'purchase':
    case 'capture':
    case 'sandbox_grant':
    case 'sandbox_reset':
    case 'sandbox_topup':
    case 'adjustment':
      return amount;
    default: {
      const unknown: never = type;
      throw new Error(`Unknown ledger entry type ${String(unknown)}`);
    }
  }
}
