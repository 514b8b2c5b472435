export { EVENT_TYPES, EVENTS_CHANNEL, isEventType, type EventType } from './event-types';
export { toEventObject, type EventObject } from './event-object';
export { writeEvent, type NewEvent } from './outbox';
