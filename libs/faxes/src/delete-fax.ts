import type { Prisma } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { writeEvent } from '@mintfax/events';
import { isTerminal } from './fax-status';

/**
 * Removes a terminal fax for good: its row, document and attempts go, and the snapshots of it in
 * earlier events are reduced to its id, so nothing of its number, metadata or content remains.
 * `fax.deleted` says it happened.
 */
export async function deleteFax(tx: Prisma.TransactionClient, faxId: string): Promise<void> {
  const fax = await tx.fax.findUnique({ where: { id: faxId }, select: { status: true, accountId: true, environmentId: true } });
  if (!fax) throw new ApiError('not_found');
  if (!isTerminal(fax.status)) throw new ApiError('fax_not_terminal', { status: fax.status });
  const { count } = await tx.fax.deleteMany({ where: { id: faxId, status: { in: ['delivered', 'failed'] } } });
  if (count !== 1) throw new ApiError('not_found');
  const tombstone = { id: faxId, object: 'fax', deleted: true };
  await tx.event.updateMany({ where: { faxId }, data: { data: { object: tombstone } } });
  await writeEvent(tx, { accountId: fax.accountId, environmentId: fax.environmentId, type: 'fax.deleted', faxId, object: tombstone });
}
