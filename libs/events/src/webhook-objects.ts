import type { WebhookAttempt, WebhookAttemptStatus, WebhookEndpoint } from '@mintfax/db';

/** An endpoint as the API shows it: never its secret, except once at creation and rotation. */
export interface WebhookEndpointObject {
  id: string;
  object: 'webhook_endpoint';
  environment_id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  /** While a rotation is under way, until when the previous secret still signs. */
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export type WebhookEndpointWithSecret = WebhookEndpointObject & { secret: string };

export interface WebhookAttemptObject {
  id: string;
  object: 'webhook_attempt';
  endpoint_id: string;
  event_id: string;
  attempt_number: number;
  status: WebhookAttemptStatus;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number | null;
  next_retry_at: string | null;
  created_at: string;
  completed_at: string | null;
}

export function toWebhookEndpointObject(endpoint: WebhookEndpoint, now = new Date()): WebhookEndpointObject {
  const rotating = endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now;
  return {
    id: endpoint.id,
    object: 'webhook_endpoint',
    environment_id: endpoint.environmentId,
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.events,
    enabled: endpoint.enabled,
    previous_secret_expires_at: rotating ? (endpoint.previousSecretExpiresAt as Date).toISOString() : null,
    created_at: endpoint.createdAt.toISOString(),
    updated_at: endpoint.updatedAt.toISOString(),
  };
}

export function toWebhookAttemptObject(attempt: WebhookAttempt): WebhookAttemptObject {
  return {
    id: attempt.id,
    object: 'webhook_attempt',
    endpoint_id: attempt.endpointId,
    event_id: attempt.eventId,
    attempt_number: attempt.attemptNumber,
    status: attempt.status,
    response_status: attempt.responseStatus,
    response_body: attempt.responseBody,
    error: attempt.error,
    duration_ms: attempt.durationMs,
    next_retry_at: attempt.nextRetryAt?.toISOString() ?? null,
    created_at: attempt.createdAt.toISOString(),
    completed_at: attempt.completedAt?.toISOString() ?? null,
  };
}
