/** Every BullMQ queue of the system, by name, with the payload of its jobs. */
export const QUEUES = {
  faxDispatch: 'fax-dispatch',
  faxPurge: 'fax-purge',
  retention: 'retention',
  webhookDelivery: 'webhook-delivery',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface FaxDispatchJob {
  faxId: string;
}

export interface FaxPurgeJob {
  faxId: string;
}

export interface WebhookDeliveryJob {
  eventId: string;
  endpointId: string;
}

/**
 * Finished jobs are trimmed: left alone they pile up in Redis and slow every add.
 * Failed ones are kept a little longer to be inspected.
 */
export const JOB_RETENTION = {
  removeOnComplete: { count: 1000, age: 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
} as const;
