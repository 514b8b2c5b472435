import { Prisma } from '@mintfax/db';
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

/** The statement owing attempt `job.attempt` of the delivery at `dueAt`: the next after a failure, or a manual retry. */
export function oweWebhookAttemptSql(job: WebhookAttemptJob, dueAt: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO webhook_deliveries (event_id, endpoint_id, next_attempt, due_at)
    VALUES (${job.eventId}, ${job.endpointId}, ${job.attempt}::int, ${dueAt}::timestamptz)
    ON CONFLICT (event_id, endpoint_id) DO UPDATE SET next_attempt = excluded.next_attempt, due_at = excluded.due_at`;
}

/** The statement owing nothing more after attempt `job.attempt`; a later attempt owed meanwhile (a manual retry) stays. */
export function settleWebhookDeliverySql(job: WebhookAttemptJob): Prisma.Sql {
  return Prisma.sql`
    DELETE FROM webhook_deliveries WHERE event_id = ${job.eventId} AND endpoint_id = ${job.endpointId} AND next_attempt <= ${job.attempt}::int`;
}

export async function oweWebhookAttempt(db: Db, job: WebhookAttemptJob, dueAt: Date): Promise<void> {
  await db.$executeRaw(oweWebhookAttemptSql(job, dueAt));
}

export async function settleWebhookDelivery(db: Db, job: WebhookAttemptJob): Promise<void> {
  await db.$executeRaw(settleWebhookDeliverySql(job));
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
