import type { EnvironmentType } from '@mintfax/db';
import { assertCredits } from './credits';
import type { LedgerClient, PoolKey } from './ledger.types';
import { toPoolBalance, type PoolBalance } from './pool-object';

/** What `PATCH /v1/account/pools/{type}` changes; a field left out keeps its value. */
export interface PoolSettingsChange {
  /** Chosen by the account from now on (null: no warning, no top-up). */
  lowBalanceThreshold?: number | null;
  autoTopUp?: { enabled?: boolean; packageId?: string };
}

export type PoolSettingsResult = { kind: 'updated'; pool: PoolBalance } | { kind: 'package_required' };

/**
 * One conditional UPDATE: the fields sent are merged with the pool's, and auto top-up cannot end
 * up enabled without a package (`package_required`, nothing changed). Switching it on starts a
 * fresh run of failures.
 */
export async function updatePoolSettings(db: LedgerClient, { accountId, type }: PoolKey, change: PoolSettingsChange): Promise<PoolSettingsResult> {
  const setThreshold = change.lowBalanceThreshold !== undefined;
  const threshold = change.lowBalanceThreshold == null ? null : assertCredits(change.lowBalanceThreshold, 'A threshold', { allowZero: true });
  const enabled = change.autoTopUp?.enabled ?? null;
  const packageId = change.autoTopUp?.packageId ?? null;
  const [row] = await db.$queryRaw<PoolRow[]>`
    UPDATE pools SET
      low_balance_threshold = CASE WHEN ${setThreshold} THEN ${threshold}::bigint ELSE low_balance_threshold END,
      low_balance_threshold_custom = low_balance_threshold_custom OR ${setThreshold},
      auto_top_up_package_id = COALESCE(${packageId}::text, auto_top_up_package_id),
      auto_top_up_enabled = COALESCE(${enabled}::boolean, auto_top_up_enabled),
      auto_top_up_failures = CASE WHEN ${enabled}::boolean THEN 0 ELSE auto_top_up_failures END,
      updated_at = now()
    WHERE account_id = ${accountId} AND type = ${type}::environment_type
      AND (NOT COALESCE(${enabled}::boolean, auto_top_up_enabled) OR COALESCE(${packageId}::text, auto_top_up_package_id) IS NOT NULL)
    RETURNING type, balance, held, low_balance_threshold, auto_top_up_enabled, auto_top_up_package_id`;
  if (!row) return { kind: 'package_required' };
  return {
    kind: 'updated',
    pool: toPoolBalance({
      type: row.type,
      balance: row.balance,
      held: row.held,
      lowBalanceThreshold: row.low_balance_threshold,
      autoTopUpEnabled: row.auto_top_up_enabled,
      autoTopUpPackageId: row.auto_top_up_package_id,
    }),
  };
}

interface PoolRow {
  type: EnvironmentType;
  balance: bigint;
  held: bigint;
  low_balance_threshold: bigint | null;
  auto_top_up_enabled: boolean;
  auto_top_up_package_id: string | null;
}
