import type { Prisma } from '@mintfax/db';
import { credit } from '@mintfax/ledger';
import { ulid } from '@mintfax/db';

// Both recorders run inside the webhook's one transaction: the event id, the payment, the credit
// and the activation commit together or not at all.

type Tx = Prisma.TransactionClient;

/** The Stripe event being handled: its id is recorded so a redelivery changes nothing. */
export interface StripeEventRef {
  id: string;
  type: string;
}

/** A paid Checkout session for live credits, as billing mapped it from the Stripe event. */
export interface CheckoutPayment {
  accountId: string;
  credits: number;
  sessionId: string;
  paymentIntentId: string | null;
  customerId: string | null;
  /** The card, saved off-session by Checkout: what automatic top-ups charge. */
  paymentMethodId: string | null;
  amountTotal: number | null;
  currency: string | null;
}

export type PaymentRecorded =
  | { kind: 'credited'; paymentId: string; balance: number }
  | { kind: 'unknown_account' }
  | { kind: 'duplicate_event' }
  /** `checkout.session.completed` and `async_payment_succeeded` are two events for one payment. */
  | { kind: 'session_already_paid' };

/**
 * Records the payment, credits the live pool and activates the account, once per event and once
 * per Checkout session (its unique id lets only the first event credit).
 */
export async function recordCheckoutPayment(tx: Tx, event: StripeEventRef, payment: CheckoutPayment): Promise<PaymentRecorded> {
  if (!(await accountExists(tx, payment.accountId))) return { kind: 'unknown_account' };
  if (!(await claimStripeEvent(tx, event))) return { kind: 'duplicate_event' };
  const paymentId = `pay_${ulid()}`;
  const inserted = await tx.$executeRaw`
    INSERT INTO payments (id, account_id, stripe_checkout_session_id, stripe_payment_intent_id, stripe_customer_id,
                          stripe_payment_method_id, credits, amount_total, currency)
    VALUES (${paymentId}, ${payment.accountId}, ${payment.sessionId}, ${payment.paymentIntentId}, ${payment.customerId},
            ${payment.paymentMethodId}, ${BigInt(payment.credits)}, ${payment.amountTotal}, ${payment.currency})
    ON CONFLICT (stripe_checkout_session_id) DO NOTHING`;
  if (inserted === 0) return { kind: 'session_already_paid' };

  const movement = await credit(tx, { accountId: payment.accountId, type: 'live', amount: payment.credits, paymentId });
  // activated_at is set once and never cleared (docs/api/billing.md).
  await tx.$executeRaw`
    UPDATE accounts
    SET activated_at = COALESCE(activated_at, now()),
        stripe_customer_id = COALESCE(${payment.customerId}::text, stripe_customer_id),
        updated_at = now()
    WHERE id = ${payment.accountId}`;
  return { kind: 'credited', paymentId, balance: movement.balance };
}

export type CustomerSaved = 'customer_saved' | 'unknown_account' | 'duplicate_event';

/** A setup-mode session: remember the customer (and its saved card) without crediting or activating. */
export async function saveCheckoutCustomer(
  tx: Tx,
  event: StripeEventRef,
  { accountId, customerId }: { accountId: string; customerId: string },
): Promise<CustomerSaved> {
  if (!(await accountExists(tx, accountId))) return 'unknown_account';
  if (!(await claimStripeEvent(tx, event))) return 'duplicate_event';
  await tx.account.update({ where: { id: accountId }, data: { stripeCustomerId: customerId } });
  return 'customer_saved';
}

/** What Checkout needs of an account: a returning buyer pays as its stored Stripe customer. */
export function getCheckoutAccount(db: Tx, accountId: string): Promise<{ id: string; stripeCustomerId: string | null }> {
  return db.account.findUniqueOrThrow({ where: { id: accountId }, select: { id: true, stripeCustomerId: true } });
}

/** A payment as the dashboard's billing history shows it. */
export interface PaymentRow {
  id: string;
  /** Null for an automatic top-up's payment. */
  stripeCheckoutSessionId: string | null;
  credits: bigint;
  amountTotal: number | null;
  currency: string | null;
  createdAt: Date;
}

const PAYMENT_FIELDS = { id: true, stripeCheckoutSessionId: true, credits: true, amountTotal: true, currency: true, createdAt: true } as const;

/** The account's purchases, newest first. */
export function listPayments(db: Tx, accountId: string, limit: number): Promise<PaymentRow[]> {
  return db.payment.findMany({ where: { accountId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit, select: PAYMENT_FIELDS });
}

/** The payment a Checkout session of this account became, once its webhook was handled; null before. */
export function findPaymentOfSession(db: Tx, accountId: string, sessionId: string): Promise<PaymentRow | null> {
  return db.payment.findFirst({ where: { accountId, stripeCheckoutSessionId: sessionId }, select: PAYMENT_FIELDS });
}

async function accountExists(tx: Tx, accountId: string): Promise<boolean> {
  return (await tx.account.count({ where: { id: accountId } })) === 1;
}

/**
 * Records the event id; false when it is already recorded. A concurrent delivery of the same
 * event waits here on the primary key until the first commits, then inserts nothing.
 */
export async function claimStripeEvent(tx: Tx, event: StripeEventRef): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO stripe_events (id, type) VALUES (${event.id}, ${event.type}) ON CONFLICT (id) DO NOTHING`;
  return inserted === 1;
}
