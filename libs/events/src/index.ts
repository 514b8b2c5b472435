export { EVENT_TYPES, EVENTS_CHANNEL, isEventType, type EventType } from './event-types';
export { toEventObject, type EventObject } from './event-object';
export { insertFaxEventSql, writeEvent, type NewEvent } from './outbox';
export { insertPoolEventsSql, lowBalanceEventsSql, writePoolEvents, type PoolEvent, type TopUpFailed, type TopUpSucceeded } from './pool-events';
export { relayOutbox, RELAY_BATCH } from './outbox-relay';
export { WebhookAttempts, type AttemptOutcome, type AttemptSettings } from './webhook-attempt';
export type { AttemptStart } from './webhook-attempt-statements';
export { WEBHOOK_TIMEOUT_MS } from './webhook-post';
export { generateWebhookSecret, PREVIOUS_SECRET_TTL_MS, signedWebhookHeaders } from './webhook-signing';
export { webhookUrlPolicy, webhookUrlProblem, type WebhookUrlPolicy } from './webhook-url-policy';
export { findEventForEnvironment, listEvents, listFaxEvents } from './event-queries';
export { findWebhookAttemptForEnvironment, listWebhookAttempts, nextWebhookAttemptNumber } from './webhook-attempt-log';
export {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findWebhookEndpointForEnvironment,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookEndpointFields,
} from './webhook-endpoints';
export { pruneEvents, pruneWebhookAttempts } from './prune';
export {
  FIRST_ATTEMPT_LEASE_MS,
  firstAttemptDepth,
  oweWebhookAttempt,
  overdueWebhookDeliveries,
  releaseFirstAttempts,
  settleWebhookDelivery,
  stillOwedWebhookAttempts,
} from './webhook-deliveries';
export {
  toWebhookAttemptObject,
  toWebhookEndpointObject,
  type WebhookAttemptObject,
  type WebhookEndpointObject,
  type WebhookEndpointWithSecret,
} from './webhook-objects';
export { sendTestWebhook, type WebhookTestObject } from './webhook-test-event';
export { WebhooksService, type NewWebhookEndpoint, type WebhookRetryObject } from './webhooks.service';
