import type { PrismaClient } from '@mintfax/db';
import { HANDED_TO_CARRIER } from './carrier-attempts';
import { failStuck } from './fax-transitions';

/** A fax this fresh may still be between its commit and its enqueue in the gateway. */
const ENQUEUE_GRACE_MS = 5_000;

/**
 * Queued faxes whose attempt is due at `now`, past the gateway's commit-to-enqueue window: the
 * sweep re-enqueues them in case their job is missing (the gateway died, or Redis lost the job).
 */
export function dueQueuedFaxes(db: PrismaClient, now: Date, limit: number): Promise<{ id: string; attempts: number }[]> {
  return db.fax.findMany({
    where: {
      status: 'queued',
      updatedAt: { lt: new Date(now.getTime() - ENQUEUE_GRACE_MS) },
      OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }],
    },
    select: { id: true, attempts: true },
    take: limit,
  });
}

/**
 * Faxes mid-attempt that have not moved since before `cutoff`, oldest first: the sweep asks
 * Redis whether each attempt's job still runs. Those a carrier took are left to reconciliation.
 */
export function faxesMidAttempt(db: PrismaClient, cutoff: Date, limit: number): Promise<{ id: string; attempts: number; updatedAt: Date }[]> {
  return db.fax.findMany({
    where: { status: { in: ['submitted', 'in_progress'] }, updatedAt: { lt: cutoff }, attemptsLog: { none: HANDED_TO_CARRIER } },
    select: { id: true, attempts: true, updatedAt: true },
    orderBy: { updatedAt: 'asc' },
    take: limit,
  });
}

/** The watchdog: fails with `timeout` a fax stuck mid-attempt since before `cutoff`, releasing its hold. */
export async function timeOutStuckFax(db: PrismaClient, faxId: string, cutoff: Date): Promise<boolean> {
  return (await db.$transaction((tx) => failStuck(tx, faxId, cutoff))) !== null;
}
