import type { PrismaClient } from '@mintfax/db';
import type { CarrierCopies } from './carrier';

/** Copies deleted per call: each is one request to the carrier. */
const COPIES_PER_RUN = 100;

/**
 * Privacy reaches the carrier: once a fax's document is purged, each copy a carrier keeps of it
 * (one per attempt it took) is deleted there, and the deletion recorded on the attempt. A copy
 * the carrier failed to delete stays for the next run. `faxId` narrows it to one fax.
 */
export async function deleteCarrierCopies(db: PrismaClient, copies: CarrierCopies, now: Date, faxId?: string): Promise<{ deleted: number; failed: string[] }> {
  const due = await db.faxAttempt.findMany({
    where: { carrierFaxId: { not: null }, carrierCopyDeletedAt: null, fax: { purgedAt: { not: null }, ...(faxId !== undefined && { id: faxId }) } },
    select: { id: true, carrierFaxId: true },
    take: COPIES_PER_RUN,
  });
  let deleted = 0;
  const failed: string[] = [];
  for (const { id, carrierFaxId } of due) {
    try {
      await copies.deleteCopy(carrierFaxId as string);
    } catch (error) {
      failed.push(`${carrierFaxId}: ${(error as Error).message}`);
      continue;
    }
    await db.faxAttempt.update({ where: { id }, data: { carrierCopyDeletedAt: now } });
    deleted += 1;
  }
  return { deleted, failed };
}
