import type { Prisma } from '@mintfax/db';
import type { WebhookAttemptJob } from '@mintfax/queue';

/** Events claimed per transaction: enough to amortise the commit, few enough to hold locks briefly. */
export const RELAY_BATCH = 100;

/** Whether an endpoint subscribed to `events` wants an event of `type`. */
function subscribesTo(events: readonly string[], type: string): boolean {
  return events.includes('*') || events.includes(type);
}

/**
 * Claims the oldest undispatched events, hands the first attempt of each (event, subscribed enabled
 * endpoint of its environment) to `enqueue`, then marks them dispatched, all in `tx`.
 *
 * Crash safety: the jobs are enqueued before the mark commits, with ids derived from (event,
 * endpoint, attempt). A crash before the commit leaves the events undispatched; the next claim
 * enqueues the same ids again and BullMQ drops the duplicates. A crash after it lost nothing: the
 * jobs were already in Redis. `SKIP LOCKED` lets several dispatchers share the outbox.
 * Returns how many events were claimed.
 */
export async function relayOutbox(
  tx: Prisma.TransactionClient,
  enqueue: (jobs: WebhookAttemptJob[]) => Promise<void>,
  limit = RELAY_BATCH,
): Promise<number> {
  const events = await tx.$queryRaw<{ id: string; environment_id: string; type: string }[]>`
    SELECT id, environment_id, type FROM events
     WHERE dispatched_at IS NULL
     ORDER BY seq
     LIMIT ${limit}
     FOR UPDATE SKIP LOCKED`;
  if (events.length === 0) return 0;

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
  if (jobs.length > 0) await enqueue(jobs);

  const ids = events.map((event) => event.id);
  await tx.$executeRaw`UPDATE events SET dispatched_at = now() WHERE id = ANY(${ids}::text[]) AND dispatched_at IS NULL`;
  return events.length;
}
