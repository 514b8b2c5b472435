import type { FaxStatus, PrismaService } from '@mintfax/db';
import { submitFax } from '@mintfax/faxes';

export interface FaxOwner {
  accountId: string;
  environmentId: string;
}

/** A queued sandbox fax to a delivering magic number, its document stored, as the gateway commits it. */
export async function queuedFax(prisma: PrismaService, owner: FaxOwner): Promise<string> {
  const fax = await prisma.$transaction((tx) =>
    submitFax(tx, {
      ...owner,
      environmentType: 'sandbox',
      to: '+15005550001',
      from: null,
      pages: 1,
      pricePerPage: 1,
      maxAttempts: 3,
      metadata: {},
      document: { bytes: Buffer.from('%PDF-1.4 retention test'), contentType: 'application/pdf', sha256: 'test', filename: null },
    }),
  );
  return fax.id;
}

/** A fax that reached `status` at `completedAt`, its document still stored. */
export async function finishedFax(prisma: PrismaService, owner: FaxOwner, status: FaxStatus, completedAt: Date): Promise<string> {
  const id = await queuedFax(prisma, owner);
  await prisma.fax.update({ where: { id }, data: { status, completedAt } });
  return id;
}
