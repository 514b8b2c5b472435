import { findSavedCard } from '@mintfax/accounts';
import type { CreditPackage } from '@mintfax/config';
import type { Prisma } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { updatePoolSettings, type PoolBalance, type PoolKey, type PoolSettingsChange } from '@mintfax/ledger';

const PACKAGE_FIELD = 'auto_top_up.package_id';

/**
 * `PATCH /v1/account/pools/{type}` (docs/api/billing.md): the package must be one of
 * CREDIT_PACKAGES, auto top-up needs a package, and on the live pool a card saved by an earlier
 * Checkout purchase (`payment_method_required`). A refused change changes nothing.
 */
export async function changePoolSettings(
  db: Prisma.TransactionClient,
  pool: PoolKey,
  change: PoolSettingsChange,
  packages: readonly CreditPackage[],
): Promise<PoolBalance> {
  const packageId = change.autoTopUp?.packageId;
  if (packageId !== undefined && !packages.some((candidate) => candidate.id === packageId)) {
    const known = packages.map((candidate) => candidate.id).join(', ');
    throw new ApiError('validation_failed', { errors: { [PACKAGE_FIELD]: [`Unknown package "${packageId}"; choose one of: ${known}.`] } });
  }
  if (pool.type === 'live' && change.autoTopUp?.enabled === true && !(await findSavedCard(db, pool.accountId))) {
    throw new ApiError('payment_method_required');
  }
  const result = await updatePoolSettings(db, pool, change);
  if (result.kind === 'package_required') {
    throw new ApiError('validation_failed', { errors: { [PACKAGE_FIELD]: ['Choose a package (one of CREDIT_PACKAGES) to turn auto top-up on.'] } });
  }
  return result.pool;
}
