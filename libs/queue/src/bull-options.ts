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
 * cannot be added now is re-enqueued by the owning worker's sweep from Postgres), and send the adds of
 * one event-loop turn in one write (auto-pipelining; producers only: workers' blocking commands keep
 * their own connection as BullMQ expects).
 */
export function bullOptions(url: string, prefix: string, { producer = false } = {}) {
  return {
    prefix,
    connection: producer
      ? { url, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000, enableAutoPipelining: true }
      : { url, maxRetriesPerRequest: null },
  };
}
