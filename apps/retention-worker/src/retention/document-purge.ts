import type { PrismaClient } from '@mintfax/db';
import { purgeDueDocuments } from '@mintfax/faxes';

/** Faxes purged per transaction: each writes an event, so the lock and the transaction stay short. */
export const PURGE_BATCH = 100;
const BATCH_TIMEOUT_MS = 30_000;

/**
 * One retention run: purges every document due at `now`, a bounded batch per transaction, until a
 * batch comes back short. Batches another run has locked are left to that run. Returns how many.
 */
export async function purgeDueDocumentsInBatches(prisma: PrismaClient, now: Date, batchSize = PURGE_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const purged = await prisma.$transaction((tx) => purgeDueDocuments(tx, now, batchSize), { timeout: BATCH_TIMEOUT_MS });
    total += purged.length;
    if (purged.length < batchSize) return total;
  }
}

/** A zero-footprint fax just went terminal: purge it now, unless a sweep holds it (and purges it). */
export async function purgeFaxIfDue(prisma: PrismaClient, faxId: string, now: Date): Promise<boolean> {
  const purged = await prisma.$transaction((tx) => purgeDueDocuments(tx, now, 1, faxId));
  return purged.length === 1;
}
