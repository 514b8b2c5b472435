import { Prisma, ulid } from '@mintfax/db';
import { poolObjectSql, type LowBalanceEvents } from '@mintfax/ledger';
import { insertEventsSql } from './outbox';

/** `data.top_up` of `balance.topup`: what was credited, and the payment behind it (none in sandbox). */
export interface TopUpSucceeded {
  id: string;
  package_id: string;
  credits: number | null;
  payment_id: string | null;
}

/** `data.top_up` of `balance.topup_failed`: Stripe's reason, and whether auto top-up is now off. */
export interface TopUpFailed {
  id: string;
  package_id: string;
  credits: number | null;
  failure_code: string;
  failure_message: string;
  failures_in_a_row: number;
  auto_top_up_disabled: boolean;
}

export type PoolEvent = { type: 'balance.low' } | { type: 'balance.topup'; topUp: TopUpSucceeded } | { type: 'balance.topup_failed'; topUp: TopUpFailed };

/**
 * Balance events concern a pool, which every environment of its type shares, while an event
 * belongs to one environment: one row per environment of the type, each with the pool as
 * `data.object`. `source` is a relation of pools with POOL_RETURNING's columns (the CTE of the
 * movement, or the pool read now). Ids share one ULID's time and take the rest from a hash of it
 * with the environment, so they stay unique and time-ordered without a round trip per environment.
 */
export function insertPoolEventsSql(source: Prisma.Sql, event: PoolEvent): Prisma.Sql {
  const seed = ulid();
  const detail = 'topUp' in event ? Prisma.sql`, 'top_up', ${JSON.stringify(event.topUp)}::jsonb` : Prisma.empty;
  return insertEventsSql(
    {
      id: Prisma.sql`'evt_' || ${seed.slice(0, 10)} || upper(left(md5(${seed} || environments.id), 16))`,
      accountId: Prisma.sql`${source}.account_id`,
      environmentId: Prisma.sql`environments.id`,
      type: event.type,
      faxId: Prisma.sql`NULL`,
      data: Prisma.sql`jsonb_build_object('object', ${poolObjectSql(source)}${detail})`,
      createdAt: Prisma.sql`now()`,
    },
    Prisma.sql` FROM ${source} JOIN environments ON environments.account_id = ${source}.account_id AND environments.type = ${source}.type`,
  );
}

/** The ledger's writer of `balance.low`, for the movements that can lower the available credit. */
export const lowBalanceEventsSql: LowBalanceEvents = (crossed) => insertPoolEventsSql(crossed, { type: 'balance.low' });

/** A balance event about the pool as it is now in `tx` (after the caller's change), to every environment of its type. */
export async function writePoolEvents(tx: Prisma.TransactionClient, poolId: string, event: PoolEvent): Promise<number> {
  return tx.$executeRaw`
    WITH pool AS (SELECT * FROM pools WHERE id = ${poolId})
    ${insertPoolEventsSql(Prisma.sql`pool`, event)}`;
}
