import { Inject, Injectable } from '@nestjs/common';
import { findPaymentOfSession, listPayments, type PaymentRow } from '@mintfax/accounts';
import { createCheckoutSession, findCreditPackage, postSignedStripeEvent, simulatedCheckoutCompleted, STRIPE_CLIENT, type StripeClient } from '@mintfax/payments';
import { APP_CONFIG, type CreditPackage, type DashboardConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { getPool, toCredits, type PoolBalance } from '@mintfax/ledger';
import { LOGGER, type Logger } from '@mintfax/platform';

const PAYMENT_HISTORY = 50;

/** How this server sells credits: Stripe Checkout, the local checkout (development only), or not at all. */
export type CheckoutKind = 'stripe' | 'local' | 'unavailable';

export interface PaymentObject {
  id: string;
  /** Null for an automatic top-up. */
  checkout_session_id: string | null;
  credits: number;
  amount_total: number | null;
  currency: string | null;
  created_at: string;
}

export interface BillingObject {
  checkout: CheckoutKind;
  packages: CreditPackage[];
  payments: PaymentObject[];
}

/** A Checkout session seen from the return page: paid once billing's webhook recorded it. */
export interface CheckoutStatusObject {
  session_id: string;
  status: 'paid' | 'pending';
  payment: PaymentObject | null;
  live: PoolBalance;
}

@Injectable()
export class BillingService {
  readonly checkout: CheckoutKind;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(STRIPE_CLIENT) private readonly stripe: StripeClient,
    @Inject(APP_CONFIG) private readonly config: DashboardConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    // The local checkout exists for development only: production without Stripe sells nothing.
    this.checkout = stripe ? 'stripe' : config.mode === 'production' ? 'unavailable' : 'local';
  }

  async overview(accountId: string): Promise<BillingObject> {
    const payments = await listPayments(this.prisma, accountId, PAYMENT_HISTORY);
    return { checkout: this.checkout, packages: this.config.creditPackages, payments: payments.map(toPaymentObject) };
  }

  /** Where to send the buyer: Stripe's Checkout page, or the dashboard's local checkout. */
  async startCheckout(accountId: string, packageId: string): Promise<{ url: string }> {
    if (this.checkout === 'local') {
      findCreditPackage(this.config.creditPackages, packageId);
      return { url: `/billing/local-checkout?package=${encodeURIComponent(packageId)}` };
    }
    const returnUrl = new URL('/billing/return', this.config.publicUrl).toString();
    const { url } = await createCheckoutSession(this.stripe, this.prisma, {
      accountId,
      packageId,
      packages: this.config.creditPackages,
      // Stripe puts the session id where this placeholder stands.
      urls: { checkoutSuccessUrl: `${returnUrl}?session_id={CHECKOUT_SESSION_ID}`, checkoutCancelUrl: new URL('/billing?canceled=1', this.config.publicUrl).toString() },
    });
    return { url };
  }

  /**
   * The local checkout's "pay": billing's webhook receives the signed event Stripe would send for
   * this purchase (as `npm run stripe:simulate-purchase` does), so the same code credits and activates.
   */
  async completeLocalCheckout(accountId: string, packageId: string): Promise<{ session_id: string }> {
    if (this.checkout !== 'local') throw new ApiError('not_found', undefined, 'The local checkout exists only in development, without STRIPE_SECRET_KEY.');
    const pkg = findCreditPackage(this.config.creditPackages, packageId);
    const secret = this.config.stripeWebhookSecret;
    if (!secret) {
      throw new ApiError('internal_server_error', undefined, 'The local checkout cannot sign its event: STRIPE_WEBHOOK_SECRET is not set for the dashboard.');
    }
    const { sessionId, payload } = simulatedCheckoutCompleted(accountId, pkg.credits);
    let response: Response;
    try {
      response = await postSignedStripeEvent(this.config.billingUrl, payload, secret);
    } catch (error) {
      throw new ApiError('internal_server_error', undefined, { message: `The billing service at ${this.config.billingUrl} could not be reached; is it running?`, cause: error });
    }
    if (!response.ok) {
      this.logger.error({ status: response.status, body: await response.text() }, 'billing refused the local checkout event');
      throw new ApiError('internal_server_error', undefined, `The billing service answered ${response.status} to the local checkout; its log says why.`);
    }
    return { session_id: sessionId };
  }

  async checkoutStatus(accountId: string, sessionId: string): Promise<CheckoutStatusObject> {
    const [payment, live] = await Promise.all([findPaymentOfSession(this.prisma, accountId, sessionId), getPool(this.prisma, accountId, 'live')]);
    return { session_id: sessionId, status: payment ? 'paid' : 'pending', payment: payment && toPaymentObject(payment), live };
  }
}

function toPaymentObject(payment: PaymentRow): PaymentObject {
  return {
    id: payment.id,
    checkout_session_id: payment.stripeCheckoutSessionId,
    credits: toCredits(payment.credits),
    amount_total: payment.amountTotal,
    currency: payment.currency,
    created_at: payment.createdAt.toISOString(),
  };
}
