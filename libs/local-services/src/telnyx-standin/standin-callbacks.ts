import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

export type CallbackEvent = 'fax.queued' | 'fax.media.processed' | 'fax.sending.started' | 'fax.delivered' | 'fax.failed';

/** What a callback says about its fax: the fields of Telnyx's fax webhook payloads. */
export interface CallbackFax {
  id: string;
  connectionId: string;
  from: string;
  to: string;
  clientState: string | null;
  status: string;
  pageCount: number;
  failureReason: string | null;
}

/** A callback the stand-in sent (or tried to), with the answer it got: 0 when nothing answered. */
export interface SentCallback {
  faxId: string;
  event: CallbackEvent;
  url: string;
  status: number;
}

/** Delivery tries per callback, 100 ms apart and doubling, as Telnyx retries any answer but a 2xx. */
const TRIES = 5;

/**
 * Signs and delivers callbacks as Telnyx does: an Ed25519 signature (a key pair of its own) over
 * `${telnyx-timestamp}|${body}`, in the `telnyx-signature-ed25519` header.
 */
export class CallbackSender {
  readonly publicKey: string;
  readonly sent: SentCallback[] = [];
  private readonly privateKey: KeyObject;
  private stopped = false;

  constructor() {
    const pair = generateKeyPairSync('ed25519');
    this.privateKey = pair.privateKey;
    // Telnyx publishes the 32 raw key bytes in base64.
    this.publicKey = Buffer.from(pair.publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString('base64');
  }

  signatureHeaders(body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
    const signature = sign(null, Buffer.from(`${timestamp}|${body}`), this.privateKey).toString('base64');
    return { 'content-type': 'application/json', 'telnyx-timestamp': String(timestamp), 'telnyx-signature-ed25519': signature };
  }

  /** Ends the retries of callbacks under way: the stand-in is stopping. */
  stop(): void {
    this.stopped = true;
  }

  /** Posts the callback, trying again on anything but a 2xx; resolves with the last answer's status. */
  async deliver(url: string, event: CallbackEvent, fax: CallbackFax): Promise<number> {
    const body = JSON.stringify(callbackBody(event, fax, url));
    let status = 0;
    for (let attempt = 1; attempt <= TRIES; attempt += 1) {
      try {
        status = (await fetch(url, { method: 'POST', headers: this.signatureHeaders(body), body })).status;
      } catch {
        status = 0;
      }
      if ((status >= 200 && status < 300) || this.stopped) break;
      if (attempt < TRIES) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
    }
    this.sent.push({ faxId: fax.id, event, url, status });
    return status;
  }
}

function callbackBody(event: CallbackEvent, fax: CallbackFax, url: string): object {
  return {
    data: {
      event_type: event,
      id: randomUUID(),
      occurred_at: new Date().toISOString(),
      record_type: 'event',
      payload: {
        fax_id: fax.id,
        connection_id: fax.connectionId,
        direction: 'outbound',
        from: fax.from,
        to: fax.to,
        status: fax.status,
        ...(fax.clientState !== null && { client_state: fax.clientState }),
        ...(event === 'fax.delivered' && { page_count: fax.pageCount, call_duration_secs: 20 * fax.pageCount }),
        ...(event === 'fax.failed' && { failure_reason: fax.failureReason }),
      },
    },
    meta: { attempt: 1, delivered_to: url },
  };
}
