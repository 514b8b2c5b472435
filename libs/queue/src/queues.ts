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

/**
 * BullMQ's connection for a deployment: every queue key under `prefix`. Workers block on Redis and
 * must never give up a command; producers pass `producer: true` to fail fast instead (a job that
 * cannot be added now is re-enqueued by the owning worker's sweep from Postgres).
 */
export function bullOptions(url: string, prefix: string, { producer = false } = {}) {
  return {
    prefix,
    connection: producer
      ? { url, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 }
      : { url, maxRetriesPerRequest: null },
  };
}

/**
 * Dispatch jobs: a run that crashes (a database blip) is retried by BullMQ with backoff before the
 * job counts as failed; after that the fax-worker's sweep re-enqueues the fax.
 */
export const FAX_DISPATCH_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  ...JOB_RETENTION,
} as const;

/** The dispatch job of a fax's attempt: the first is the fax id (duplicates dropped), retries add the attempt. */
export function faxDispatchJobId(faxId: string, attemptsDone: number): string {
  return attemptsDone === 0 ? faxId : `${faxId}-attempt-${attemptsDone + 1}`;
}
