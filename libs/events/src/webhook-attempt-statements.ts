import { Prisma, queryRows, type WebhookAttemptStatus } from '@mintfax/db';
import type { WebhookAttemptJob } from '@mintfax/queue';
import { oweNextAttemptsSql, settleAttemptsSql } from './webhook-deliveries';
import { isSuccess, type WebhookResponse } from './webhook-post';

type Db = Prisma.TransactionClient;

/** An attempt about to be made, and the id its log row takes if it has none yet. */
export type AttemptToStart = WebhookAttemptJob & { newId: string };

/** What an attempt starts from: its endpoint, its event, and its log row (null when any is missing). */
export interface AttemptStart {
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

/** An endpoint's answer to attempt `job.attempt`, for its log row `attemptId`; a next retry when the schedule has one. */
export interface AttemptAnswer {
  job: WebhookAttemptJob;
  attemptId: string;
  response: WebhookResponse;
  nextRetryAt: Date | null;
}

/**
 * One statement for all `attempts` (at most one per attempt), one row each, in order: reads the
 * endpoint and the event and, when the endpoint is enabled, the event there and the attempt not
 * made yet, logs the attempt as pending (a re-run after a crash reuses its row).
 */
export function startAttempts(db: Db, attempts: AttemptToStart[]): Promise<AttemptStart[]> {
  return queryRows<AttemptStart>(
    db,
    Prisma.sql`
      WITH job AS (
        SELECT * FROM unnest(${attempts.map((a) => a.endpointId)}::text[], ${attempts.map((a) => a.eventId)}::text[],
                             ${attempts.map((a) => a.attempt)}::int[], ${attempts.map((a) => a.newId)}::text[])
          WITH ORDINALITY AS job(endpoint_id, event_id, attempt_number, new_id, n)
      ), found AS (
        SELECT job.*, endpoint.url, endpoint.enabled, endpoint.secret, endpoint.previous_secret, endpoint.previous_secret_expires_at,
               event.id AS found_event_id, event.type, event.created_at, event.environment_id, event.data, logged.status AS logged
          FROM job
          LEFT JOIN webhook_endpoints endpoint ON endpoint.id = job.endpoint_id
          LEFT JOIN events event ON event.id = job.event_id
          LEFT JOIN webhook_attempts logged
            ON logged.endpoint_id = job.endpoint_id AND logged.event_id = job.event_id AND logged.attempt_number = job.attempt_number
      ), started AS (
        INSERT INTO webhook_attempts (id, endpoint_id, event_id, attempt_number)
        SELECT new_id, endpoint_id, event_id, attempt_number FROM found
         WHERE enabled AND found_event_id IS NOT NULL AND (logged IS NULL OR logged = 'pending')
        ON CONFLICT (endpoint_id, event_id, attempt_number) DO UPDATE SET created_at = now() WHERE webhook_attempts.status = 'pending'
        RETURNING id, endpoint_id, event_id, attempt_number
      )
      SELECT found.url, found.enabled, found.secret, found.previous_secret, found.previous_secret_expires_at,
             found.found_event_id AS event_id, found.type, found.created_at, found.environment_id, found.data,
             found.logged, started.id AS attempt_id
        FROM found LEFT JOIN started USING (endpoint_id, event_id, attempt_number)
       ORDER BY found.n`,
  );
}

/**
 * One statement for all `answers` (at most one per delivery): each endpoint's answer in the log,
 * and what its delivery still owes after it, commit together.
 */
export async function recordAttempts(db: Db, answers: AttemptAnswer[]): Promise<void> {
  const column = <T>(pick: (answer: AttemptAnswer) => T) => answers.map(pick);
  await queryRows(
    db,
    Prisma.sql`
      WITH recorded AS (
        SELECT * FROM unnest(${column((a) => a.attemptId)}::text[], ${column((a) => (isSuccess(a.response) ? 'succeeded' : 'failed'))}::webhook_attempt_status[],
                             ${column((a) => a.response.status)}::int[], ${column((a) => a.response.body)}::text[], ${column(failureText)}::text[],
                             ${column((a) => a.response.durationMs)}::int[], ${column((a) => a.nextRetryAt)}::timestamptz[],
                             ${column((a) => a.job.eventId)}::text[], ${column((a) => a.job.endpointId)}::text[], ${column((a) => a.job.attempt)}::int[])
          AS recorded(id, status, response_status, response_body, error, duration_ms, next_retry_at, event_id, endpoint_id, attempt_number)
      ), completed AS (
        UPDATE webhook_attempts
           SET status = recorded.status, response_status = recorded.response_status, response_body = recorded.response_body,
               error = recorded.error, duration_ms = recorded.duration_ms, next_retry_at = recorded.next_retry_at, completed_at = now()
          FROM recorded WHERE webhook_attempts.id = recorded.id
      ), owed AS (${oweNextAttemptsSql(Prisma.sql`recorded`)}
      ), settled AS (${settleAttemptsSql(Prisma.sql`recorded`)})
      SELECT 1`,
  );
}

/** The error logged with a failure: what went wrong, or the status that was not 2xx. */
function failureText({ response }: AttemptAnswer): string | null {
  return response.error ?? (isSuccess(response) ? null : `HTTP ${response.status}`);
}
