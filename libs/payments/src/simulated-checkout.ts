import Stripe from 'stripe';
import { ulid } from '@mintfax/db';

/** Billing's Stripe webhook (docs/api/billing.md). */
export const STRIPE_WEBHOOK_PATH = '/v1/billing/stripe/webhook';

/**
 * The `checkout.session.completed` (mode=payment, paid) Stripe would send after billing's own
 * Checkout sold `credits` to the account, for development without Stripe. No customer, so no
 * made-up Stripe id is ever stored on the account.
 */
export function simulatedCheckoutCompleted(accountId: string, credits: number): { sessionId: string; payload: string } {
  const id = ulid();
  const sessionId = `cs_simulated_${id}`;
  const payload = JSON.stringify({
    id: `evt_simulated_${id}`,
    object: 'event',
    type: 'checkout.session.completed',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: {
        id: sessionId,
        object: 'checkout.session',
        mode: 'payment',
        status: 'complete',
        payment_status: 'paid',
        client_reference_id: accountId,
        customer: null,
        payment_intent: null,
        amount_total: null,
        currency: null,
        metadata: { account_id: accountId, pool: 'live', credits: String(credits) },
      },
    },
  });
  return { sessionId, payload };
}

/** POSTs an event to billing's webhook at `billingUrl`, signed with `secret` exactly as Stripe signs. */
export function postSignedStripeEvent(billingUrl: string, payload: string, secret: string): Promise<Response> {
  return fetch(new URL(STRIPE_WEBHOOK_PATH, billingUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }),
    },
    body: payload,
  });
}
