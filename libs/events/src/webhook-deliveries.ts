import { Prisma, queryRows } from '@mintfax/db';
import type { WebhookAttemptJob } from '@mintfax/queue';

type Db = Prisma.TransactionClient;

/**
 * Postgres is the record of every delivery owed (docs/architecture.md "Webhook deliveries"); the
 * queue only moves them. Records the first attempts of the deliveries in `fanned` (its `event_id`,
 * `endpoint_id`) as owed now, for a data-modifying CTE; one already owed is left as it is.
 */
export function oweFirstAttemptsSql(fanned: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO webhook_deliveries (event_id, endpoint_id, next_attempt, due_at)
    SELECT event_id, endpoint_id, 1, now() FROM ${fanned} ON CONFLICT DO NOTHING`;
}

/**
 * What the deliveries owe after the attempts in `recorded` (`event_id`, `endpoint_id`,
 * `attempt_number`, `next_retry_at`), for a data-modifying CTE: the attempt after each one with a
 * next retry, owed then. At most one row of `recorded` per delivery.
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
    DELETE FROM webhook_deliveries owed USING ${recorded} attempt
     WHERE attempt.next_retry_at IS NULL AND owed.event_id = attempt.event_id AND owed.endpoint_id = attempt.endpoint_id
       AND owed.next_attempt <= attempt.attempt_number`;
}

/** Owes attempt `job.attempt` of the delivery at `dueAt`: a manual retry. */
export async function oweWebhookAttempt(db: Db, job: WebhookAttemptJob, dueAt: Date): Promise<void> {
  await db.$executeRaw`
    INSERT INTO webhook_deliveries (event_id, endpoint_id, next_attempt, due_at)
    VALUES (${job.eventId}, ${job.endpointId}, ${job.attempt}::int, ${dueAt}::timestamptz)
    ON CONFLICT (event_id, endpoint_id) DO UPDATE SET next_attempt = excluded.next_attempt, due_at = excluded.due_at`;
}

/** Owes nothing more after attempt `job.attempt` (its endpoint is disabled); a later attempt owed meanwhile stays. */
export async function settleWebhookDelivery(db: Db, job: WebhookAttemptJob): Promise<void> {
  await db.$executeRaw`
    DELETE FROM webhook_deliveries WHERE event_id = ${job.eventId} AND endpoint_id = ${job.endpointId} AND next_attempt <= ${job.attempt}::int`;
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
