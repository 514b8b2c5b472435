import type { ChargeCard, ChargeOutcome, OffSessionCharge } from '@mintfax/top-ups';
import Stripe from 'stripe';
import type { StripeClient } from '@mintfax/payments';

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
    let intent: Stripe.PaymentIntent;
    try {
      intent = await stripe.paymentIntents.create(paymentIntentParams(charge), { idempotencyKey: `top-up:${charge.topUpId}` });
    } catch (error) {
      // A card error is the bank's answer; an invalid request (card detached, customer deleted) will not pass on a retry either.
      if (error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeInvalidRequestError) {
        return refuse(stripe, error.payment_intent, error.code ?? error.type, error.message);
      }
      throw error;
    }
    switch (intent.status) {
      case 'succeeded':
      case 'processing':
        return { kind: 'taken', paymentIntentId: intent.id };
      case 'requires_action':
        return refuse(stripe, intent, 'requires_action', 'The bank wants the cardholder to authenticate this payment, which an automatic top-up cannot do.');
      default:
        return refuse(stripe, intent, intent.status, `Stripe left the payment ${intent.status}.`);
    }
  };
}

/**
 * A refused top-up is settled failed, so a PaymentIntent left open (one the cardholder could
 * still authenticate, say) is canceled first: it must never take money no top-up credits. A run
 * after an earlier one canceled it finds it canceled; one the cardholder confirmed meanwhile is a
 * payment after all, which its webhook settles.
 */
async function refuse(stripe: Stripe, intent: Stripe.PaymentIntent | undefined, code: string, message: string): Promise<ChargeOutcome> {
  const refused: ChargeOutcome = { kind: 'refused', code, message };
  if (!intent || intent.status === 'canceled') return refused;
  try {
    await stripe.paymentIntents.cancel(intent.id);
    return refused;
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
    const now = await stripe.paymentIntents.retrieve(intent.id);
    if (now.status === 'succeeded' || now.status === 'processing') return { kind: 'taken', paymentIntentId: now.id };
    if (now.status !== 'canceled') throw error;
    return refused;
  }
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
