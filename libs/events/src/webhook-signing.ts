import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const SECRET_PREFIX = 'whsec_';
/** Standard Webhooks asks for 24 to 64 random bytes; 32 matches the HMAC-SHA256 block of entropy. */
const SECRET_BYTES = 32;
/** During a rotation the replaced secret keeps signing this long beside the new one (docs/api/events-and-webhooks.md "Deliveries"). */
export const PREVIOUS_SECRET_TTL_MS = 24 * 3_600_000;

/** A new endpoint signing secret, `whsec_` + base64 of random bytes (Standard Webhooks format). */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

export interface SigningSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The secrets a delivery at `now` is signed with: the current one, and the previous one while it lives. */
export function activeSecrets(endpoint: SigningSecrets, now: Date): string[] {
  const previousLives = endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now;
  return previousLives ? [endpoint.secret, endpoint.previousSecret as string] : [endpoint.secret];
}

/**
 * The Standard Webhooks headers of one delivery. `webhook-signature` carries one `v1,<base64>`
 * per secret, space separated, so receivers holding either secret verify it during a rotation.
 */
export function signedWebhookHeaders(secrets: readonly string[], messageId: string, timestamp: Date, body: string): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body)).join(' '),
  };
}
