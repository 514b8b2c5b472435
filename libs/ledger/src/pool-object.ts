import { Prisma, type EnvironmentType } from '@mintfax/db';
import { toCredits } from './credits';

/**
 * A pool as the API shows it (`GET /v1/account/balance`) and as balance events carry it in
 * `data.object` (docs/api/events-and-webhooks.md).
 */
export interface PoolBalance {
  type: EnvironmentType;
  balance: number;
  held: number;
  available: number;
  /** Below this many available credits: `balance.low`, and a top-up when enabled; null: never. */
  low_balance_threshold: number | null;
  auto_top_up: { enabled: boolean; package_id: string | null };
}

/** The columns of `pools` a pool object is made of, as Prisma selects them. */
export const POOL_OBJECT_FIELDS = {
  type: true,
  balance: true,
  held: true,
  lowBalanceThreshold: true,
  autoTopUpEnabled: true,
  autoTopUpPackageId: true,
} as const;

type PoolFields = Prisma.PoolGetPayload<{ select: typeof POOL_OBJECT_FIELDS }>;

export function toPoolBalance(pool: PoolFields): PoolBalance {
  const balance = toCredits(pool.balance);
  const held = toCredits(pool.held);
  return {
    type: pool.type,
    balance,
    held,
    available: balance - held,
    low_balance_threshold: pool.lowBalanceThreshold === null ? null : toCredits(pool.lowBalanceThreshold),
    auto_top_up: { enabled: pool.autoTopUpEnabled, package_id: pool.autoTopUpPackageId },
  };
}

/**
 * What a movement's `pool` CTE returns (qualified, as the reset's UPDATE … FROM needs): enough for
 * its ledger row, the threshold check and the pool object of a balance event.
 */
export const POOL_RETURNING = Prisma.raw(
  'pools.id, pools.account_id, pools.type, pools.balance, pools.held, pools.low_balance_threshold, pools.auto_top_up_enabled, pools.auto_top_up_package_id',
);

/** toPoolBalance in SQL, for events written in the statement that moved the pool; `alias` has POOL_RETURNING's columns. */
export function poolObjectSql(alias: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`jsonb_build_object(
    'type', ${alias}.type, 'balance', ${alias}.balance, 'held', ${alias}.held, 'available', ${alias}.balance - ${alias}.held,
    'low_balance_threshold', ${alias}.low_balance_threshold,
    'auto_top_up', jsonb_build_object('enabled', ${alias}.auto_top_up_enabled, 'package_id', ${alias}.auto_top_up_package_id))`;
}
