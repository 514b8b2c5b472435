import type { ChargeCard, ChargeOutcome, OffSessionCharge } from '@mintfax/top-ups';
import Stripe from 'stripe';
import type { StripeClient } from '../stripe/stripe-client';

/**
 * Charges a top-up to the saved card with an off-session PaymentIntent, confirmed at once. The
 * idempotency key is the top-up's, so a job run again after a lost answer gets the same
 * PaymentIntent back rather than a second charge. Stripe's refusals come back as reasons; failing
 * to reach Stripe throws, and the job retries.
 */
export function offSessionCharge(stripe: StripeClient): ChargeCard {
  return async (charge) => {
    if (!stripe) {
      return { kind: 'refused', code: 'stripe_not_configured', message: 'Stripe is not configured on this server (STRIPE_SECRET_KEY is not set).' };
    }
    try {
      const intent = await stripe.paymentIntents.create(paymentIntentParams(charge), { idempotencyKey: `top-up:${charge.topUpId}` });
      return outcomeOf(intent);
    } catch (error) {
      // A card error is the bank's answer; an invalid request (card detached, customer deleted) will not pass on a retry either.
      if (error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeInvalidRequestError) {
        return { kind: 'refused', code: error.code ?? error.type, message: error.message };
      }
      throw error;
    }
  };
}

function paymentIntentParams({ topUpId, accountId, card, price }: OffSessionCharge): Stripe.PaymentIntentCreateParams {
  return {
    amount: price.amount,
    currency: price.currency,
    customer: card.customerId,
    payment_method: card.paymentMethodId,
    off_session: true,
    confirm: true,
    description: `${price.credits} mintfax credits (automatic top-up)`,
    // The webhook finds the top-up by these; Stripe signs the event, so they can be trusted.
    metadata: { account_id: accountId, pool: 'live', credits: String(price.credits), top_up_id: topUpId },
  };
}

function outcomeOf(intent: Stripe.PaymentIntent): ChargeOutcome {
  switch (intent.status) {
    case 'succeeded':
    case 'processing':
      return { kind: 'taken', paymentIntentId: intent.id };
    case 'requires_action':
      return { kind: 'refused', code: 'requires_action', message: 'The bank wants the cardholder to authenticate this payment, which an automatic top-up cannot do.' };
    default:
      return { kind: 'refused', code: intent.status, message: `Stripe left the payment ${intent.status}.` };
  }
}
