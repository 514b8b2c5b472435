import type { EnvironmentType, PrismaClient } from '@mintfax/db';
import type { Carrier, CarrierResult } from './carrier';
import { markAttemptFailed, markConnected, markDelivered, startAttempt } from './fax-transitions';

export interface RetryPolicy {
  /** First live retry after this long, doubling each time (capped at an hour). */
  liveBackoffMs: number;
  /** The sandbox retries on its own, faster clock, so magic numbers that retry finish in seconds. */
  sandboxBackoffMs: number;
}

const MAX_BACKOFF_MS = 60 * 60 * 1000;

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
 * a fax no longer queued is skipped, and one found mid-attempt (its worker died) has that
 * attempt ended as interrupted, which retries or fails it like any other failure.
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
        document: async () => (await prisma.faxDocument.findUniqueOrThrow({ where: { faxId } })).content,
      },
      async () => {
        latest = (await markConnected(prisma, latest)) ?? latest;
      },
    );
  } catch (error) {
    result = { outcome: 'failed', code: 'carrier_error', message: `The carrier failed: ${(error as Error).message}`, pagesSent: 0 };
  }
  if (result.outcome === 'delivered') {
    const delivered = await markDelivered(prisma, latest, result.pagesSent);
    return delivered ? { kind: 'delivered' } : { kind: 'skipped' };
  }
  const failure = { code: result.code, message: result.message, pagesSent: result.pagesSent };
  return settled(await markAttemptFailed(prisma, latest, failure, delay));
}

function settled(outcome: Awaited<ReturnType<typeof markAttemptFailed>>): AttemptRun {
  if (!outcome) return { kind: 'skipped' };
  return outcome.retryAt ? { kind: 'retry', attemptsDone: outcome.fax.attempts, retryAt: outcome.retryAt } : { kind: 'failed' };
}
