import type { Prisma } from '@mintfax/db';
import { ulid } from '@mintfax/db';

type Db = Prisma.TransactionClient;

/** A card Stripe may charge off-session: saved by a Checkout purchase, recorded with its payment. */
export interface SavedCard {
  customerId: string;
  paymentMethodId: string;
}

/** The card of the account's newest payment that recorded one; automatic top-ups charge it. */
export async function findSavedCard(db: Db, accountId: string): Promise<SavedCard | null> {
  const payment = await db.payment.findFirst({
    where: { accountId, stripeCustomerId: { not: null }, stripePaymentMethodId: { not: null } },
    orderBy: { createdAt: 'desc' },
    select: { stripeCustomerId: true, stripePaymentMethodId: true },
  });
  if (!payment?.stripeCustomerId || !payment.stripePaymentMethodId) return null;
  return { customerId: payment.stripeCustomerId, paymentMethodId: payment.stripePaymentMethodId };
}

export interface TopUpPayment {
  accountId: string;
  topUpId: string;
  credits: number;
  paymentIntentId: string;
  customerId: string | null;
  paymentMethodId: string | null;
  amount: number | null;
  currency: string | null;
}

/** The payment of an automatic top-up; unique per top-up, so a top-up is paid for once. Returns its id. */
export async function recordTopUpPayment(tx: Db, payment: TopUpPayment): Promise<string> {
  const id = `pay_${ulid()}`;
  await tx.payment.create({
    data: {
      id,
      accountId: payment.accountId,
      topUpId: payment.topUpId,
      stripePaymentIntentId: payment.paymentIntentId,
      stripeCustomerId: payment.customerId,
      stripePaymentMethodId: payment.paymentMethodId,
      credits: BigInt(payment.credits),
      amountTotal: payment.amount,
      currency: payment.currency,
    },
  });
  return id;
}
