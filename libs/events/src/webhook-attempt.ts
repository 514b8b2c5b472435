import type { PrismaClient } from '@mintfax/db';
import type { WebhookAttemptJob } from '@mintfax/queue';
import { ulid } from '@mintfax/db';
import { toEventObject } from './event-object';
import { oweWebhookAttempt, settleWebhookDelivery } from './webhook-deliveries';
import { isSuccess, postWebhook } from './webhook-post';
import { webhookRetryDelayMs } from './webhook-retry-schedule';
import { activeSecrets, signedWebhookHeaders } from './webhook-signing';
import type { WebhookUrlPolicy } from './webhook-url-policy';

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
 * Makes attempt `job.attempt` of one delivery and logs it: the row is written (pending) before the
 * request and completed after, so an attempt cut short by a crash shows, and its re-run reuses it.
 * The endpoint's answer, and what the delivery still owes after it, commit together; a failure of
 * ours (Postgres or Redis away) throws before that and leaves the attempt owed as it was, so only
 * the endpoint's answers move a delivery along its retry schedule.
 */
export async function deliverWebhookAttempt(prisma: PrismaClient, job: WebhookAttemptJob, settings: AttemptSettings): Promise<AttemptOutcome> {
  const key = { endpointId: job.endpointId, eventId: job.eventId, attemptNumber: job.attempt };
  const [endpoint, event, logged] = await Promise.all([
    prisma.webhookEndpoint.findUnique({ where: { id: job.endpointId } }),
    prisma.event.findUnique({ where: { id: job.eventId } }),
    prisma.webhookAttempt.findUnique({ where: { endpointId_eventId_attemptNumber: key }, select: { status: true } }),
  ]);
  // A delivery's record goes with its endpoint or event (ON DELETE CASCADE): nothing is owed.
  if (!endpoint) return { kind: 'skipped', reason: 'endpoint_gone' };
  if (!event) return { kind: 'skipped', reason: 'event_gone' };
  // The job ran again after its answer was recorded (its worker died before completing it).
  if (logged && logged.status !== 'pending') return { kind: 'skipped', reason: 'already_made' };
  if (!endpoint.enabled) {
    await settleWebhookDelivery(prisma, job);
    return { kind: 'skipped', reason: 'endpoint_disabled' };
  }

  const row = await prisma.webhookAttempt.upsert({
    where: { endpointId_eventId_attemptNumber: key },
    create: { id: `wa_${ulid()}`, ...key },
    update: { status: 'pending', createdAt: new Date() },
    select: { id: true },
  });

  const body = JSON.stringify(toEventObject(event));
  const now = new Date();
  const headers = signedWebhookHeaders(activeSecrets(endpoint, now), event.id, now, body);
  const response = await postWebhook(endpoint.url, body, headers, settings.policy, settings.timeoutMs);

  const succeeded = isSuccess(response);
  const delayMs = succeeded ? null : webhookRetryDelayMs(job.attempt, settings.retryScale);
  const nextRetryAt = delayMs === null ? null : new Date(Date.now() + delayMs);
  await prisma.$transaction(async (tx) => {
    await tx.webhookAttempt.update({
      where: { id: row.id },
      data: {
        status: succeeded ? 'succeeded' : 'failed',
        responseStatus: response.status,
        responseBody: response.body,
        error: response.error ?? (succeeded ? null : `HTTP ${response.status}`),
        durationMs: response.durationMs,
        nextRetryAt,
        completedAt: new Date(),
      },
    });
    if (nextRetryAt) await oweWebhookAttempt(tx, { ...job, attempt: job.attempt + 1 }, nextRetryAt);
    else await settleWebhookDelivery(tx, job);
  });
  if (succeeded) return { kind: 'succeeded' };
  return delayMs === null ? { kind: 'failed' } : { kind: 'retry', delayMs };
}
