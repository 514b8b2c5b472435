import type { WebhookEndpoint } from '@mintfax/db';
import { ulid } from '@mintfax/db';
import type { EventObject } from './event-object';
import { isSuccess, postWebhook } from './webhook-post';
import { activeSecrets, signedWebhookHeaders } from './webhook-signing';
import type { WebhookUrlPolicy } from './webhook-url-policy';

/** What a test delivery got back; nothing of it is stored. */
export interface WebhookTestObject {
  object: 'webhook_test';
  event_id: string;
  type: 'fax.delivered';
  succeeded: boolean;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number;
}

/**
 * A `fax.delivered` event of a made-up fax, shaped and signed exactly like a real delivery, so a
 * receiver can be checked end to end. Its ids start `evt_test_` / `fax_test_` and its metadata says
 * `mintfax_test: "true"`; it is neither stored nor retried, as no change happened.
 */
export function testWebhookEvent(environmentId: string, now: Date): EventObject {
  const id = ulid();
  const at = now.toISOString();
  return {
    id: `evt_test_${id}`,
    object: 'event',
    type: 'fax.delivered',
    created_at: at,
    environment_id: environmentId,
    data: {
      object: {
        id: `fax_test_${id}`,
        object: 'fax',
        environment_id: environmentId,
        to: '+15005550001',
        from: null,
        status: 'delivered',
        pages: 1,
        cost: 1,
        charged: 1,
        attempts: 1,
        max_attempts: 3,
        failure_code: null,
        failure_message: null,
        next_attempt_at: null,
        document: { content_type: 'application/pdf', size_bytes: 1024, sha256: '0'.repeat(64), purged_at: null },
        metadata: { mintfax_test: 'true' },
        resend_of: null,
        created_at: at,
        updated_at: at,
        completed_at: at,
      },
    },
  };
}

export async function sendTestWebhook(endpoint: WebhookEndpoint, policy: WebhookUrlPolicy, now = new Date()): Promise<WebhookTestObject> {
  const event = testWebhookEvent(endpoint.environmentId, now);
  const body = JSON.stringify(event);
  const response = await postWebhook(endpoint.url, body, signedWebhookHeaders(activeSecrets(endpoint, now), event.id, now, body), policy);
  const succeeded = isSuccess(response);
  return {
    object: 'webhook_test',
    event_id: event.id,
    type: 'fax.delivered',
    succeeded,
    response_status: response.status,
    response_body: response.body,
    error: response.error ?? (succeeded ? null : `HTTP ${response.status}`),
    duration_ms: response.durationMs,
  };
}
