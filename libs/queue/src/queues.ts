/** Every BullMQ queue of the system, by name; each has its folder here with its jobs and producer. */
export const QUEUES = {
  faxDispatch: 'fax-dispatch',
  faxPurge: 'fax-purge',
  retention: 'retention',
  webhookDelivery: 'webhook-delivery',
  topUp: 'top-up',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
