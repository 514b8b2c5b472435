import type { PrismaClient } from '@mintfax/db';
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
 * The watchdog: fails with `timeout` up to `limit` faxes stuck mid-attempt since before `cutoff`,
 * releasing their holds, each in its own transaction. Returns how many it failed.
 */
export async function timeOutStuckFaxes(db: PrismaClient, cutoff: Date, limit: number): Promise<number> {
  const stuck = await db.fax.findMany({
    where: { status: { in: ['submitted', 'in_progress'] }, updatedAt: { lt: cutoff } },
    select: { id: true },
    take: limit,
  });
  let timedOut = 0;
  for (const fax of stuck) {
    if (await db.$transaction((tx) => failStuck(tx, fax.id, cutoff))) timedOut += 1;
  }
  return timedOut;
}
