import { Prisma, ulid } from '@mintfax/db';
import { webhookJobId, type WebhookAttemptJob } from '@mintfax/queue';
import { toEventObject } from './event-object';
import { StatementBatch } from './statement-batch';
import { recordAttempts, startAttempts, type AttemptAnswer, type AttemptStart, type AttemptToStart } from './webhook-attempt-statements';
import { settleWebhookDelivery } from './webhook-deliveries';
import { isSuccess, postWebhook } from './webhook-post';
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

/**
 * Makes webhook attempts and logs them. The attempts running at the same time share their
 * statements: their starts go to Postgres as one statement, and so do their records.
 */
export class WebhookAttempts {
  private readonly starts: StatementBatch<AttemptToStart, AttemptStart>;
  private readonly records: StatementBatch<AttemptAnswer, undefined>;

  constructor(
    private readonly db: Db,
    private readonly settings: AttemptSettings,
  ) {
    this.starts = new StatementBatch<AttemptToStart, AttemptStart>((attempts) => startAttempts(db, attempts), webhookJobId);
    this.records = new StatementBatch(
      async (answers) => {
        await recordAttempts(db, answers);
        return answers.map(() => undefined);
      },
      ({ job }) => `${job.eventId}-${job.endpointId}`,
    );
  }

  /**
   * Makes attempt `job.attempt` of one delivery and logs it: the row is written (pending) before the
   * request and completed after, so an attempt cut short by a crash shows, and its re-run reuses it.
   * The endpoint's answer, and what the delivery still owes after it, commit together; a failure of
   * ours (Postgres or Redis away) throws before that and leaves the attempt owed as it was, so only
   * the endpoint's answers move a delivery along its retry schedule.
   */
  async deliver(job: WebhookAttemptJob): Promise<AttemptOutcome> {
    return this.make(job, await this.starts.call(toStart(job)));
  }

  /** Starts `jobs` in one statement (a claim's first attempts), each one's start to be made with `make`. */
  start(jobs: WebhookAttemptJob[]): Promise<AttemptStart[]> {
    return startAttempts(this.db, jobs.map(toStart));
  }

  /** Makes attempt `job.attempt` from its start (see `deliver`); `answered` is told when the endpoint has answered, before the record. */
  async make(job: WebhookAttemptJob, start: AttemptStart, answered?: () => void): Promise<AttemptOutcome> {
    // A delivery's record goes with its endpoint or event (ON DELETE CASCADE): nothing is owed.
    if (start.url === null) return { kind: 'skipped', reason: 'endpoint_gone' };
    if (start.event_id === null) return { kind: 'skipped', reason: 'event_gone' };
    // The job ran again after its answer was recorded (its worker died before completing it).
    if (start.logged !== null && start.logged !== 'pending') return { kind: 'skipped', reason: 'already_made' };
    if (!start.enabled) {
      await settleWebhookDelivery(this.db, job);
      return { kind: 'skipped', reason: 'endpoint_disabled' };
    }
    // Recorded by another run of the job between this one's read and its write.
    if (start.attempt_id === null) return { kind: 'skipped', reason: 'already_made' };

    const event = { id: start.event_id, type: start.type, createdAt: start.created_at, environmentId: start.environment_id, data: start.data as Prisma.JsonValue };
    const body = JSON.stringify(toEventObject(event));
    const now = new Date();
    const secrets = activeSecrets({ secret: start.secret, previousSecret: start.previous_secret, previousSecretExpiresAt: start.previous_secret_expires_at }, now);
    const response = await postWebhook(start.url, body, signedWebhookHeaders(secrets, event.id, now, body), this.settings.policy, this.settings.timeoutMs);
    answered?.();

    const succeeded = isSuccess(response);
    const delayMs = succeeded ? null : webhookRetryDelayMs(job.attempt, this.settings.retryScale);
    await this.records.call({ job, attemptId: start.attempt_id, response, nextRetryAt: delayMs === null ? null : new Date(Date.now() + delayMs) });
    if (succeeded) return { kind: 'succeeded' };
    return delayMs === null ? { kind: 'failed' } : { kind: 'retry', delayMs };
  }
}

/** An attempt to start, with the id its log row takes if it has none yet. */
function toStart(job: WebhookAttemptJob): AttemptToStart {
  return { ...job, newId: `wa_${ulid()}` };
}
