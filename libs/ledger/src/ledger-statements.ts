import { Prisma, type EnvironmentType } from '@mintfax/db';
import { POOL_RETURNING } from './pool-object';

// Each movement is ONE statement: the guarded pool UPDATE feeds the hold and ledger inserts
// through data-modifying CTEs, so a failed guard writes nothing and there is no read-then-write
// window. Postgres re-checks the guard on the newest row version when another transaction got
// there first (READ COMMITTED), which is what makes them safe on one hot pool.
// The benchmark issues these very statements through plain `pg` for comparison.

/** What every movement statement returns: the pool right after the change (no row: guard failed). */
export interface PoolRow {
  pool_id: string;
  balance: bigint;
  held: bigint;
}

export interface SettledRow extends PoolRow {
  hold_amount: bigint;
}

export interface HoldParams {
  entryId: string;
  holdId: string;
  accountId: string;
  type: EnvironmentType;
  amount: bigint;
  faxId: string | null;
}

/**
 * A hold as one statement, with its threshold check (`lowBalance`: lowBalanceCtes). `following`
 * lets the caller add its own data-modifying CTEs (each reading `FROM pool`, so they write nothing
 * when the guard fails): the fax submission commits hold, fax, document and event in this single statement.
 */
export function holdStatement(p: HoldParams, lowBalance: Prisma.Sql, following: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    WITH pool AS (
      UPDATE pools SET held = held + ${p.amount}::bigint, updated_at = now()
      WHERE account_id = ${p.accountId} AND type = ${p.type}::environment_type
        AND balance - held >= ${p.amount}::bigint
      RETURNING ${POOL_RETURNING}, pools.balance - pools.held + ${p.amount}::bigint AS available_before
    ), new_hold AS (
      INSERT INTO holds (id, pool_id, fax_id, amount)
      SELECT ${p.holdId}, pool.id, ${p.faxId}::text, ${p.amount}::bigint FROM pool
    ), entry AS (
      INSERT INTO ledger_entries (id, pool_id, type, amount, held_delta, balance_after, available_after, hold_id, fax_id)
      SELECT ${p.entryId}, pool.id, 'hold'::ledger_entry_type, 0, ${p.amount}::bigint,
             pool.balance, pool.balance - pool.held, ${p.holdId}, ${p.faxId}::text
      FROM pool
    )${lowBalance}${following}
    SELECT id AS pool_id, balance, held FROM pool`;
}

/**
 * The settlement of a hold as CTEs (`settled`, `pool`, `entry`), for a hold named by any SQL
 * expression: a caller may settle in the same statement as its own change (the fax-worker's
 * terminal transition names the hold through its `moved` CTE). `status = 'held'` in the WHERE is
 * what makes a second capture or release (or a capture after a release) a no-op; a capture also
 * never charges more than the hold.
 */
export function settlementCtes(p: { entryId: string; holdId: Prisma.Sql } & ({ kind: 'capture'; charged: bigint } | { kind: 'release' })): Prisma.Sql {
  const settle =
    p.kind === 'capture'
      ? Prisma.sql`UPDATE holds SET status = 'captured', charged = ${p.charged}::bigint, settled_at = now()
          WHERE id = ${p.holdId} AND status = 'held' AND amount >= ${p.charged}::bigint`
      : Prisma.sql`UPDATE holds SET status = 'released', settled_at = now()
          WHERE id = ${p.holdId} AND status = 'held'`;
  const charged = p.kind === 'capture' ? p.charged : 0n;
  return Prisma.sql`
    settled AS (
      ${settle}
      RETURNING id, pool_id, fax_id, amount
    ), pool AS (
      UPDATE pools SET balance = pools.balance - ${charged}::bigint, held = pools.held - settled.amount, updated_at = now()
      FROM settled WHERE pools.id = settled.pool_id
      RETURNING pools.id, pools.balance, pools.held, settled.id AS hold_id, settled.amount AS hold_amount, settled.fax_id
    ), entry AS (
      INSERT INTO ledger_entries (id, pool_id, type, amount, held_delta, balance_after, available_after, hold_id, fax_id)
      SELECT ${p.entryId}, pool.id, ${p.kind}::ledger_entry_type, -${charged}::bigint, -pool.hold_amount,
             pool.balance, pool.balance - pool.held, pool.hold_id, pool.fax_id
      FROM pool
    )`;
}

export function captureStatement(p: { entryId: string; holdId: string; charged: bigint }): Prisma.Sql {
  return Prisma.sql`
    WITH ${settlementCtes({ entryId: p.entryId, holdId: Prisma.sql`${p.holdId}`, kind: 'capture', charged: p.charged })}
    SELECT id AS pool_id, balance, held, hold_amount FROM pool`;
}

export function releaseStatement(p: { entryId: string; holdId: string }): Prisma.Sql {
  return Prisma.sql`
    WITH ${settlementCtes({ entryId: p.entryId, holdId: Prisma.sql`${p.holdId}`, kind: 'release' })}
    SELECT id AS pool_id, balance, held, hold_amount FROM pool`;
}

export type BalanceEntryType = 'purchase' | 'sandbox_grant' | 'sandbox_topup' | 'adjustment';

/**
 * Purchases, sandbox grants and top-ups, and adjustments: `balance += delta`. The guard only ever
 * bites for a negative adjustment, which may not take more than is available (held credit stays
 * covered); that is also the only one of them that can lower `available`, so the only one given
 * `lowBalance` (lowBalanceCtes). A purchase sets the threshold to 20% of its credits until the
 * account chooses one (docs/api/billing.md).
 */
export function balanceChangeStatement(
  p: {
    entryId: string;
    accountId: string;
    type: EnvironmentType;
    entryType: BalanceEntryType;
    delta: bigint;
    paymentId: string | null;
  },
  lowBalance: Prisma.Sql = Prisma.empty,
): Prisma.Sql {
  const threshold =
    p.entryType === 'purchase'
      ? Prisma.sql`, low_balance_threshold = CASE WHEN low_balance_threshold_custom THEN low_balance_threshold ELSE ${p.delta}::bigint / 5 END`
      : Prisma.empty;
  return Prisma.sql`
    WITH pool AS (
      UPDATE pools SET balance = balance + ${p.delta}::bigint, updated_at = now()${threshold}
      WHERE account_id = ${p.accountId} AND type = ${p.type}::environment_type
        AND balance - held + ${p.delta}::bigint >= 0
      RETURNING ${POOL_RETURNING}, pools.balance - pools.held - ${p.delta}::bigint AS available_before
    ), entry AS (
      INSERT INTO ledger_entries (id, pool_id, type, amount, held_delta, balance_after, available_after, payment_id)
      SELECT ${p.entryId}, pool.id, ${p.entryType}::ledger_entry_type, ${p.delta}::bigint, 0,
             pool.balance, pool.balance - pool.held, ${p.paymentId}::text
      FROM pool
    )${lowBalance}
    SELECT id AS pool_id, balance, held FROM pool`;
}

/**
 * `balance := grant + held`. The delta needs the balance before the update, which RETURNING cannot
 * give before Postgres 18, so `locked` takes the row lock first and reads the newest version; the
 * UPDATE then runs on that same version because nobody else can change it in between.
 */
export function sandboxResetStatement(p: { entryId: string; accountId: string; grant: bigint }, lowBalance: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH locked AS (
      SELECT id, balance FROM pools
      WHERE account_id = ${p.accountId} AND type = 'sandbox'
      FOR UPDATE
    ), pool AS (
      UPDATE pools SET balance = ${p.grant}::bigint + pools.held, updated_at = now()
      FROM locked WHERE pools.id = locked.id
      RETURNING ${POOL_RETURNING}, locked.balance AS balance_before, locked.balance - pools.held AS available_before
    ), entry AS (
      INSERT INTO ledger_entries (id, pool_id, type, amount, held_delta, balance_after, available_after)
      SELECT ${p.entryId}, pool.id, 'sandbox_reset'::ledger_entry_type, pool.balance - pool.balance_before, 0,
             pool.balance, pool.balance - pool.held
      FROM pool
    )${lowBalance}
    SELECT id AS pool_id, balance, held, balance - balance_before AS amount FROM pool`;
}
