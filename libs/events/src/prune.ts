import { deleteInBatches, type Prisma } from '@mintfax/db';

/** Housekeeping: webhook attempt logs created before `before`, in batches. */
export function pruneWebhookAttempts(db: Prisma.TransactionClient, before: Date, batchSize: number): Promise<number> {
  return deleteInBatches(db, { table: 'webhook_attempts', column: 'created_at' }, before, batchSize);
}

/** Housekeeping: events created before `before`, in batches. */
export function pruneEvents(db: Prisma.TransactionClient, before: Date, batchSize: number): Promise<number> {
  return deleteInBatches(db, { table: 'events', column: 'created_at' }, before, batchSize);
}
