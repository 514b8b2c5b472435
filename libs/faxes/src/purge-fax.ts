import { Prisma, type PrismaClient } from '@mintfax/db';
import { writeEvent } from '@mintfax/events';
import { toFaxObject } from './fax-object';
import { TERMINAL_STATUSES } from './fax-status';

type Tx = Prisma.TransactionClient;

/** Faxes purged per transaction: each writes an event, so the lock and the transaction stay short. */
export const PURGE_BATCH = 100;
const BATCH_TIMEOUT_MS = 30_000;

/**
 * Removes a terminal fax's document bytes; its metadata stays, showing `document.purged_at`.
 * Conditional on the document not being purged yet, so of two concurrent purges exactly one
 * writes `fax.data_purged`. False when there was nothing to purge.
 */
export async function purgeDocument(tx: Tx, faxId: string, now: Date): Promise<boolean> {
  const [fax] = await tx.fax.updateManyAndReturn({
    where: { id: faxId, purgedAt: null, status: { in: [...TERMINAL_STATUSES] } },
    data: { purgedAt: now, updatedAt: now },
  });
  if (!fax) return false;
  await tx.faxDocument.deleteMany({ where: { faxId } });
  await writeEvent(tx, { accountId: fax.accountId, environmentId: fax.environmentId, type: 'fax.data_purged', faxId, object: toFaxObject(fax) });
  return true;
}

/**
 * Purges, in the caller's transaction, up to `limit` documents that are due at `now`: in a
 * zero-footprint environment as soon as the fax is terminal, elsewhere once `completed_at` plus the
 * environment's `retention_days` (whole 24-hour days) has passed. Rows another run holds are
 * skipped, not waited for, so concurrent runs share the work. `faxId` narrows it to one fax.
 * Returns the ids purged.
 */
export async function purgeDueDocuments(tx: Tx, now: Date, limit: number, faxId?: string): Promise<string[]> {
  // The first two conditions are those of the partial index faxes_retention_idx: only stored documents are read.
  const due = await tx.$queryRaw<{ id: string }[]>`
    SELECT f.id
    FROM faxes f
    JOIN environments e ON e.id = f.environment_id
    WHERE f.purged_at IS NULL
      AND f.completed_at IS NOT NULL
      AND f.status IN (${Prisma.join(TERMINAL_STATUSES)})
      AND (e.zero_footprint OR f.completed_at <= ${now}::timestamptz - e.retention_days * interval '24 hours')
      ${faxId === undefined ? Prisma.empty : Prisma.sql`AND f.id = ${faxId}`}
    ORDER BY f.completed_at
    LIMIT ${limit}
    FOR UPDATE OF f SKIP LOCKED`;
  const purged: string[] = [];
  for (const { id } of due) {
    if (await purgeDocument(tx, id, now)) purged.push(id);
  }
  return purged;
}

/**
 * One retention run: purges every document due at `now`, a bounded batch per transaction, until a
 * batch comes back short. Batches another run has locked are left to that run. Returns how many.
 */
export async function purgeDueDocumentsInBatches(db: PrismaClient, now: Date, batchSize = PURGE_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const purged = await db.$transaction((tx) => purgeDueDocuments(tx, now, batchSize), { timeout: BATCH_TIMEOUT_MS });
    total += purged.length;
    if (purged.length < batchSize) return total;
  }
}

/** A zero-footprint fax just went terminal: purge it now, unless a sweep holds it (and purges it). */
export async function purgeFaxIfDue(db: PrismaClient, faxId: string, now: Date): Promise<boolean> {
  const purged = await db.$transaction((tx) => purgeDueDocuments(tx, now, 1, faxId));
  return purged.length === 1;
}

/** Whether the fax belongs to a zero-footprint environment, whose documents go as soon as the fax is terminal. */
export async function inZeroFootprintEnvironment(db: PrismaClient, faxId: string): Promise<boolean> {
  return (await db.fax.count({ where: { id: faxId, environment: { zeroFootprint: true } } })) > 0;
}
