import { Prisma, queryRows, type Fax, type FaxStatus, ulid } from '@mintfax/db';
import { insertFaxEventSql, writeEvent, type EventType } from '@mintfax/events';
import { release, settlementCtes } from '@mintfax/ledger';
import { toFaxObject } from './fax-object';
import { FAILURE_MESSAGES, isRetryable, type FailureCode } from './fax-status';

// The fax state machine: queued → submitted → in_progress → delivered | failed, with failed
// attempts going back to queued while attempts remain. Each transition is ONE statement: a
// conditional update on the row the caller read, its event and, when terminal, the hold's
// settlement, so a job that runs twice cannot move a fax (or its money) twice.

type Tx = Prisma.TransactionClient;
const ACTIVE: FaxStatus[] = ['submitted', 'in_progress'];

async function emit(tx: Tx, fax: Fax, type: EventType): Promise<void> {
  await writeEvent(tx, { accountId: fax.accountId, environmentId: fax.environmentId, type, faxId: fax.id, object: toFaxObject(fax) });
}

/** The event of a transition, written by its statement from the `moved` CTE, carrying the row computed here. */
function faxEvent(fax: Fax, type: EventType, now: Date): Prisma.Sql {
  return insertFaxEventSql(Prisma.sql`moved`, { accountId: fax.accountId, environmentId: fax.environmentId, type, object: toFaxObject(fax), createdAt: now });
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
  const rows = await queryRows<{ id: string }>(db, Prisma.sql`
    WITH moved AS (
      UPDATE faxes SET status = ${fax.status}::fax_status, attempts = ${fax.attempts}::int,
                       next_attempt_at = ${fax.nextAttemptAt}::timestamptz, updated_at = ${now}::timestamptz
      WHERE id = ${current.id} AND status = ${current.status}::fax_status AND updated_at = ${current.updatedAt}::timestamptz
      RETURNING id
    ), attempt AS (
      INSERT INTO fax_attempts (fax_id, number, started_at)
      SELECT id, ${fax.attempts}::int, ${now}::timestamptz FROM moved WHERE ${opensAttempt}::boolean
    ), event AS (${faxEvent(fax, type, now)})
    SELECT id FROM moved`);
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

type AttemptEnd = { outcome: 'delivered' | 'failed'; failureCode: string | null; failureMessage: string | null; pagesSent: number };

/**
 * Ends the current attempt as ONE statement: the fax moves (guarded by the status and updated_at
 * the caller read, so the event can carry the row computed here), the attempt row closes, the
 * event is written and, when the fax is done, its hold is settled through the ledger's CTEs.
 */
async function finish(
  db: Tx,
  current: Fax,
  next: Pick<Fax, 'status' | 'nextAttemptAt' | 'charged' | 'completedAt' | 'failureCode' | 'failureMessage'>,
  type: EventType,
  attempt: AttemptEnd,
  settlement: { kind: 'capture'; charged: bigint } | { kind: 'release' } | null,
): Promise<Fax | null> {
  const now = new Date();
  const fax: Fax = { ...current, ...next, updatedAt: now };
  const settle = settlement
    ? Prisma.sql`, ${settlementCtes({ entryId: `txn_${ulid()}`, holdId: Prisma.sql`(SELECT hold_id FROM moved)`, ...settlement })}`
    : Prisma.empty;
  const rows = await queryRows<{ id: string }>(db, Prisma.sql`
    WITH moved AS (
      UPDATE faxes SET status = ${fax.status}::fax_status, next_attempt_at = ${fax.nextAttemptAt}::timestamptz,
                       charged = ${fax.charged}::bigint, completed_at = ${fax.completedAt}::timestamptz,
                       failure_code = ${fax.failureCode}::text, failure_message = ${fax.failureMessage}::text,
                       updated_at = ${now}::timestamptz
      WHERE id = ${current.id} AND status = ${current.status}::fax_status AND updated_at = ${current.updatedAt}::timestamptz
      RETURNING id, hold_id
    ), ended AS (
      UPDATE fax_attempts SET outcome = ${attempt.outcome}, failure_code = ${attempt.failureCode}::text,
                              failure_message = ${attempt.failureMessage}::text, pages_sent = ${attempt.pagesSent}::int,
                              ended_at = ${now}::timestamptz
      WHERE fax_id IN (SELECT id FROM moved) AND number = ${fax.attempts}::int AND ended_at IS NULL
    ), event AS (${faxEvent(fax, type, now)})${settle}
    SELECT id FROM moved`);
  return rows.length === 1 ? fax : null;
}

/** → delivered, capturing what was sent from the hold in the same statement. */
export function markDelivered(db: Tx, current: Fax, pagesSent: number): Promise<Fax | null> {
  if (!ACTIVE.includes(current.status)) return Promise.resolve(null);
  const charged = BigInt(chargeFor(current, pagesSent));
  return finish(
    db,
    current,
    { status: 'delivered', nextAttemptAt: null, charged, completedAt: new Date(), failureCode: null, failureMessage: null },
    'fax.delivered',
    { outcome: 'delivered', failureCode: null, failureMessage: null, pagesSent },
    { kind: 'capture', charged },
  );
}

export type AttemptFailure = { code: FailureCode; message?: string; pagesSent?: number };

/**
 * An attempt failed: back to queued with `next_attempt_at` while the code is retryable and
 * attempts remain (`fax.retry_scheduled`), else failed for good with the hold released.
 */
export async function markAttemptFailed(
  db: Tx,
  current: Fax,
  failure: AttemptFailure,
  retryDelayMs: (attemptsDone: number) => number,
): Promise<{ fax: Fax; retryAt: Date | null } | null> {
  if (!ACTIVE.includes(current.status)) return null;
  const message = failure.message ?? FAILURE_MESSAGES[failure.code];
  const retry = isRetryable(failure.code) && current.attempts < current.maxAttempts;
  const retryAt = retry ? new Date(Date.now() + retryDelayMs(current.attempts)) : null;
  const fax = await finish(
    db,
    current,
    retry
      ? { status: 'queued', nextAttemptAt: retryAt, charged: null, completedAt: null, failureCode: failure.code, failureMessage: message }
      : { status: 'failed', nextAttemptAt: null, charged: 0n, completedAt: new Date(), failureCode: failure.code, failureMessage: message },
    retry ? 'fax.retry_scheduled' : 'fax.failed',
    { outcome: 'failed', failureCode: failure.code, failureMessage: message, pagesSent: failure.pagesSent ?? 0 },
    retry ? null : { kind: 'release' },
  );
  return fax ? { fax, retryAt } : null;
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
