import type { FaxAttempt, PrismaClient } from '@mintfax/db';
import type { CarrierReport } from './carrier';
import { recordCarrierFaxId } from './carrier-attempts';
import { markAttemptFailed, markConnected, markDelivered } from './fax-transitions';
import { backoffMs } from './run-attempt';

/** Which attempt a report is about: the carrier's id, and the fax and attempt our state sent with it named. */
export interface ReportedFax {
  carrierFaxId: string;
  sentFor?: { faxId: string; attempt: number } | null;
}

/** What a report did. Only `retry` and the terminal kinds leave something for the caller to do. */
export type ReportApplied =
  | { kind: 'unknown' }
  | { kind: 'stale' }
  | { kind: 'unchanged'; faxId: string }
  | { kind: 'connected'; faxId: string }
  | { kind: 'delivered'; faxId: string }
  | { kind: 'failed'; faxId: string }
  | { kind: 'retry'; faxId: string; attemptsDone: number; retryAt: Date };

/** Each try re-reads the fax; a guard misses only when something else moved it in between. */
const MAX_TRIES = 5;

/**
 * Applies what a carrier reported (a status callback, or its answer to a poll) through the
 * worker's own guarded transitions, so duplicate, late and out-of-order reports change nothing:
 * a report for an attempt that has ended, or for a fax that has moved on to another attempt, is
 * `stale`; one for no attempt of ours is `unknown`. A failure the carrier reports is retried, if
 * retryable, on the live backoff (`liveBackoffMs`, doubling).
 */
export async function applyCarrierReport(db: PrismaClient, reported: ReportedFax, report: CarrierReport, liveBackoffMs: number): Promise<ReportApplied> {
  const attempt = await reportedAttempt(db, reported);
  if (!attempt) return { kind: 'unknown' };
  for (let tries = 0; tries < MAX_TRIES; tries += 1) {
    const fax = await db.fax.findUnique({ where: { id: attempt.faxId } });
    if (!fax || fax.attempts !== attempt.number || (fax.status !== 'submitted' && fax.status !== 'in_progress')) return { kind: 'stale' };
    const faxId = fax.id;
    switch (report.status) {
      case 'pending':
        return { kind: 'unchanged', faxId };
      case 'connected':
        if (fax.status !== 'submitted') return { kind: 'unchanged', faxId };
        if (await markConnected(db, fax)) return { kind: 'connected', faxId };
        break;
      case 'delivered':
        if (await markDelivered(db, fax, report.pagesSent ?? fax.pages)) return { kind: 'delivered', faxId };
        break;
      case 'failed': {
        const moved = await markAttemptFailed(db, fax, { code: report.code, message: report.message }, (done) => backoffMs(liveBackoffMs, done));
        if (moved) return moved.retryAt ? { kind: 'retry', faxId, attemptsDone: moved.fax.attempts, retryAt: moved.retryAt } : { kind: 'failed', faxId };
        break;
      }
      default: {
        const unknown: never = report;
        throw new Error(`Unknown carrier report ${JSON.stringify(unknown)}`);
      }
    }
  }
  throw new Error(`The carrier's report on ${reported.carrierFaxId} lost ${MAX_TRIES} races in a row; it will be delivered again.`);
}

/**
 * The attempt under the carrier's id; else, when the report names the attempt it was sent for,
 * that attempt, which adopts the id: the report outran the worker that was about to store it, or
 * that worker died before it could.
 */
async function reportedAttempt(db: PrismaClient, { carrierFaxId, sentFor }: ReportedFax): Promise<FaxAttempt | null> {
  const known = await db.faxAttempt.findUnique({ where: { carrierFaxId } });
  if (known || !sentFor) return known;
  if (!(await recordCarrierFaxId(db, sentFor.faxId, sentFor.attempt, carrierFaxId))) return null;
  return db.faxAttempt.findUnique({ where: { carrierFaxId } });
}
