import type { PrismaClient } from '@mintfax/db';
import type { WebhookAttemptJob } from '@mintfax/queue';
import { ulid } from 'ulid';
import { toEventObject } from './event-object';
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
  /** Nothing sent: the endpoint is disabled or gone, or the event is gone. */
  | { kind: 'skipped'; reason: 'endpoint_disabled' | 'endpoint_gone' | 'event_gone' };

/**
 * Makes attempt `job.attempt` of one delivery and logs it: the row is written (pending) before the
 * request and completed after, so an attempt cut short by a crash shows, and its re-run reuses it.
 */
export async function deliverWebhookAttempt(prisma: PrismaClient, job: WebhookAttemptJob, settings: AttemptSettings): Promise<AttemptOutcome> {
  const [endpoint, event] = await Promise.all([
    prisma.webhookEndpoint.findUnique({ where: { id: job.endpointId } }),
    prisma.event.findUnique({ where: { id: job.eventId } }),
  ]);
  if (!endpoint) return { kind: 'skipped', reason: 'endpoint_gone' };
  if (!event) return { kind: 'skipped', reason: 'event_gone' };
  if (!endpoint.enabled) return { kind: 'skipped', reason: 'endpoint_disabled' };

  const key = { endpointId: endpoint.id, eventId: event.id, attemptNumber: job.attempt };
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
  await prisma.webhookAttempt.update({
    where: { id: row.id },
    data: {
      status: succeeded ? 'succeeded' : 'failed',
      responseStatus: response.status,
      responseBody: response.body,
      error: response.error ?? (succeeded ? null : `HTTP ${response.status}`),
      durationMs: response.durationMs,
      nextRetryAt: delayMs === null ? null : new Date(Date.now() + delayMs),
      completedAt: new Date(),
    },
  });
  if (succeeded) return { kind: 'succeeded' };
  return delayMs === null ? { kind: 'failed' } : { kind: 'retry', delayMs };
}
