import type { TelnyxAccess, TelnyxSending } from '@mintfax/config';
import { APIConnectionError, APIError, NotFoundError, Telnyx, toFile, type Uploadable } from 'telnyx';
import type { Carrier, CarrierCall, CarrierCopies, CarrierReport, CarrierResult } from '../carrier';
import { encodeClientState } from './telnyx-client-state';
import { failureFromReason, sendFailure } from './telnyx-failures';

/** How far apart our clock and Telnyx's may be when we look for a fax sent at a given time. */
const CLOCK_SKEW_MS = 10 * 60 * 1000;

type TelnyxFax = Telnyx.Fax;

/**
 * The official SDK, at the configured base URL, with its own retries off: our backoff, within the
 * fax's `max_attempts`, is the only retry policy, and a retried POST could send a fax twice.
 */
export function createTelnyxClient(access: TelnyxAccess): Telnyx {
  return new Telnyx({ apiKey: access.apiKey, baseURL: access.apiBase, maxRetries: 0, logLevel: 'off' });
}

/** Where a fax stands, from Telnyx's fax object. Its `page_count` is only in callbacks, so a polled delivery counts every page. */
export function reportOfTelnyxFax(fax: Pick<TelnyxFax, 'status' | 'failure_reason'>): CarrierReport {
  switch (fax.status) {
    case 'sending':
      return { status: 'connected' };
    case 'delivered':
      return { status: 'delivered', pagesSent: null };
    case 'failed':
      return { status: 'failed', ...failureFromReason(fax.failure_reason) };
    default:
      return { status: 'pending' };
  }
}

/**
 * Telnyx Programmable Fax (API v2). A send uploads the document itself (`contents`, multipart),
 * so no document ever needs a public URL; `store_media` is never asked for. Telnyx reports on the
 * fax through signed callbacks to TELNYX_WEBHOOK_URL, and answers the sweep's polls.
 */
export class TelnyxCarrier implements Carrier {
  readonly name = 'telnyx';

  constructor(
    private readonly client: Telnyx,
    private readonly settings: Pick<TelnyxSending, 'connectionId' | 'fromNumber' | 'webhookUrl'>,
  ) {}

  async send(call: CarrierCall): Promise<CarrierResult> {
    // Every stored document is the fax-ready PDF.
    const bytes = Buffer.from(await call.document());
    // The SDK's typed params lack `contents`; its multipart encoder sends any File it is given.
    const params: Telnyx.FaxCreateParams & { contents: Uploadable } = {
      connection_id: this.settings.connectionId,
      // Telnyx sends only from numbers of the account: the fax's own `from` cannot be the caller id.
      from: this.settings.fromNumber,
      to: call.to,
      webhook_url: this.settings.webhookUrl,
      client_state: encodeClientState(call.faxId, call.attempt),
      contents: await toFile(bytes, 'fax.pdf', { type: 'application/pdf' }),
      quality: call.resolution === 'fine' ? 'high' : 'normal',
      // Telnyx takes no page size (the fax-ready PDF's pages already have it) and no station id (csid).
    };
    const startedAt = new Date();
    let created: TelnyxFax | undefined;
    try {
      created = (await this.client.faxes.create(params)).data;
    } catch (error) {
      // A request cut off on the way back, or a fault of Telnyx's, may still have left a fax there: never send it twice.
      const taken = mayHaveBeenTaken(error) ? await this.findSent(call, startedAt).catch(() => null) : null;
      if (taken) return { outcome: 'submitted', carrierFaxId: taken };
      return { outcome: 'failed', ...sendFailure(error), pagesSent: 0 };
    }
    if (!created?.id) throw new Error('Telnyx took the fax but answered without its id.');
    return { outcome: 'submitted', carrierFaxId: created.id };
  }

  async status(carrierFaxId: string): Promise<CarrierReport> {
    try {
      const { data } = await this.client.faxes.retrieve(carrierFaxId);
      return reportOfTelnyxFax(data ?? {});
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return { status: 'failed', code: 'carrier_error', message: `Telnyx no longer knows fax ${carrierFaxId}.` };
    }
  }

  async findSent(call: CarrierCall, since: Date): Promise<string | null> {
    const state = encodeClientState(call.faxId, call.attempt);
    const gte = new Date(since.getTime() - CLOCK_SKEW_MS).toISOString();
    for await (const fax of this.client.faxes.list({ filter: { to: { eq: call.to }, created_at: { gte }, direction: { eq: 'outbound' } }, 'page[size]': 100 })) {
      if (fax.client_state === state && fax.id) return fax.id;
    }
    return null;
  }
}

function mayHaveBeenTaken(error: unknown): boolean {
  return error instanceof APIConnectionError || (error instanceof APIError && error.status !== undefined && error.status >= 500);
}

/** The retention-worker's side of Telnyx: deleting the fax (its record and media) once our copy is purged. */
export class TelnyxCopies implements CarrierCopies {
  constructor(private readonly client: Telnyx) {}

  async deleteCopy(carrierFaxId: string): Promise<void> {
    try {
      await this.client.faxes.delete(carrierFaxId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
}
