import type { Prisma } from '@mintfax/db';
import { credit } from '@mintfax/ledger';
import { ulid } from 'ulid';

// Each function runs inside the webhook's one transaction (see stripe-webhook.service.ts):
// the event id, the payment, the credit and the activation commit together or not at all.

type Tx = Prisma.TransactionClient;

/**
 * Records the event id; false when it is already recorded. A concurrent delivery of the same
 * event waits here on the primary key until the first commits, then inserts nothing.
 */
export async function claimEvent(tx: Tx, event: { id: string; type: string }): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO stripe_events (id, type) VALUES (${event.id}, ${event.type}) ON CONFLICT (id) DO NOTHING`;
  return inserted === 1;
}

export async function accountExists(tx: Tx, accountId: string): Promise<boolean> {
  return (await tx.account.count({ where: { id: accountId } })) === 1;
}

export interface Purchase {
  accountId: string;
  credits: number;
  sessionId: string;
  paymentIntentId: string | null;
  customerId: string | null;
  amountTotal: number | null;
  currency: string | null;
}

/**
 * Records the payment, credits the live pool and activates the account. Null when this session
 * was already paid for: `checkout.session.completed` and `async_payment_succeeded` are two
 * events for one payment, and the unique session id lets only the first one credit.
 */
export async function recordPurchase(tx: Tx, p: Purchase): Promise<{ paymentId: string; balance: number } | null> {
  const paymentId = `pay_${ulid()}`;
  const inserted = await tx.$executeRaw`
    INSERT INTO payments (id, account_id, stripe_checkout_session_id, stripe_payment_intent_id, stripe_customer_id,
                          credits, amount_total, currency)
    VALUES (${paymentId}, ${p.accountId}, ${p.sessionId}, ${p.paymentIntentId}, ${p.customerId},
            ${BigInt(p.credits)}, ${p.amountTotal}, ${p.currency})
    ON CONFLICT (stripe_checkout_session_id) DO NOTHING`;
  if (inserted === 0) return null;

  const movement = await credit(tx, { accountId: p.accountId, type: 'live', amount: p.credits, paymentId });
  // activated_at is set once and never cleared (API.md, "Billing").
  await tx.$executeRaw`
    UPDATE accounts
    SET activated_at = COALESCE(activated_at, now()),
        stripe_customer_id = COALESCE(${p.customerId}::text, stripe_customer_id),
        updated_at = now()
    WHERE id = ${p.accountId}`;
  return { paymentId, balance: movement.balance };
}

/** A setup-mode session: remember the customer (and its saved card) without crediting or activating. */
export async function saveCustomer(tx: Tx, accountId: string, customerId: string): Promise<void> {
  await tx.account.update({ where: { id: accountId }, data: { stripeCustomerId: customerId } });
}
