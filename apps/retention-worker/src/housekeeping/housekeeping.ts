import { Prisma, type PrismaClient } from '@mintfax/db';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Rows deleted per statement, so no run holds many locks or bloats one transaction. */
export const HOUSEKEEPING_BATCH = 1000;

/** API.md "Idempotency": a key is honoured for 24 hours, no longer. */
const IDEMPOTENCY_WINDOW_MS = 24 * HOUR_MS;
/** Expired codes linger an hour, so clock skew never removes a code a gateway still accepts. */
const VERIFICATION_CODE_MARGIN_MS = HOUR_MS;

/** What goes: rows of `table` whose `column` lies before the cutoff. Names are constants, never input. */
const PRUNED = [
  { table: 'idempotency_records', column: 'created_at', cutoff: (now: Date) => new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS) },
  { table: 'verification_codes', column: 'expires_at', cutoff: (now: Date) => new Date(now.getTime() - VERIFICATION_CODE_MARGIN_MS) },
  { table: 'webhook_attempts', column: 'created_at', cutoff: (now: Date, windowDays: number) => new Date(now.getTime() - windowDays * DAY_MS) },
  { table: 'events', column: 'created_at', cutoff: (now: Date, windowDays: number) => new Date(now.getTime() - windowDays * DAY_MS) },
] as const;

export type HousekeepingCounts = Record<(typeof PRUNED)[number]['table'], number>;

/**
 * Deletes what is past its window at `now`: idempotency records after 24 h, verification codes an
 * hour after they expired, webhook attempt logs and events after `windowDays`. Oldest first, in
 * bounded batches; rows another run is deleting are skipped, not waited for.
 */
export async function runHousekeeping(
  prisma: PrismaClient,
  now: Date,
  windowDays: number,
  batchSize = HOUSEKEEPING_BATCH,
): Promise<HousekeepingCounts> {
  const counts = {} as HousekeepingCounts;
  for (const { table, column, cutoff } of PRUNED) {
    counts[table] = await deleteInBatches(prisma, Prisma.raw(table), Prisma.raw(column), cutoff(now, windowDays), batchSize);
  }
  return counts;
}

async function deleteInBatches(prisma: PrismaClient, table: Prisma.Sql, column: Prisma.Sql, before: Date, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await prisma.$executeRaw`
      DELETE FROM ${table} WHERE id IN (
        SELECT id FROM ${table} WHERE ${column} < ${before} ORDER BY ${column} LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
      )`;
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
