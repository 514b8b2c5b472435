import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

export const WEBHOOK_PATH = '/v1/billing/stripe/webhook';

const randomId = (prefix: string) => `${prefix}_test_${randomBytes(8).toString('hex')}`;

export interface SessionFields {
  id?: string;
  mode?: 'payment' | 'setup';
  payment_status?: 'paid' | 'unpaid' | 'no_payment_required';
  customer?: string | null;
  metadata?: Record<string, string> | null;
  amount_total?: number | null;
  currency?: string | null;
}

/** A Checkout session as Stripe sends it in an event, with only the fields billing reads filled in. */
export function checkoutSession(fields: SessionFields = {}): Record<string, unknown> {
  const mode = fields.mode ?? 'payment';
  return {
    id: fields.id ?? randomId('cs'),
    object: 'checkout.session',
    mode,
    status: 'complete',
    payment_status: fields.payment_status ?? (mode === 'setup' ? 'no_payment_required' : 'paid'),
    customer: fields.customer === undefined ? randomId('cus') : fields.customer,
    payment_intent: mode === 'payment' ? randomId('pi') : null,
    setup_intent: mode === 'setup' ? randomId('seti') : null,
    metadata: fields.metadata === undefined ? {} : fields.metadata,
    amount_total: fields.amount_total === undefined ? (mode === 'payment' ? 500 : null) : fields.amount_total,
    currency: fields.currency === undefined ? (mode === 'payment' ? 'usd' : null) : fields.currency,
  };
}

/** The metadata billing puts on the sessions it creates. */
export const purchaseMetadata = (accountId: string, credits: number | string) => ({
  account_id: accountId,
  pool: 'live',
  credits: String(credits),
});

export function stripeEvent(type: string, object: Record<string, unknown>, id = randomId('evt')): { id: string; body: string } {
  const event = {
    id,
    object: 'event',
    api_version: '2025-01-01',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
  return { id, body: JSON.stringify(event) };
}

/** The Stripe-Signature header Stripe would send for `body` (the SDK's own helper). */
export function sign(body: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
}

/** Posts `body` to the webhook, signed with `secret` now unless a header (or null: none) is given. */
export function deliver(baseUrl: string, body: string, { secret, signature }: { secret: string; signature?: string | null }): Promise<Response> {
  const header = signature !== undefined ? signature : sign(body, secret);
  return fetch(`${baseUrl}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(header === null ? {} : { 'stripe-signature': header }) },
    body,
  });
}
