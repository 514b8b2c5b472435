import { isDatabaseUnreachable, retryWhileDatabaseUnreachable, type EnvironmentType, type Fax, type PrismaClient } from '@mintfax/db';
import type { Carrier, CarrierCall, CarrierResult } from './carrier';
import { openAttempt, recordCarrierFaxId } from './carrier-attempts';
import { findFaxToDispatch } from './fax-queries';
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
 * runs again and resumes the attempt: see resumeAttempt).
 */
const RECORD_ANSWER_FOR_MS = 5 * 60 * 1000;

/** The wait before the next attempt once `attemptsDone` have failed: `firstMs`, doubling, capped at an hour. */
export function backoffMs(firstMs: number, attemptsDone: number): number {
  return Math.min(firstMs * 2 ** Math.max(0, attemptsDone - 1), MAX_BACKOFF_MS);
}

export function retryDelayMs(policy: RetryPolicy, type: EnvironmentType, attemptsDone: number): number {
  return backoffMs(type === 'sandbox' ? policy.sandboxBackoffMs : policy.liveBackoffMs, attemptsDone);
}

export type AttemptOutcome =
  | { kind: 'skipped' }
  /** Handed to a carrier that reports later: its callbacks, or the sweep's poll, end the attempt. */
  | { kind: 'submitted' }
  | { kind: 'delivered' }
  | { kind: 'failed' }
  | { kind: 'retry'; attemptsDone: number; retryAt: Date };

/** An attempt's outcome, and whether the fax's environment is zero-footprint (its document goes once it is done). */
export type AttemptRun = AttemptOutcome & { zeroFootprint: boolean };

type Delay = (attemptsDone: number) => number;

/**
 * Runs one attempt of a queued fax through its carrier. Safe to call again for the same fax:
 * a fax no longer queued is skipped, and one found mid-attempt (its worker died, or the run
 * before this one threw because Postgres or Redis was away) is resumed (see resumeAttempt).
 */
export async function runAttempt(
  prisma: PrismaClient,
  carriers: Record<EnvironmentType, Carrier>,
  faxId: string,
  policy: RetryPolicy,
): Promise<AttemptRun> {
  const found = await findFaxToDispatch(prisma, faxId);
  if (!found) return { kind: 'skipped', zeroFootprint: false };
  return { ...(await attempt(prisma, carriers[found.fax.environmentType], found.fax, policy)), zeroFootprint: found.zeroFootprint };
}

async function attempt(prisma: PrismaClient, carrier: Carrier, current: Fax, policy: RetryPolicy): Promise<AttemptOutcome> {
  const delay = (attemptsDone: number) => retryDelayMs(policy, current.environmentType, attemptsDone);
  if (current.status === 'submitted' || current.status === 'in_progress') return resumeAttempt(prisma, carrier, current, delay);
  if (current.status !== 'queued') return { kind: 'skipped' };

  const fax = await startAttempt(prisma, current);
  if (!fax) return { kind: 'skipped' };
  return transmit(prisma, carrier, fax, delay);
}

/**
 * A fax found mid-attempt. A carrier that reports later may hold it already: under the id stored
 * on the attempt, or under one whose answer never reached us, found by the state sent with it;
 * then it is left to the carrier, never sent twice. Only a fax no carrier holds is sent by this
 * run. With a carrier that answers at once, the attempt ends as interrupted: a transient
 * failure, retried within `max_attempts`.
 */
async function resumeAttempt(prisma: PrismaClient, carrier: Carrier, fax: Fax, delay: Delay): Promise<AttemptOutcome> {
  const open = carrier.findSent ? await openAttempt(prisma, fax) : null;
  if (open?.carrierFaxId) return { kind: 'submitted' };
  if (open && carrier.findSent) {
    const sent = await carrier.findSent(callFor(prisma, fax), open.startedAt);
    if (!sent) return transmit(prisma, carrier, fax, delay);
    return (await recordCarrierFaxId(prisma, fax.id, fax.attempts, sent)) ? { kind: 'submitted' } : { kind: 'skipped' };
  }
  const failure = { code: 'transient' as const, message: 'The attempt was interrupted before the carrier reported back.' };
  return settled(await markAttemptFailed(prisma, fax, failure, delay));
}

function callFor(prisma: PrismaClient, fax: Fax): CarrierCall {
  return {
    faxId: fax.id,
    to: fax.to,
    from: fax.from,
    pages: fax.pages,
    attempt: fax.attempts,
    csid: fax.csid,
    resolution: fax.resolution,
    pageSize: fax.pageSize,
    document: async () => (await prisma.faxDocument.findUniqueOrThrow({ where: { faxId: fax.id } })).content,
  };
}

/** Sends the fax on its current attempt and records what the carrier answered. */
async function transmit(prisma: PrismaClient, carrier: Carrier, fax: Fax, delay: Delay): Promise<AttemptOutcome> {
  // The row as this attempt last moved it: each next step is guarded by it.
  let latest = fax;
  let result: CarrierResult;
  try {
    result = await carrier.send(callFor(prisma, fax), async () => {
      latest = (await markConnected(prisma, latest)) ?? latest;
    });
  } catch (error) {
    // Our own outage is not the carrier's failure: the run throws, and the next one resumes the attempt.
    if (isDatabaseUnreachable(error)) throw error;
    result = { outcome: 'failed', code: 'carrier_error', message: `The carrier failed: ${(error as Error).message}`, pagesSent: 0 };
  }
  // The carrier has answered: losing its answer would send the fax again, so it waits out an outage.
  const record = <T>(write: () => Promise<T>) => retryWhileDatabaseUnreachable(write, RECORD_ANSWER_FOR_MS);
  switch (result.outcome) {
    case 'submitted': {
      const carrierFaxId = result.carrierFaxId;
      return (await record(() => recordCarrierFaxId(prisma, fax.id, fax.attempts, carrierFaxId))) ? { kind: 'submitted' } : { kind: 'skipped' };
    }
    case 'delivered': {
      const pagesSent = result.pagesSent;
      return (await record(() => markDelivered(prisma, latest, pagesSent))) ? { kind: 'delivered' } : { kind: 'skipped' };
    }
    case 'failed': {
      const failure = { code: result.code, message: result.message, pagesSent: result.pagesSent };
      return settled(await record(() => markAttemptFailed(prisma, latest, failure, delay)));
    }
    default: {
      const unknown: never = result;
      throw new Error(`Unknown carrier result ${JSON.stringify(unknown)}`);
    }
  }
}

function settled(outcome: Awaited<ReturnType<typeof markAttemptFailed>>): AttemptOutcome {
  if (!outcome) return { kind: 'skipped' };
  return outcome.retryAt ? { kind: 'retry', attemptsDone: outcome.fax.attempts, retryAt: outcome.retryAt } : { kind: 'failed' };
}
