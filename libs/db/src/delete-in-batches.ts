import { Prisma } from './generated/prisma/client';

/** Where to prune: a table and the timestamp column that ages its rows. */
export interface PrunedColumn {
  table: string;
  column: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Deletes the rows of `table` whose `column` lies before `before`, oldest first, `batchSize` per
 * statement so no run holds many locks or bloats one transaction. Rows another run is deleting are
 * skipped, not waited for. Returns how many rows went.
 */
export async function deleteInBatches(
  db: Prisma.TransactionClient,
  { table, column }: PrunedColumn,
  before: Date,
  batchSize: number,
): Promise<number> {
  // Identifiers cannot be bound parameters; the owning libs pass constants, and this keeps it so.
  if (!IDENTIFIER.test(table) || !IDENTIFIER.test(column)) throw new Error(`Not a plain identifier: ${table}.${column}`);
  const [t, c] = [Prisma.raw(table), Prisma.raw(column)];
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM ${t} WHERE id IN (
        SELECT id FROM ${t} WHERE ${c} < ${before} ORDER BY ${c} LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
      )`;
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
