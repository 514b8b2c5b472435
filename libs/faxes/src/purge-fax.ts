import { Prisma } from '@mintfax/db';
import { writeEvent } from '@mintfax/events';
import { toFaxObject } from './fax-object';
import { TERMINAL_STATUSES } from './fax-status';

type Tx = Prisma.TransactionClient;

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
