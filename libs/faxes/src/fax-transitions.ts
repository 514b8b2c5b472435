import type { Fax, FaxStatus, Prisma } from '@mintfax/db';
import { writeEvent, type EventType } from '@mintfax/events';
import { capture, release } from '@mintfax/ledger';
import { ulid } from 'ulid';
import { toFaxObject } from './fax-object';
import { FAILURE_MESSAGES, isRetryable, type FailureCode } from './fax-status';

// The fax state machine: queued → submitted → in_progress → delivered | failed, with failed
// attempts going back to queued while attempts remain. Each transition is a conditional update
// on the expected status plus its event (and, when terminal, the hold's settlement) in the
// caller's transaction, so a job that runs twice cannot move a fax twice.

type Tx = Prisma.TransactionClient;
const ACTIVE: FaxStatus[] = ['submitted', 'in_progress'];

async function moved(tx: Tx, faxId: string, from: FaxStatus[], data: Prisma.FaxUpdateManyMutationInput): Promise<Fax | null> {
  // One UPDATE … RETURNING: the status in the WHERE is the guard, P2025 means it did not hold.
  try {
    return await tx.fax.update({ where: { id: faxId, status: { in: from } }, data });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'P2025') return null;
    throw error;
  }
}

async function emit(tx: Tx, fax: Fax, type: EventType): Promise<void> {
  await writeEvent(tx, { accountId: fax.accountId, environmentId: fax.environmentId, type, faxId: fax.id, object: toFaxObject(fax) });
}

/**
 * The non-money transitions as ONE statement each, so they need no transaction: the fax moves
 * only if it is still exactly the row the caller read (status AND updated_at), which is what
 * lets the event carry the new row computed here instead of read back.
 */
