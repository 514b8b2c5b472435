import type { Logger } from '@mintfax/platform';
import type { WebhookAttemptJob, WebhookDeliveryQueue } from '@mintfax/queue';

/** The fields naming an attempt in the log. */
export const describeAttempt = (job: WebhookAttemptJob) => ({ event_id: job.eventId, endpoint_id: job.endpointId, attempt: job.attempt });

/** The next attempt is owed in Postgres already: if Redis does not take its job now, the sweep adds it when due. */
export async function scheduleNextAttempt(deliveries: WebhookDeliveryQueue, logger: Logger, next: WebhookAttemptJob, delayMs: number): Promise<void> {
  try {
    await deliveries.addLater(next, delayMs);
  } catch (error) {
    logger.warn({ ...describeAttempt(next), err: (error as Error).message }, 'retry not enqueued; the delivery sweep will enqueue it');
  }
}
