import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { ApiError } from '@mintfax/errors';
import type { CarrierReport } from '../carrier';
import type { ReportedFax } from '../carrier-reports';
import { decodeClientState } from './telnyx-client-state';
import { failureFromReason } from './telnyx-failures';

/** A callback signed further from now than this, either way, is refused (replay protection). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The DER header of an Ed25519 public key (RFC 8410); Telnyx publishes only the 32 raw bytes. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** TELNYX_PUBLIC_KEY (base64, 32 bytes), as a key Node's built-in Ed25519 verifies with. */
export function telnyxPublicKey(base64: string): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(base64, 'base64')]), format: 'der', type: 'spki' });
}

const refused = (message: string) => new ApiError('invalid_request', undefined, message);

function oneHeader(value: string | string[] | undefined, name: string): string {
  if (value === undefined || value === '') throw refused(`The ${name} header is missing: only Telnyx's signed callbacks are accepted here.`);
  if (typeof value !== 'string') throw refused(`Send exactly one ${name} header.`);
  return value;
}

/**
 * Passes when Telnyx signed exactly these bytes, `${telnyx-timestamp}|${raw body}`, with `key`,
 * within the tolerance; anything else is `invalid_request` (400), and nothing may change.
 */
export function verifyTelnyxSignature(
  key: KeyObject,
  rawBody: Buffer | undefined,
  headers: { signature: string | string[] | undefined; timestamp: string | string[] | undefined },
  nowMs = Date.now(),
): void {
  const signature = oneHeader(headers.signature, 'telnyx-signature-ed25519');
  const timestamp = oneHeader(headers.timestamp, 'telnyx-timestamp');
  if (!rawBody) throw refused('A Telnyx callback is a signed application/json body.');
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) {
    throw refused(`The telnyx-timestamp header is not within ${SIGNATURE_TOLERANCE_SECONDS} s of now.`);
  }
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64 || !verify(null, Buffer.concat([Buffer.from(`${timestamp}|`), rawBody]), key, bytes)) {
    throw refused('The telnyx-signature-ed25519 header does not sign this body with the configured TELNYX_PUBLIC_KEY.');
  }
}

/** What a verified callback says: a report on one of our faxes, or why there is nothing to act on. */
export type TelnyxCallback = { event: string; reported: ReportedFax; report: CarrierReport } | { event: string; ignored: string };

interface Payload {
  fax_id?: unknown;
  client_state?: unknown;
  direction?: unknown;
  page_count?: unknown;
  failure_reason?: unknown;
}

/** The report in a verified callback body: `fax.sending.started`, `fax.delivered` and `fax.failed` move a fax. */
export function parseTelnyxCallback(body: unknown): TelnyxCallback {
  const data = (body as { data?: { event_type?: unknown; payload?: Payload } } | null)?.data;
  const event = typeof data?.event_type === 'string' ? data.event_type : 'unknown';
  const payload = data?.payload ?? {};
  if (typeof payload.fax_id !== 'string' || payload.fax_id === '') return { event, ignored: 'no fax_id' };
  if (payload.direction === 'inbound') return { event, ignored: 'an inbound fax' };
  const reported = { carrierFaxId: payload.fax_id, sentFor: decodeClientState(payload.client_state) };
  switch (event) {
    case 'fax.sending.started':
      return { event, reported, report: { status: 'connected' } };
    case 'fax.delivered': {
      const pages = payload.page_count;
      return { event, reported, report: { status: 'delivered', pagesSent: Number.isInteger(pages) && (pages as number) >= 0 ? (pages as number) : null } };
    }
    case 'fax.failed':
      return { event, reported, report: { status: 'failed', ...failureFromReason(typeof payload.failure_reason === 'string' ? payload.failure_reason : null) } };
    default:
      return { event, ignored: 'an event that moves no fax' };
  }
}
