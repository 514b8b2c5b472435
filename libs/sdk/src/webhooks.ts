import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError as StandardWebhooksError } from 'standardwebhooks';
import type { Event } from './api-types';

const SIGNATURE_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/** Headers as a receiver has them: a fetch `Headers`, or Node's `IncomingHttpHeaders`. */
export type ReceivedHeaders = Headers | Record<string, string | string[] | undefined>;

/** The request was not signed by the secret, was changed on the way, or is too old to trust (5 minutes). */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

function header(headers: ReceivedHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(entry) ? entry.join(' ') : entry;
}

/**
 * Checks a delivery's Standard Webhooks signature (docs/api/events-and-webhooks.md "Signatures")
 * over the exact bytes received, and returns the event. Throws WebhookVerificationError.
 */
export function verify(rawBody: string | Buffer, headers: ReceivedHeaders, secret: string): Event {
  const signed: Record<string, string> = {};
  for (const name of SIGNATURE_HEADERS) {
    const value = header(headers, name);
    if (value === undefined) throw new WebhookVerificationError(`The ${name} header is missing.`);
    signed[name] = value;
  }
  try {
    return new Webhook(secret).verify(rawBody, signed) as Event;
  } catch (error) {
    if (error instanceof StandardWebhooksError) throw new WebhookVerificationError(error.message);
    throw error;
  }
}

/** The Standard Webhooks headers that sign `body` as message `id`, as the webhook-dispatcher sends them. */
export function sign(body: string, secret: string, { id, timestamp = new Date() }: { id: string; timestamp?: Date }): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, timestamp, body),
  };
}

/** A new signing secret in the platform's format: `whsec_` and 32 random bytes in base64. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export const webhooks = { verify, sign, generateSecret };
