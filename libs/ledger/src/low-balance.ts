import { Prisma } from '@mintfax/db';

/**
 * Writes `balance.low` for each pool of `crossed` (rows with POOL_RETURNING's columns) to every
 * environment of its type: libs/events' lowBalanceEventsSql, as the body of a data-modifying CTE.
 * The ledger is handed it rather than importing it because libs/events depends on libs/accounts,
 * which depends on the ledger.
 */
export type LowBalanceEvents = (crossed: Prisma.Sql) => Prisma.Sql;

/**
 * The threshold check of a movement that may lower `available` (a hold, a negative adjustment, a
 * sandbox reset), as CTEs following its `pool` CTE, which returns POOL_RETURNING and
 * `available_before`. The pool's row lock orders the movements of a pool, and each sees the
 * version the previous one left, so exactly one movement takes `available` from at or above the
 * threshold to below it, however many run at once; it alone warns and, with auto top-up on,
 * records a top-up owed — unless one is already owed or pending (a partial unique index).
 */
export function lowBalanceCtes(topUpId: string, lowBalanceEvents: LowBalanceEvents): Prisma.Sql {
  return Prisma.sql`, crossed AS (
      SELECT * FROM pool
      WHERE low_balance_threshold IS NOT NULL
        AND available_before >= low_balance_threshold
        AND balance - held < low_balance_threshold
    ), low_balance_events AS (${lowBalanceEvents(Prisma.sql`crossed`)}
    ), owed_top_up AS (
      INSERT INTO top_ups (id, pool_id, package_id)
      SELECT ${topUpId}, id, auto_top_up_package_id FROM crossed WHERE auto_top_up_enabled
      ON CONFLICT DO NOTHING
    )`;
}
