import { deleteInBatches, type Prisma } from '@mintfax/db';

/** docs/api/README.md "Idempotency": a key is honoured for 24 hours, no longer. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export type IdempotencyClaim =
  | { kind: 'claimed'; id: bigint }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'reuse' }
  | { kind: 'in_progress' };

/**
 * One record per (scope, key), claimed atomically by the first request. The same key again gets
 * the stored answer if the request is the same (`requestHash`), `reuse` if it is not.
 */
export async function claimIdempotencyKey(
  db: Prisma.TransactionClient,
  { scope, key, requestHash, now = new Date() }: { scope: string; key: string; requestHash: string; now?: Date },
): Promise<IdempotencyClaim> {
  for (let round = 0; round < 2; round += 1) {
    // The unique (scope, key) index decides the race: exactly one concurrent request inserts.
    const inserted = await db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO idempotency_records (scope, key, request_hash) VALUES (${scope}, ${key}, ${requestHash})
      ON CONFLICT (scope, key) DO NOTHING RETURNING id`;
    if (inserted[0]) return { kind: 'claimed', id: inserted[0].id };
    const existing = await db.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
    if (!existing) continue; // abandoned between our two statements: claim again
    if (now.getTime() - existing.createdAt.getTime() > IDEMPOTENCY_WINDOW_MS) {
      // Past the window the key is free again; housekeeping may not have removed it yet.
      await db.idempotencyRecord.deleteMany({ where: { id: existing.id, createdAt: existing.createdAt } });
      continue;
    }
    if (existing.requestHash !== requestHash) return { kind: 'reuse' };
    if (existing.status === 'in_progress') return { kind: 'in_progress' };
    return { kind: 'replay', status: existing.responseStatus ?? 200, body: existing.responseBody };
  }
  return { kind: 'in_progress' };
}

/** Stores the answer of a claimed request, replayed from now on. */
export async function completeIdempotencyRecord(db: Prisma.TransactionClient, id: bigint, { status, body }: { status: number; body: unknown }): Promise<void> {
  await db.idempotencyRecord.update({
    where: { id },
    data: { status: 'completed', responseStatus: status, responseBody: (body ?? null) as Prisma.InputJsonValue, completedAt: new Date() },
  });
}

/** Frees the key of a request whose failure is not kept: the client may retry it with the same key. */
export async function abandonIdempotencyRecord(db: Prisma.TransactionClient, id: bigint): Promise<void> {
  await db.idempotencyRecord.deleteMany({ where: { id } });
}

/** Housekeeping: records past the window at `now`, in batches. */
export function pruneIdempotencyRecords(db: Prisma.TransactionClient, now: Date, batchSize: number): Promise<number> {
  return deleteInBatches(db, { table: 'idempotency_records', column: 'created_at' }, new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS), batchSize);
}
