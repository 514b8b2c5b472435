import type { Prisma } from '@mintfax/db';
import type { WebhookAttemptJob } from '@mintfax/queue';

type Db = Prisma.TransactionClient;
type Delivery = Pick<WebhookAttemptJob, 'eventId' | 'endpointId'>;

/**
 * Postgres is the record of every delivery owed (docs/architecture.md "Webhook deliveries"); the
 * queue only moves them. Records first attempts as owed now; one already owed is left as it is.
 */
export async function oweWebhookDeliveries(db: Db, deliveries: Delivery[], now: Date): Promise<void> {
  if (deliveries.length === 0) return;
  await db.webhookDelivery.createMany({
    data: deliveries.map(({ eventId, endpointId }) => ({ eventId, endpointId, nextAttempt: 1, dueAt: now })),
    skipDuplicates: true,
  });
}

/** Attempt `job.attempt` of the delivery is owed at `dueAt`: the next after a failure, or a manual retry. */
export async function oweWebhookAttempt(db: Db, job: WebhookAttemptJob, dueAt: Date): Promise<void> {
  const id = { eventId: job.eventId, endpointId: job.endpointId };
  await db.webhookDelivery.upsert({
    where: { eventId_endpointId: id },
    create: { ...id, nextAttempt: job.attempt, dueAt },
    update: { nextAttempt: job.attempt, dueAt },
  });
}

/** Nothing more is owed after attempt `attempt`; a later attempt owed meanwhile (a manual retry) stays. */
export async function settleWebhookDelivery(db: Db, job: WebhookAttemptJob): Promise<void> {
  await db.webhookDelivery.deleteMany({ where: { eventId: job.eventId, endpointId: job.endpointId, nextAttempt: { lte: job.attempt } } });
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
