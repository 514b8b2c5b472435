import type { FaxStatus, PrismaService } from '@mintfax/db';
import { createTestFax } from '@mintfax/testing';

export interface FaxOwner {
  accountId: string;
  environmentId: string;
}

/** A queued sandbox fax to a delivering magic number, its document stored, as the gateway commits it. */
export function queuedFax(prisma: PrismaService, owner: FaxOwner): Promise<string> {
  return createTestFax(prisma, owner);
}

/** A fax that reached `status` at `completedAt`, its document still stored. */
export async function finishedFax(prisma: PrismaService, owner: FaxOwner, status: FaxStatus, completedAt: Date): Promise<string> {
  const id = await queuedFax(prisma, owner);
  await prisma.fax.update({ where: { id }, data: { status, completedAt } });
  return id;
}
