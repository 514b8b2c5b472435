import { Prisma, queryRows, ulid, type WebhookAttemptStatus } from '@mintfax/db';
import type { WebhookAttemptJob } from '@mintfax/queue';
import { toEventObject } from './event-object';
import { oweWebhookAttemptSql, settleWebhookDelivery, settleWebhookDeliverySql } from './webhook-deliveries';
import { isSuccess, postWebhook, type WebhookResponse } from './webhook-post';
import { webhookRetryDelayMs } from './webhook-retry-schedule';
import { activeSecrets, signedWebhookHeaders } from './webhook-signing';
import type { WebhookUrlPolicy } from './webhook-url-policy';

type Db = Prisma.TransactionClient;

export interface AttemptSettings {
  policy: WebhookUrlPolicy;
  /** Shrinks the retry schedule (tests); 1 in production. */
  retryScale: number;
  timeoutMs?: number;
}

export type AttemptOutcome =
  | { kind: 'succeeded' }
  /** Failed; the next attempt is due after `delayMs`. */
  | { kind: 'retry'; delayMs: number }
  /** Failed and the schedule is spent (or this was a manual retry past it). */
  | { kind: 'failed' }
  /** Nothing sent: the endpoint is disabled or gone, the event is gone, or this attempt was made already. */
  | { kind: 'skipped'; reason: 'endpoint_disabled' | 'endpoint_gone' | 'event_gone' | 'already_made' };

/** What an attempt starts from: its endpoint, its event, and its log row (null when any is missing). */
interface AttemptStart {
  url: string | null;
  enabled: boolean | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  event_id: string | null;
  type: string;
  created_at: Date;
  environment_id: string;
  data: unknown;
  /** The log row's status before this run; null when none was logged. */
  logged: WebhookAttemptStatus | null;
  /** The log row this run completes; null when nothing is to be sent. */
  attempt_id: string | null;
}

/**
 * One statement: reads the endpoint and the event and, when the endpoint is enabled, the event there
 * and the attempt not made yet, logs the attempt as pending (a re-run after a crash reuses its row).
 */
function startAttempt(db: Db, job: WebhookAttemptJob): Promise<AttemptStart[]> {
  const { endpointId, eventId, attempt } = job;
  return queryRows<AttemptStart>(
    db,
    Prisma.sql`
      WITH endpoint AS (
        SELECT url, enabled, secret, previous_secret, previous_secret_expires_at FROM webhook_endpoints WHERE id = ${endpointId}
      ), event AS (
        SELECT id, type, created_at, environment_id, data FROM events WHERE id = ${eventId}
      ), logged AS (
        SELECT status FROM webhook_attempts WHERE endpoint_id = ${endpointId} AND event_id = ${eventId} AND attempt_number = ${attempt}::int
      ), started AS (
        INSERT INTO webhook_attempts (id, endpoint_id, event_id, attempt_number)
        SELECT ${`wa_${ulid()}`}, ${endpointId}, ${eventId}, ${attempt}::int
         WHERE EXISTS (SELECT 1 FROM endpoint WHERE enabled) AND EXISTS (SELECT 1 FROM event)
           AND NOT EXISTS (SELECT 1 FROM logged WHERE status <> 'pending')
        ON CONFLICT (endpoint_id, event_id, attempt_number) DO UPDATE SET created_at = now() WHERE webhook_attempts.status = 'pending'
        RETURNING id
      )
      SELECT endpoint.*, event.id AS event_id, event.type, event.created_at, event.environment_id, event.data,
             (SELECT status FROM logged) AS logged, (SELECT id FROM started) AS attempt_id
        FROM (SELECT 1) AS one LEFT JOIN endpoint ON true LEFT JOIN event ON true`,
  );
}

/** One statement: the endpoint's answer in the log, and what the delivery still owes after it. */
async function recordAttempt(db: Db, job: WebhookAttemptJob, attemptId: string, response: WebhookResponse, nextRetryAt: Date | null): Promise<void> {
  const succeeded = isSuccess(response);
  const owes = nextRetryAt ? oweWebhookAttemptSql({ ...job, attempt: job.attempt + 1 }, nextRetryAt) : settleWebhookDeliverySql(job);
  await queryRows(
    db,
    Prisma.sql`
      WITH completed AS (
        UPDATE webhook_attempts
           SET status = ${succeeded ? 'succeeded' : 'failed'}::webhook_attempt_status, response_status = ${response.status}::int,
               response_body = ${response.body}, error = ${response.error ?? (succeeded ? null : `HTTP ${response.status}`)},
               duration_ms = ${response.durationMs}::int, next_retry_at = ${nextRetryAt}::timestamptz, completed_at = now()
         WHERE id = ${attemptId}
      )
      ${owes}`,
  );
}

/**
 * Makes attempt `job.attempt` of one delivery and logs it: the row is written (pending) before the
 * request and completed after, so an attempt cut short by a crash shows, and its re-run reuses it.
 * The endpoint's answer, and what the delivery still owes after it, commit together; a failure of
 * ours (Postgres or Redis away) throws before that and leaves the attempt owed as it was, so only
 * the endpoint's answers move a delivery along its retry schedule.
 */
export async function deliverWebhookAttempt(db: Db, job: WebhookAttemptJob, settings: AttemptSettings): Promise<AttemptOutcome> {
  const [start] = await startAttempt(db, job);
  // A delivery's record goes with its endpoint or event (ON DELETE CASCADE): nothing is owed.
  if (start.url === null) return { kind: 'skipped', reason: 'endpoint_gone' };
  if (start.event_id === null) return { kind: 'skipped', reason: 'event_gone' };
  // The job ran again after its answer was recorded (its worker died before completing it).
  if (start.logged !== null && start.logged !== 'pending') return { kind: 'skipped', reason: 'already_made' };
  if (!start.enabled) {
    await settleWebhookDelivery(db, job);
    return { kind: 'skipped', reason: 'endpoint_disabled' };
  }
  // Recorded by another run of the job between this one's read and its write.
  if (start.attempt_id === null) return { kind: 'skipped', reason: 'already_made' };

  const event = { id: start.event_id, type: start.type, createdAt: start.created_at, environmentId: start.environment_id, data: start.data as Prisma.JsonValue };
  const body = JSON.stringify(toEventObject(event));
  const now = new Date();
  const secrets = activeSecrets({ secret: start.secret, previousSecret: start.previous_secret, previousSecretExpiresAt: start.previous_secret_expires_at }, now);
  const response = await postWebhook(start.url, body, signedWebhookHeaders(secrets, event.id, now, body), settings.policy, settings.timeoutMs);

  const succeeded = isSuccess(response);
  const delayMs = succeeded ? null : webhookRetryDelayMs(job.attempt, settings.retryScale);
  await recordAttempt(db, job, start.attempt_id, response, delayMs === null ? null : new Date(Date.now() + delayMs));
  if (succeeded) return { kind: 'succeeded' };
  return delayMs === null ? { kind: 'failed' } : { kind: 'retry', delayMs };
}