async function advance(
  db: Tx,
  current: Fax,
  next: Pick<Fax, 'status' | 'attempts' | 'nextAttemptAt'>,
  type: EventType,
  opensAttempt: boolean,
): Promise<Fax | null> {
  const now = new Date();
  const fax: Fax = { ...current, ...next, updatedAt: now };
  const eventId = `evt_${ulid()}`;
  const data = JSON.stringify({ object: toFaxObject(fax) });
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH moved AS (
      UPDATE faxes SET status = ${fax.status}::fax_status, attempts = ${fax.attempts}::int,
                       next_attempt_at = ${fax.nextAttemptAt}::timestamptz, updated_at = ${now}::timestamptz
      WHERE id = ${current.id} AND status = ${current.status}::fax_status AND updated_at = ${current.updatedAt}::timestamptz
      RETURNING id
    ), attempt AS (
      INSERT INTO fax_attempts (fax_id, number, started_at)
      SELECT id, ${fax.attempts}::int, ${now}::timestamptz FROM moved WHERE ${opensAttempt}::boolean
    ), event AS (
      INSERT INTO events (id, account_id, environment_id, type, fax_id, data, created_at)
      SELECT ${eventId}, ${fax.accountId}, ${fax.environmentId}, ${type}, id, ${data}::jsonb, ${now}::timestamptz FROM moved
    )
    SELECT id FROM moved`;
  return rows.length === 1 ? fax : null;
}

/** queued → submitted: a new attempt starts. Null when the fax is no longer the row read (already taken). */
export function startAttempt(db: Tx, current: Fax): Promise<Fax | null> {
  if (current.status !== 'queued') return Promise.resolve(null);
  return advance(db, current, { status: 'submitted', attempts: current.attempts + 1, nextAttemptAt: null }, 'fax.submitted', true);
}

/** submitted → in_progress: the remote machine answered. */
export function markConnected(db: Tx, current: Fax): Promise<Fax | null> {
  if (current.status !== 'submitted') return Promise.resolve(null);
  return advance(db, current, { status: 'in_progress', attempts: current.attempts, nextAttemptAt: current.nextAttemptAt }, 'fax.in_progress', false);
}

/** What was sent is charged at the fax's own price per page; the rest of the hold goes back. */
function chargeFor(fax: Fax, pagesSent: number): number {
  const pricePerPage = Number(fax.cost) / fax.pages;
  return Math.min(pagesSent, fax.pages) * pricePerPage;
}

/** → delivered, capturing the hold in the same transaction. */
export async function markDelivered(tx: Tx, faxId: string, pagesSent: number): Promise<Fax | null> {
  const current = await tx.fax.findUnique({ where: { id: faxId } });
  if (!current || !ACTIVE.includes(current.status)) return null;
  const charged = chargeFor(current, pagesSent);
  const now = new Date();
  const fax = await moved(tx, faxId, ACTIVE, { status: 'delivered', charged, completedAt: now, failureCode: null, failureMessage: null });
  if (!fax) return null;
  await endAttempt(tx, fax, { outcome: 'delivered', pagesSent, endedAt: now });
  await emit(tx, fax, 'fax.delivered');
  // Last, so the pool's row lock (shared by every fax of the account) is held only until commit.
  if (fax.holdId) await capture(tx, { holdId: fax.holdId, charged });
  return fax;
}

export type AttemptFailure = { code: FailureCode; message?: string; pagesSent?: number };

/**
 * An attempt failed: back to queued with `next_attempt_at` while the code is retryable and
 * attempts remain (`fax.retry_scheduled`), else failed for good with the hold released.
 */
export async function markAttemptFailed(
  tx: Tx,
  faxId: string,
  failure: AttemptFailure,
  retryDelayMs: (attemptsDone: number) => number,
): Promise<{ fax: Fax; retryAt: Date | null } | null> {
  const current = await tx.fax.findUnique({ where: { id: faxId } });
  if (!current || !ACTIVE.includes(current.status)) return null;
  const message = failure.message ?? FAILURE_MESSAGES[failure.code];
  const now = new Date();
  const retry = isRetryable(failure.code) && current.attempts < current.maxAttempts;
  const retryAt = retry ? new Date(now.getTime() + retryDelayMs(current.attempts)) : null;
  const fax = await moved(
    tx,
    faxId,
    ACTIVE,
    retry
      ? { status: 'queued', nextAttemptAt: retryAt, failureCode: failure.code, failureMessage: message }
      : { status: 'failed', charged: 0, completedAt: now, failureCode: failure.code, failureMessage: message },
  );
  if (!fax) return null;
  await endAttempt(tx, fax, { outcome: 'failed', failureCode: failure.code, failureMessage: message, pagesSent: failure.pagesSent ?? 0, endedAt: now });
  await emit(tx, fax, retry ? 'fax.retry_scheduled' : 'fax.failed');
  // Last, so the pool's row lock is held only until commit.
  if (!retry && fax.holdId) await release(tx, { holdId: fax.holdId });
  return { fax, retryAt };
}

/** Watchdog: a fax stuck mid-attempt since before `cutoff` fails with `timeout`, its hold released. */
export async function failStuck(tx: Tx, faxId: string, cutoff: Date): Promise<Fax | null> {
  const now = new Date();
  const { count } = await tx.fax.updateMany({
    where: { id: faxId, status: { in: ACTIVE }, updatedAt: { lt: cutoff } },
    data: { status: 'failed', charged: 0, completedAt: now, failureCode: 'timeout', failureMessage: FAILURE_MESSAGES.timeout },
  });
  if (count !== 1) return null;
  const fax = await tx.fax.findUniqueOrThrow({ where: { id: faxId } });
  await endAttempt(tx, fax, { outcome: 'failed', failureCode: 'timeout', failureMessage: FAILURE_MESSAGES.timeout, pagesSent: 0, endedAt: now });
  await emit(tx, fax, 'fax.failed');
  if (fax.holdId) await release(tx, { holdId: fax.holdId });
  return fax;
}

async function endAttempt(
  tx: Tx,
  fax: Fax,
  result: { outcome: 'delivered' | 'failed'; failureCode?: string; failureMessage?: string; pagesSent: number; endedAt: Date },
): Promise<void> {
  await tx.faxAttempt.updateMany({
    where: { faxId: fax.id, number: fax.attempts, endedAt: null },
    data: {
      outcome: result.outcome,
      failureCode: result.failureCode ?? null,
      failureMessage: result.failureMessage ?? null,
      pagesSent: result.pagesSent,
      endedAt: result.endedAt,
    },
  });
}
