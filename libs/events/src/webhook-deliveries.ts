import { Prisma, queryRows } from '@mintfax/db';
import type { WebhookAttemptJob } from '@mintfax/queue';

type Db = Prisma.TransactionClient;

/**
 * How long a dispatcher holds the first attempts it claims: their deliveries are owed from the
 * claim but due only when this runs out, so the sweep (which enqueues overdue deliveries without a
 * job) never takes one that is being made. A dispatcher that dies holding them leaves them due then.
 */
export const FIRST_ATTEMPT_LEASE_MS = 30_000;

/**
 * Postgres is the record of every delivery owed (docs/architecture.md "Webhook deliveries"); the
 * dispatcher that claims them makes the first attempts, the queue the rest. Records the first
 * attempts of the deliveries in `fanned` (its `event_id`, `endpoint_id`) as owed, due when the
 * claiming dispatcher's lease ends, for a data-modifying CTE; one already owed is left as it is.
 */
export function oweFirstAttemptsSql(fanned: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO webhook_deliveries (event_id, endpoint_id, next_attempt, due_at)
    SELECT event_id, endpoint_id, 1, now() + ${FIRST_ATTEMPT_LEASE_MS}::int * interval '1 millisecond' FROM ${fanned} ON CONFLICT DO NOTHING`;
}

/**
 * What the deliveries owe after the attempts in `recorded` (a relation named `recorded`: the CTE of
 * that name, or rows aliased so, with `event_id`, `endpoint_id`, `attempt_number`, `next_retry_at`):
 * the attempt after each one with a next retry, owed then. At most one row of `recorded` per delivery.
 */
export function oweNextAttemptsSql(recorded: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO webhook_deliveries (event_id, endpoint_id, next_attempt, due_at)
    SELECT event_id, endpoint_id, attempt_number + 1, next_retry_at FROM ${recorded} WHERE next_retry_at IS NOT NULL
    ON CONFLICT (event_id, endpoint_id) DO UPDATE SET next_attempt = excluded.next_attempt, due_at = excluded.due_at`;
}

/** Beside oweNextAttemptsSql: nothing more after an attempt of `recorded` without a next retry; a later attempt owed meanwhile (a manual retry) stays. */
export function settleAttemptsSql(recorded: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    DELETE FROM webhook_deliveries owed USING ${recorded}
     WHERE recorded.next_retry_at IS NULL AND owed.event_id = recorded.event_id AND owed.endpoint_id = recorded.endpoint_id
       AND owed.next_attempt <= recorded.attempt_number`;
}

/** One attempt of one delivery as the rows oweNextAttemptsSql and settleAttemptsSql read. */
function oneRecorded(job: WebhookAttemptJob, attemptNumber: number, nextRetryAt: Date | null): Prisma.Sql {
  return Prisma.sql`(VALUES (${job.eventId}::text, ${job.endpointId}::text, ${attemptNumber}::int, ${nextRetryAt}::timestamptz))
    AS recorded(event_id, endpoint_id, attempt_number, next_retry_at)`;
}

/** Owes attempt `job.attempt` of the delivery at `dueAt`: a manual retry. */
export async function oweWebhookAttempt(db: Db, job: WebhookAttemptJob, dueAt: Date): Promise<void> {
  await db.$executeRaw(oweNextAttemptsSql(oneRecorded(job, job.attempt - 1, dueAt)));
}

/** Owes nothing more after attempt `job.attempt` (its endpoint is disabled); a later attempt owed meanwhile stays. */
export async function settleWebhookDelivery(db: Db, job: WebhookAttemptJob): Promise<void> {
  await db.$executeRaw(settleAttemptsSql(oneRecorded(job, job.attempt, null)));
}

/** Ends the lease on first attempts a dispatcher claimed and will not make (it is stopping): due now. */
export async function releaseFirstAttempts(db: Db, jobs: WebhookAttemptJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await db.$executeRaw`
    UPDATE webhook_deliveries owed SET due_at = now()
      FROM unnest(${jobs.map((job) => job.eventId)}::text[], ${jobs.map((job) => job.endpointId)}::text[]) AS job(event_id, endpoint_id)
     WHERE owed.event_id = job.event_id AND owed.endpoint_id = job.endpoint_id AND owed.next_attempt = 1 AND owed.due_at > now()`;
}

/**
 * First attempts as an autoscaler counts work: `waiting`, events in the outbox no dispatcher has
 * claimed yet; `active`, first attempts claimed and not yet answered (their lease still runs).
 */
export async function firstAttemptDepth(db: Db): Promise<{ waiting: number; active: number }> {
  const [row] = await queryRows<{ waiting: number; active: number }>(
    db,
    Prisma.sql`
      SELECT (SELECT count(*) FROM events WHERE dispatched_at IS NULL)::int AS waiting,
             (SELECT count(*) FROM webhook_deliveries WHERE next_attempt = 1 AND due_at > now())::int AS active`,
  );
  return row;
}

/** Those of `jobs` whose delivery still owes exactly that attempt (read again by the sweep after Redis said it has no job). */
export async function stillOwedWebhookAttempts(db: Db, jobs: WebhookAttemptJob[]): Promise<WebhookAttemptJob[]> {
  if (jobs.length === 0) return [];
  const rows = await queryRows<{ event_id: string; endpoint_id: string; next_attempt: number }>(
    db,
    Prisma.sql`
      SELECT owed.event_id, owed.endpoint_id, owed.next_attempt FROM webhook_deliveries owed
        JOIN unnest(${jobs.map((job) => job.eventId)}::text[], ${jobs.map((job) => job.endpointId)}::text[], ${jobs.map((job) => job.attempt)}::int[])
          AS job(event_id, endpoint_id, attempt)
          ON owed.event_id = job.event_id AND owed.endpoint_id = job.endpoint_id AND owed.next_attempt = job.attempt`,
  );
  return rows.map(({ event_id, endpoint_id, next_attempt }) => ({ eventId: event_id, endpointId: endpoint_id, attempt: next_attempt }));
}

/** Owed deliveries due before `before`, oldest first: the sweep makes sure each has its job. */
export async function overdueWebhookDeliveries(db: Db, before: Date, limit: number): Promise<WebhookAttemptJob[]> {
  const rows = await db.webhookDelivery.findMany({
    where: { dueAt: { lt: before } },
    orderBy: { dueAt: 'asc' },
    take: limit,
    select: { eventId: true, endpointId: true, nextAttempt: true },
  });
  return rows.map(({ eventId, endpointId, nextAttempt }) => ({ eventId, endpointId, attempt: nextAttempt }));
}
