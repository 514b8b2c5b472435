import type { FaxResolution, PageSize } from '@mintfax/db';
import { FAILURE_MESSAGES, type FailureCode } from './fax-status';
import { sandboxScenario } from './sandbox';

/** One attempt to transmit a fax. */
export interface CarrierCall {
  faxId: string;
  to: string;
  from: string | null;
  pages: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** The send options the carrier honours (docs/api/routes.md "Send options"). */
  csid: string | null;
  resolution: FaxResolution;
  pageSize: PageSize;
  /** The fax-ready PDF. */
  document(): Promise<Uint8Array>;
}

export type CarrierResult =
  | { outcome: 'delivered'; pagesSent: number }
  | { outcome: 'failed'; code: FailureCode; message: string; pagesSent: number }
  /** The carrier took the fax under this id and reports on it later (CarrierReport). */
  | { outcome: 'submitted'; carrierFaxId: string };

/** Where a fax the carrier took stands, as its status callbacks or its answer to a poll say. */
export type CarrierReport =
  | { status: 'pending' }
  | { status: 'connected' }
  /** `pagesSent` null: the carrier did not say, so the whole document counts as sent. */
  | { status: 'delivered'; pagesSent: number | null }
  | { status: 'failed'; code: FailureCode; message: string };

/**
 * What every carrier implements. `onConnected` is called once the remote machine answers, which
 * moves the fax to `in_progress`; failures before that (busy, no answer) never call it.
 * A carrier that answers `submitted` reports later, and implements the two optional methods.
 */
export interface Carrier {
  readonly name: string;
  send(call: CarrierCall, onConnected: () => Promise<void>): Promise<CarrierResult>;
  /** The reconciliation poll: where the fax under `carrierFaxId` stands now. */
  status?(carrierFaxId: string): Promise<CarrierReport>;
  /**
   * The id of the fax a run before this one sent for `call` whose answer was lost (its worker
   * died mid-request), found by the state sent with it; null when the carrier never took it.
   */
  findSent?(call: CarrierCall, since: Date): Promise<string | null>;
}

/** A carrier that keeps a copy of what it sent: the retention-worker deletes it once the document is purged. */
export interface CarrierCopies {
  /** Deletes the carrier's copy of the fax under `carrierFaxId`; one already gone counts as deleted. */
  deleteCopy(carrierFaxId: string): Promise<void>;
}

const sleep = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

/** The sandbox: a deterministic simulator driven by the magic numbers, `stepDelayMs` per step. */
export class SandboxCarrier implements Carrier {
  readonly name = 'sandbox';

  constructor(private readonly stepDelayMs: number) {}

  async send(call: CarrierCall, onConnected: () => Promise<void>): Promise<CarrierResult> {
    const outcome = sandboxScenario(call.to).outcome(call.attempt);
    await sleep(this.stepDelayMs);
    // Busy lines, unanswered calls and bad numbers fail while dialling: the call never comes up.
    if (outcome === 'busy' || outcome === 'no_answer' || outcome === 'invalid_number') {
      return { outcome: 'failed', code: outcome, message: FAILURE_MESSAGES[outcome], pagesSent: 0 };
    }
    await onConnected();
    await sleep(this.stepDelayMs);
    if (outcome === 'delivered') return { outcome: 'delivered', pagesSent: call.pages };
    return { outcome: 'failed', code: outcome, message: FAILURE_MESSAGES[outcome], pagesSent: 0 };
  }
}

/** Live sending until an operator configures a carrier: fails at once, so nothing hangs. */
export class UnconfiguredCarrier implements Carrier {
  readonly name = 'none';

  async send(): Promise<CarrierResult> {
    return {
      outcome: 'failed',
      code: 'carrier_not_configured',
      message: FAILURE_MESSAGES.carrier_not_configured,
      pagesSent: 0,
    };
  }
}
