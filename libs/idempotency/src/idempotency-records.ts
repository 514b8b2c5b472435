import { deleteInBatches, type Prisma } from '@mintfax/db';

/** docs/api/README.md "Idempotency": a key is honoured for 24 hours, no longer. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * How long a claim is its request's alone. A request still running past it (or, far more often, one
 * that died: its gateway killed, Postgres gone before the answer was stored) may be taken over by a
 * retry; a fax submission finds the fax it made by its key (docs/api/README.md "Idempotency").
 */
export const IDEMPOTENCY_LEASE_MS = 15_000;

/** A claimed record: its lease is the claim's token, so a holder whose claim was taken over writes nothing. */
export interface IdempotencyLease {
  id: bigint;
  leasedUntil: Date;
}

export type IdempotencyClaim =
  | ({ kind: 'claimed' } & IdempotencyLease)
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'reuse' }
  | { kind: 'in_progress'; retryAfterMs: number };

/**
 * One record per (scope, key), claimed atomically by the first request. The same key again gets
 * the stored answer if the request is the same (`requestHash`), `reuse` if it is not, and while the
 * first runs, `in_progress` until its lease ends, then the claim.
 */
export async function claimIdempotencyKey(
  db: Prisma.TransactionClient,
  { scope, key, requestHash, now = new Date() }: { scope: string; key: string; requestHash: string; now?: Date },
): Promise<IdempotencyClaim> {
  const leasedUntil = new Date(now.getTime() + IDEMPOTENCY_LEASE_MS);
  for (let round = 0; round < 3; round += 1) {
    // The unique (scope, key) index decides the race: exactly one concurrent request inserts.
    const inserted = await db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO idempotency_records (scope, key, request_hash, leased_until) VALUES (${scope}, ${key}, ${requestHash}, ${leasedUntil})
      ON CONFLICT (scope, key) DO NOTHING RETURNING id`;
    if (inserted[0]) return { kind: 'claimed', id: inserted[0].id, leasedUntil };
    const existing = await db.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
    if (!existing) continue; // abandoned between our two statements: claim again
    if (now.getTime() - existing.createdAt.getTime() > IDEMPOTENCY_WINDOW_MS) {
      // Past the window the key is free again; housekeeping may not have removed it yet.
      await db.idempotencyRecord.deleteMany({ where: { id: existing.id, createdAt: existing.createdAt } });
      continue;
    }
    if (existing.requestHash !== requestHash) return { kind: 'reuse' };
    if (existing.status === 'completed') return { kind: 'replay', status: existing.responseStatus ?? 200, body: existing.responseBody };
    const retryAfterMs = existing.leasedUntil.getTime() - now.getTime();
    if (retryAfterMs > 0) return { kind: 'in_progress', retryAfterMs };
    // The lease ran out: take the claim over, unless another retry just did.
    const taken = await db.idempotencyRecord.updateMany({
      where: { id: existing.id, status: 'in_progress', leasedUntil: existing.leasedUntil },
      data: { leasedUntil },
    });
    if (taken.count === 1) return { kind: 'claimed', id: existing.id, leasedUntil };
  }
  return { kind: 'in_progress', retryAfterMs: IDEMPOTENCY_LEASE_MS };
}

/** Stores the answer of a claimed request, replayed from now on; nothing if the claim was taken over. */
export async function completeIdempotencyRecord(db: Prisma.TransactionClient, lease: IdempotencyLease, { status, body }: { status: number; body: unknown }): Promise<void> {
  await db.idempotencyRecord.updateMany({
    where: { id: lease.id, leasedUntil: lease.leasedUntil, status: 'in_progress' },
    data: { status: 'completed', responseStatus: status, responseBody: (body ?? null) as Prisma.InputJsonValue, completedAt: new Date() },
  });
}

/** Frees the key of a request whose failure is not kept: the client may retry it with the same key. */
export async function abandonIdempotencyRecord(db: Prisma.TransactionClient, lease: IdempotencyLease): Promise<void> {
  await db.idempotencyRecord.deleteMany({ where: { id: lease.id, leasedUntil: lease.leasedUntil, status: 'in_progress' } });
}

/** Housekeeping: records past the window at `now`, in batches. */
export function pruneIdempotencyRecords(db: Prisma.TransactionClient, now: Date, batchSize: number): Promise<number> {
  return deleteInBatches(db, { table: 'idempotency_records', column: 'created_at' }, new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS), batchSize);
}
