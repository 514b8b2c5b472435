import { Prisma, queryRows } from '@mintfax/db';
import type { WebhookAttemptJob } from '@mintfax/queue';
import { oweFirstAttemptsSql } from './webhook-deliveries';

/** Events claimed per statement: enough to amortise the round trip, few enough to hold locks briefly. */
export const RELAY_BATCH = 100;

/**
 * Claims the oldest undispatched events and records the first attempt of each (event, subscribed
 * enabled endpoint of its environment) as an owed delivery, marking the events dispatched, in one
 * statement (or inside the caller's transaction when `db` is one). Returns how many events were
 * claimed and the first attempts, which the claiming dispatcher makes once this commits, within
 * FIRST_ATTEMPT_LEASE_MS: one it never makes (a crash, Redis away when handing it on) is still
 * owed in Postgres, and the dispatchers' sweep enqueues it when the lease ends. `SKIP LOCKED` lets
 * several dispatchers share the outbox.
 */
export async function relayOutbox(db: Prisma.TransactionClient, limit = RELAY_BATCH): Promise<{ claimed: number; jobs: WebhookAttemptJob[] }> {
  const rows = await queryRows<{ event_id: string; endpoint_id: string | null }>(
    db,
    Prisma.sql`
      WITH claimed AS (
        SELECT id, seq, environment_id, type FROM events
         WHERE dispatched_at IS NULL
         ORDER BY seq
         LIMIT ${limit}::int
         FOR UPDATE SKIP LOCKED
      ), marked AS (
        UPDATE events SET dispatched_at = now() FROM claimed WHERE events.id = claimed.id AND events.dispatched_at IS NULL
      ), fanned AS (
        SELECT claimed.id AS event_id, endpoint.id AS endpoint_id, endpoint.created_at
          FROM claimed JOIN webhook_endpoints endpoint
            ON endpoint.environment_id = claimed.environment_id AND endpoint.enabled
           AND ('*' = ANY(endpoint.events) OR claimed.type = ANY(endpoint.events))
      ), owed AS (${oweFirstAttemptsSql(Prisma.sql`fanned`)})
      SELECT claimed.id AS event_id, fanned.endpoint_id
        FROM claimed LEFT JOIN fanned ON fanned.event_id = claimed.id
       ORDER BY claimed.seq, fanned.created_at, fanned.endpoint_id`,
  );
  // In outbox order, so the first attempts of an environment's events are made oldest first.
  const jobs = rows.flatMap(({ event_id, endpoint_id }) => (endpoint_id ? [{ eventId: event_id, endpointId: endpoint_id, attempt: 1 }] : []));
  return { claimed: new Set(rows.map((row) => row.event_id)).size, jobs };
}
