import { createHash } from 'node:crypto';
import { getCheckoutAccount } from '@mintfax/accounts';
import type { CreditPackage } from '@mintfax/config';
import type { Prisma } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import Stripe from 'stripe';
import { checkoutSessionParams, type CheckoutUrls } from './checkout-session-params';
import type { StripeClient } from './stripe-client';

/** docs/api/README.md "Idempotency". */
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export interface CheckoutRequest {
  accountId: string;
  packageId: string;
  packages: readonly CreditPackage[];
  urls: CheckoutUrls;
  idempotencyKey?: string;
}

/** The package of `packageId` among the configured ones, or 422 on `package` naming the choices. */
export function findCreditPackage(packages: readonly CreditPackage[], packageId: string): CreditPackage {
  const pkg = packages.find((candidate) => candidate.id === packageId);
  if (pkg) return pkg;
  const known = packages.map((candidate) => candidate.id).join(', ');
  throw new ApiError('validation_failed', { errors: { package: [`Unknown package "${packageId}"; choose one of: ${known}.`] } });
}

/** A Stripe Checkout page buying a credit package for the account's live pool: `{ url, id }`. */
export async function createCheckoutSession(
  stripe: StripeClient,
  db: Prisma.TransactionClient,
  { accountId, packageId, packages, urls, idempotencyKey }: CheckoutRequest,
): Promise<{ url: string; id: string }> {
  if (!stripe) {
    // No catalog code means "not available here"; not_found is the closest a client can act on.
    throw new ApiError(
      'not_found',
      undefined,
      'Checkout is not configured on this server (STRIPE_SECRET_KEY is not set); credits cannot be bought here until its operator configures Stripe.',
    );
  }
  const pkg = findCreditPackage(packages, packageId);
  const options = idempotencyKey === undefined ? undefined : { idempotencyKey: stripeIdempotencyKey(accountId, idempotencyKey) };

  const account = await getCheckoutAccount(db, accountId);
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(checkoutSessionParams(pkg, account, urls), options);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeIdempotencyError) {
      throw new ApiError('idempotency_key_reuse', undefined, { cause: error });
    }
    throw error;
  }
  if (!session.url) throw new Error(`Stripe returned Checkout session ${session.id} without a url.`);
  return { url: session.url, id: session.id };
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
