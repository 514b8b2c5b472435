import type { Event } from '@mintfax/db';

/** An event as the API and webhooks show it (docs/api/events-and-webhooks.md "Events"). */
export interface EventObject {
  id: string;
  object: 'event';
  type: string;
  created_at: string;
  environment_id: string;
  /** `object`: the fax, or the pool of a balance event; a top-up's events add `top_up`. */
  data: { object: unknown; top_up?: unknown };
}

export function toEventObject(event: Pick<Event, 'id' | 'type' | 'createdAt' | 'environmentId' | 'data'>): EventObject {
  return {
    id: event.id,
    object: 'event',
    type: event.type,
    created_at: event.createdAt.toISOString(),
    environment_id: event.environmentId,
    data: event.data as EventObject['data'],
  };
}
