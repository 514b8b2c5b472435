import type { Prisma } from '@mintfax/db';
import type { WebhookAttemptJob } from '@mintfax/queue';
import { oweWebhookDeliveries } from './webhook-deliveries';

/** Events claimed per transaction: enough to amortise the commit, few enough to hold locks briefly. */
export const RELAY_BATCH = 100;

/** Whether an endpoint subscribed to `events` wants an event of `type`. */
function subscribesTo(events: readonly string[], type: string): boolean {
  return events.includes('*') || events.includes(type);
}

/**
 * Claims the oldest undispatched events and records, in `tx`, the first attempt of each (event,
 * subscribed enabled endpoint of its environment) as an owed delivery, marking the events
 * dispatched. Returns how many events were claimed and the first attempts to enqueue once `tx`
 * commits: a job lost on the way (Redis away, a crash before the enqueue) is still owed in Postgres,
 * and the dispatcher's sweep enqueues it again. `SKIP LOCKED` lets several dispatchers share the outbox.
 */
export async function relayOutbox(tx: Prisma.TransactionClient, limit = RELAY_BATCH): Promise<{ claimed: number; jobs: WebhookAttemptJob[] }> {
  const events = await tx.$queryRaw<{ id: string; environment_id: string; type: string }[]>`
    SELECT id, environment_id, type FROM events
     WHERE dispatched_at IS NULL
     ORDER BY seq
     LIMIT ${limit}
     FOR UPDATE SKIP LOCKED`;
  if (events.length === 0) return { claimed: 0, jobs: [] };

  const environmentIds = [...new Set(events.map((event) => event.environment_id))];
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { environmentId: { in: environmentIds }, enabled: true },
    select: { id: true, environmentId: true, events: true },
    orderBy: { createdAt: 'asc' },
  });
  // In outbox order, so the first attempts of an environment's events queue up oldest first.
  const jobs = events.flatMap((event) =>
    endpoints
      .filter((endpoint) => endpoint.environmentId === event.environment_id && subscribesTo(endpoint.events, event.type))
      .map((endpoint) => ({ eventId: event.id, endpointId: endpoint.id, attempt: 1 })),
  );
  await oweWebhookDeliveries(tx, jobs, new Date());

  const ids = events.map((event) => event.id);
  await tx.$executeRaw`UPDATE events SET dispatched_at = now() WHERE id = ANY(${ids}::text[]) AND dispatched_at IS NULL`;
  return { claimed: events.length, jobs };
}
