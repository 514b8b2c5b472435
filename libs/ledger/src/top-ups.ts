import type { EnvironmentType, TopUpStatus } from '@mintfax/db';
import { toCredits } from './credits';
import type { LedgerClient } from './ledger.types';

// A top-up is owed by the movement that crossed the pool's threshold (see low-balance.ts) and
// settled here. Each change is conditional on the status it leaves, so a job run twice, or the
// job racing Stripe's webhook for the same payment, settles a top-up once.

/** Failed top-ups in a row after which auto top-up turns itself off (docs/api/billing.md). */
export const MAX_TOP_UP_FAILURES = 3;

export interface TopUp {
  id: string;
  status: TopUpStatus;
  poolId: string;
  accountId: string;
  poolType: EnvironmentType;
  packageId: string;
  /** The pool's setting now: switched off since the crossing, the top-up is not charged. */
  autoTopUpEnabled: boolean;
  stripePaymentIntentId: string | null;
}

/** What a top-up charges, fixed on its first run: a retried charge repeats it exactly. */
export interface TopUpPrice {
  credits: number;
  amount: number;
  currency: string;
}

export interface SettledTopUp {
  id: string;
  poolId: string;
  accountId: string;
  poolType: EnvironmentType;
  packageId: string;
  credits: number | null;
}

export interface FailedTopUp extends SettledTopUp {
  /** Failed top-ups in a row, this one included. */
  failuresInARow: number;
  /** This failure was the one that turned auto top-up off. */
  autoTopUpDisabled: boolean;
}

/** Owed top-ups recorded before `before`, oldest first: the billing sweep makes sure each has its job. */
export async function owedTopUps(db: LedgerClient, before: Date, limit: number): Promise<string[]> {
  const rows = await db.topUp.findMany({
    where: { status: 'owed', createdAt: { lt: before } },
    orderBy: { createdAt: 'asc' },
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

export async function getTopUp(db: LedgerClient, id: string): Promise<TopUp | null> {
  const row = await db.topUp.findUnique({
    where: { id },
    include: { pool: { select: { accountId: true, type: true, autoTopUpEnabled: true } } },
  });
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    poolId: row.poolId,
    accountId: row.pool.accountId,
    poolType: row.pool.type,
    packageId: row.packageId,
    autoTopUpEnabled: row.pool.autoTopUpEnabled,
    stripePaymentIntentId: row.stripePaymentIntentId,
  };
}

/** Fixes `price` on an owed top-up unless a run before this one did; answers the price it has, null when no longer owed. */
export async function priceTopUp(db: LedgerClient, id: string, price: TopUpPrice): Promise<TopUpPrice | null> {
  const [row] = await db.$queryRaw<{ credits: bigint; amount: number; currency: string }[]>`
    UPDATE top_ups SET credits = COALESCE(credits, ${BigInt(price.credits)}::bigint),
                       amount = COALESCE(amount, ${price.amount}::int),
                       currency = COALESCE(currency, ${price.currency}::text)
    WHERE id = ${id} AND status = 'owed'
    RETURNING credits, amount, currency`;
  return row ? { credits: toCredits(row.credits), amount: row.amount, currency: row.currency } : null;
}

/** Stripe took the payment and its webhook will settle it; false when it is no longer owed (the webhook was first). */
export async function markTopUpPending(db: LedgerClient, id: string, paymentIntentId: string): Promise<boolean> {
  const { count } = await db.topUp.updateMany({ where: { id, status: 'owed' }, data: { status: 'pending', stripePaymentIntentId: paymentIntentId } });
  return count === 1;
}

/** Auto top-up was switched off before the charge: nothing is charged, nothing is announced. */
export async function cancelTopUp(db: LedgerClient, id: string): Promise<boolean> {
  const { count } = await db.topUp.updateMany({ where: { id, status: 'owed' }, data: { status: 'canceled', settledAt: new Date() } });
  return count === 1;
}

/**
 * Marks an owed or pending top-up succeeded and clears the pool's run of failures; null when it
 * was settled already. The caller credits the pool in the same transaction.
 */
export async function succeedTopUp(tx: LedgerClient, id: string, paymentIntentId: string | null): Promise<SettledTopUp | null> {
  const [row] = await tx.$queryRaw<SettledRow[]>`
    WITH settled AS (
      UPDATE top_ups SET status = 'succeeded', settled_at = now(),
                         stripe_payment_intent_id = COALESCE(stripe_payment_intent_id, ${paymentIntentId}::text)
      WHERE id = ${id} AND status IN ('owed', 'pending')
      RETURNING id, pool_id, package_id, credits
    ), pool AS (
      UPDATE pools SET auto_top_up_failures = 0 FROM settled WHERE pools.id = settled.pool_id
      RETURNING pools.account_id, pools.type
    )
    SELECT settled.*, pool.account_id, pool.type FROM settled, pool`;
  return row ? settledTopUp(row) : null;
}

/**
 * Marks an owed or pending top-up failed with Stripe's reason and counts the failure on the pool,
 * turning auto top-up off at the MAX_TOP_UP_FAILURES-th in a row; null when it was settled already.
 */
export async function failTopUp(tx: LedgerClient, id: string, failure: { code: string; message: string }): Promise<FailedTopUp | null> {
  const [row] = await tx.$queryRaw<(SettledRow & { failures: number; was_enabled: boolean; enabled: boolean })[]>`
    WITH failed AS (
      UPDATE top_ups SET status = 'failed', settled_at = now(), failure_code = ${failure.code}, failure_message = ${failure.message}
      WHERE id = ${id} AND status IN ('owed', 'pending')
      RETURNING id, pool_id, package_id, credits
    ), locked AS (
      SELECT pools.id, pools.auto_top_up_enabled AS was_enabled FROM pools JOIN failed ON pools.id = failed.pool_id FOR UPDATE OF pools
    ), pool AS (
      UPDATE pools SET auto_top_up_failures = pools.auto_top_up_failures + 1,
                       auto_top_up_enabled = pools.auto_top_up_enabled AND pools.auto_top_up_failures + 1 < ${MAX_TOP_UP_FAILURES},
                       updated_at = now()
      FROM locked WHERE pools.id = locked.id
      RETURNING pools.account_id, pools.type, pools.auto_top_up_failures AS failures, locked.was_enabled, pools.auto_top_up_enabled AS enabled
    )
    SELECT failed.*, pool.account_id, pool.type, pool.failures, pool.was_enabled, pool.enabled FROM failed, pool`;
  if (!row) return null;
  return { ...settledTopUp(row), failuresInARow: row.failures, autoTopUpDisabled: row.was_enabled && !row.enabled };
}

interface SettledRow {
  id: string;
  pool_id: string;
  package_id: string;
  credits: bigint | null;
  account_id: string;
  type: EnvironmentType;
}

function settledTopUp(row: SettledRow): SettledTopUp {
  return {
    id: row.id,
    poolId: row.pool_id,
    accountId: row.account_id,
    poolType: row.type,
    packageId: row.package_id,
    credits: row.credits === null ? null : toCredits(row.credits),
  };
}
