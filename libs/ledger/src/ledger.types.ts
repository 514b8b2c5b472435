import type { EnvironmentType, HoldStatus, Prisma } from '@mintfax/db';

/**
 * What every ledger function takes first. Pass the `tx` of `prisma.$transaction(async (tx) => …)`
 * so the movement commits with the caller's rows; a plain `PrismaClient` also works for the
 * single-statement operations, which then commit on their own.
 */
export type LedgerClient = Prisma.TransactionClient;

/** A pool is named by its account and environment type: each account has exactly one of each. */
export interface PoolKey {
  accountId: string;
  type: EnvironmentType;
}

/** The pool right after a movement, and the ledger row that recorded it. */
export interface Movement {
  entryId: string;
  poolId: string;
  balance: number;
  held: number;
  available: number;
}

export interface HoldResult extends Movement {
  holdId: string;
}

/**
 * Settling a hold that is already captured or released changes nothing and says so with
 * `settled: false` and the status the hold already had.
 */
export type SettleResult =
  | (Movement & { settled: true; holdId: string; status: 'captured' | 'released'; charged: number; released: number })
  | { settled: false; holdId: string; status: Exclude<HoldStatus, 'held'> };

export interface ResetResult extends Movement {
  /** The change to the balance the reset made (negative when credit was spent since the grant). */
  amount: number;
}
