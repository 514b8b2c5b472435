import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getCheckoutAccount } from '@mintfax/accounts';
import { APP_CONFIG, type BillingConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import Stripe from 'stripe';
import { STRIPE_CLIENT, type StripeClient } from '../stripe/stripe-client';
import { checkoutSessionParams } from './checkout-session-params';

/** docs/api/README.md "Idempotency". */
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

@Injectable()
export class CheckoutService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: BillingConfig,
    @Inject(STRIPE_CLIENT) private readonly stripe: StripeClient,
    private readonly prisma: PrismaService,
  ) {}

  async createSession(
    accountId: string,
    packageId: string,
    idempotencyKey: string | undefined,
  ): Promise<{ url: string; id: string }> {
    if (!this.stripe) {
      // No catalog code means "not available here"; not_found is the closest a client can act on.
      throw new ApiError(
        'not_found',
        undefined,
        'Checkout is not configured on this server (STRIPE_SECRET_KEY is not set); credits cannot be bought here until its operator configures Stripe.',
      );
    }
    const pkg = this.config.creditPackages.find((candidate) => candidate.id === packageId);
    if (!pkg) {
      const known = this.config.creditPackages.map((candidate) => candidate.id).join(', ');
      throw new ApiError('validation_failed', { errors: { package: [`Unknown package "${packageId}"; choose one of: ${known}.`] } });
    }
    const options = idempotencyKey === undefined ? undefined : { idempotencyKey: stripeIdempotencyKey(accountId, idempotencyKey) };

    const account = await getCheckoutAccount(this.prisma, accountId);
    const params = checkoutSessionParams(pkg, account, this.config);
    let session: Stripe.Checkout.Session;
    try {
      session = await this.stripe.checkout.sessions.create(params, options);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeIdempotencyError) {
        throw new ApiError('idempotency_key_reuse', undefined, { cause: error });
      }
      throw error;
    }
    if (!session.url) throw new Error(`Stripe returned Checkout session ${session.id} without a url.`);
    return { url: session.url, id: session.id };
  }
}

/**
 * Stripe keys idempotency per Stripe account, which all mintfax accounts share; our keys are
 * scoped per mintfax account (docs/api/README.md "Idempotency"), so the account id goes into Stripe's key.
 * Hashing keeps it within Stripe's 255 characters whatever the client sent.
 */
function stripeIdempotencyKey(accountId: string, key: string): string {
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new ApiError('validation_failed', {
      errors: { 'Idempotency-Key': [`Must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`] },
    });
  }
  return `checkout:${accountId}:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}
