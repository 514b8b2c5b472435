/** Every event type of docs/api/events-and-webhooks.md "Events". */
export const EVENT_TYPES = [
  'fax.queued',
  'fax.submitted',
  'fax.in_progress',
  'fax.retry_scheduled',
  'fax.delivered',
  'fax.failed',
  'fax.deleted',
  'fax.data_purged',
  'balance.low',
  'balance.topup',
  'balance.topup_failed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/** The channel a trigger on `events` notifies on commit (see its migration); the dispatcher listens to it. */
export const EVENTS_CHANNEL = 'mintfax_events';
