import type { PrismaClient } from '@mintfax/db';
import type { Carrier, CarrierReport } from './carrier';
import { faxesAwaitingCarrier, markPolled } from './carrier-attempts';
import { applyCarrierReport, type ReportApplied } from './carrier-reports';
import { timeOutStuckFax } from './fax-recovery';

export type PollOutcome = ReportApplied | { kind: 'timed_out'; faxId: string } | { kind: 'unreachable'; faxId: string; error: string };

export interface ReconcileOptions {
  now: Date;
  /** A fax the carrier has not reported on for this long is polled. */
  quietMs: number;
  /** A fax the poll leaves unsettled and unmoved since before this is failed with `timeout`. */
  stuckCutoff: Date;
  liveBackoffMs: number;
  limit: number;
}

/**
 * The reconciliation: each fax the carrier took and went quiet about is polled, and the answer
 * applied as a callback would be. Only a fax the poll could not settle, unmoved past the stuck
 * limit, is timed out; one whose poll failed (the carrier unreachable) is left for the next round.
 */
export async function reconcileQuietFaxes(db: PrismaClient, carrier: Carrier, options: ReconcileOptions): Promise<PollOutcome[]> {
  if (!carrier.status) return [];
  const outcomes: PollOutcome[] = [];
  const quietBefore = new Date(options.now.getTime() - options.quietMs);
  for (const { fax, attempt } of await faxesAwaitingCarrier(db, quietBefore, options.limit)) {
    let report: CarrierReport;
    try {
      report = await carrier.status(attempt.carrierFaxId);
    } catch (error) {
      outcomes.push({ kind: 'unreachable', faxId: fax.id, error: (error as Error).message });
      continue;
    }
    await markPolled(db, attempt.id, options.now);
    const applied = await applyCarrierReport(db, { carrierFaxId: attempt.carrierFaxId }, report, options.liveBackoffMs);
    const stuck = applied.kind === 'unchanged' && fax.updatedAt < options.stuckCutoff;
    outcomes.push(stuck && (await timeOutStuckFax(db, fax.id, options.stuckCutoff)) ? { kind: 'timed_out', faxId: fax.id } : applied);
  }
  return outcomes;
}
