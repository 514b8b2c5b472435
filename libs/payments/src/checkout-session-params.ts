import type { CreditPackage } from '@mintfax/config';
import type Stripe from 'stripe';

/** Where Checkout sends the buyer back to: after paying, and after giving up. */
export interface CheckoutUrls {
  checkoutSuccessUrl: string;
  checkoutCancelUrl: string;
}

/**
 * A one-off purchase of a credit package for the live pool. The webhook trusts `metadata`
 * (Stripe signs the event), so it carries everything crediting needs (docs/api/billing.md).
 */
export function checkoutSessionParams(
  pkg: CreditPackage,
  account: { id: string; stripeCustomerId: string | null },
  urls: CheckoutUrls,
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: pkg.currency,
          unit_amount: pkg.amount,
          product_data: { name: `${pkg.credits} mintfax credits (${pkg.id})` },
        },
      },
    ],
    // Saves the card on the customer, so later top-ups need no new card entry.
    payment_intent_data: { setup_future_usage: 'off_session' },
    // A returning buyer keeps one Stripe customer (and its saved cards); a first one gets one made.
    ...(account.stripeCustomerId ? { customer: account.stripeCustomerId } : { customer_creation: 'always' as const }),
    client_reference_id: account.id,
    metadata: { account_id: account.id, pool: 'live', credits: String(pkg.credits) },
    success_url: urls.checkoutSuccessUrl,
    cancel_url: urls.checkoutCancelUrl,
  };
}
