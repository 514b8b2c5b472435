import { isDatabaseUnreachable, retryWhileDatabaseUnreachable, type EnvironmentType, type PrismaClient } from '@mintfax/db';
import type { Carrier, CarrierResult } from './carrier';
import { markAttemptFailed, markConnected, markDelivered, startAttempt } from './fax-transitions';

export interface RetryPolicy {
  /** First live retry after this long, doubling each time (capped at an hour). */
  liveBackoffMs: number;
  /** The sandbox retries on its own, faster clock, so magic numbers that retry finish in seconds. */
  sandboxBackoffMs: number;
}

const MAX_BACKOFF_MS = 60 * 60 * 1000;

/**
 * How long the carrier's answer waits for Postgres to come back before it is given up (the job then
 * runs again and the attempt ends as interrupted, so the fax is sent again).
 */
const RECORD_ANSWER_FOR_MS = 5 * 60 * 1000;

export function retryDelayMs(policy: RetryPolicy, type: EnvironmentType, attemptsDone: number): number {
  const base = type === 'sandbox' ? policy.sandboxBackoffMs : policy.liveBackoffMs;
  return Math.min(base * 2 ** Math.max(0, attemptsDone - 1), MAX_BACKOFF_MS);
}

export type AttemptRun =
  | { kind: 'skipped' }
  | { kind: 'delivered' }
  | { kind: 'failed' }
  | { kind: 'retry'; attemptsDone: number; retryAt: Date };

/**
 * Runs one attempt of a queued fax through its carrier. Safe to call again for the same fax:
 * a fax no longer queued is skipped, and one found mid-attempt (its worker died, or the run
 * before this one threw because Postgres or Redis was away) has that attempt ended as
 * interrupted: a transient failure, retried within `max_attempts`.
 */
export async function runAttempt(
  prisma: PrismaClient,
  carriers: Record<EnvironmentType, Carrier>,
  faxId: string,
  policy: RetryPolicy,
): Promise<AttemptRun> {
  const current = await prisma.fax.findUnique({ where: { id: faxId } });
  if (!current) return { kind: 'skipped' };
  const delay = (attemptsDone: number) => retryDelayMs(policy, current.environmentType, attemptsDone);
  if (current.status === 'submitted' || current.status === 'in_progress') {
    const failure = { code: 'transient' as const, message: 'The attempt was interrupted before the carrier reported back.' };
    return settled(await markAttemptFailed(prisma, current, failure, delay));
  }
  if (current.status !== 'queued') return { kind: 'skipped' };

  const fax = await startAttempt(prisma, current);
  if (!fax) return { kind: 'skipped' };
  // The row as this attempt last moved it: each next step is guarded by it.
  let latest = fax;
  const carrier = carriers[fax.environmentType];
  let result: CarrierResult;
  try {
    result = await carrier.send(
      {
        faxId,
        to: fax.to,
        from: fax.from,
        pages: fax.pages,
        attempt: fax.attempts,
        csid: fax.csid,
        resolution: fax.resolution,
        pageSize: fax.pageSize,
        document: async () => (await prisma.faxDocument.findUniqueOrThrow({ where: { faxId } })).content,
      },
      async () => {
        latest = (await markConnected(prisma, latest)) ?? latest;
      },
    );
  } catch (error) {
    // Our own outage is not the carrier's failure: the run throws, and the next one ends the attempt as interrupted.
    if (isDatabaseUnreachable(error)) throw error;
    result = { outcome: 'failed', code: 'carrier_error', message: `The carrier failed: ${(error as Error).message}`, pagesSent: 0 };
  }
  // The carrier has answered: losing its answer would send the fax again, so it waits out an outage.
  const record = <T>(write: () => Promise<T>) => retryWhileDatabaseUnreachable(write, RECORD_ANSWER_FOR_MS);
  if (result.outcome === 'delivered') {
    const pagesSent = result.pagesSent;
    return (await record(() => markDelivered(prisma, latest, pagesSent))) ? { kind: 'delivered' } : { kind: 'skipped' };
  }
  const failure = { code: result.code, message: result.message, pagesSent: result.pagesSent };
  return settled(await record(() => markAttemptFailed(prisma, latest, failure, delay)));
}

function settled(outcome: Awaited<ReturnType<typeof markAttemptFailed>>): AttemptRun {
  if (!outcome) return { kind: 'skipped' };
  return outcome.retryAt ? { kind: 'retry', attemptsDone: outcome.fax.attempts, retryAt: outcome.retryAt } : { kind: 'failed' };
}
