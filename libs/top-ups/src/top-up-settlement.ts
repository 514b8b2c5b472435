import { claimStripeEvent, recordTopUpPayment, type StripeEventRef } from '@mintfax/accounts';
import type { Prisma } from '@mintfax/db';
import { writePoolEvents } from '@mintfax/events';
import { credit, failTopUp, sandboxTopUp, succeedTopUp } from '@mintfax/ledger';

// Each settles a top-up in the caller's transaction, with its credit (if any) and its balance
// event: the conditional status change in libs/ledger lets only the first of the job and Stripe's
// webhook (or two deliveries of it) settle a top-up.

type Tx = Prisma.TransactionClient;

export type TopUpSettled = 'topped_up' | 'top_up_failed' | 'top_up_already_settled' | 'duplicate_event';

/** A live top-up's PaymentIntent succeeded, as Stripe's `payment_intent.succeeded` says. */
export interface TopUpPaid {
  topUpId: string;
  paymentIntentId: string;
  customerId: string | null;
  paymentMethodId: string | null;
  amount: number | null;
  currency: string | null;
}

/**
 * Once per Stripe event and once per top-up: the payment (unique per top-up), the `purchase` of
 * the top-up's credits into the live pool, and `balance.topup`.
 */
export async function recordTopUpPaid(tx: Tx, event: StripeEventRef, paid: TopUpPaid): Promise<TopUpSettled> {
  if (!(await claimStripeEvent(tx, event))) return 'duplicate_event';
  const settled = await succeedTopUp(tx, paid.topUpId, paid.paymentIntentId);
  if (!settled) return 'top_up_already_settled';
  if (settled.credits === null) throw new Error(`Top-up ${settled.id} was charged without a price.`);
  const paymentId = await recordTopUpPayment(tx, { ...paid, accountId: settled.accountId, credits: settled.credits });
  await credit(tx, { accountId: settled.accountId, type: settled.poolType, amount: settled.credits, paymentId });
  await writePoolEvents(tx, settled.poolId, {
    type: 'balance.topup',
    topUp: { id: settled.id, package_id: settled.packageId, credits: settled.credits, payment_id: paymentId },
  });
  return 'topped_up';
}

/**
 * A top-up that will not be paid (declined, needs the cardholder, no card): `balance.topup_failed`
 * with the reason, saying when this was the failure that turned auto top-up off. `event` when
 * Stripe's webhook reports it (recorded once), null when the charge itself was refused.
 */
export async function recordTopUpFailed(
  tx: Tx,
  event: StripeEventRef | null,
  topUpId: string,
  failure: { code: string; message: string },
): Promise<TopUpSettled> {
  if (event && !(await claimStripeEvent(tx, event))) return 'duplicate_event';
  const failed = await failTopUp(tx, topUpId, failure);
  if (!failed) return 'top_up_already_settled';
  await writePoolEvents(tx, failed.poolId, {
    type: 'balance.topup_failed',
    topUp: {
      id: failed.id,
      package_id: failed.packageId,
      credits: failed.credits,
      failure_code: failure.code,
      failure_message: failure.message,
      failures_in_a_row: failed.failuresInARow,
      auto_top_up_disabled: failed.autoTopUpDisabled,
    },
  });
  return 'top_up_failed';
}

/** The sandbox pool's top-up: credited at once as `sandbox_topup`, no Stripe, `balance.topup` all the same. */
export async function simulateSandboxTopUp(tx: Tx, topUpId: string): Promise<TopUpSettled> {
  const settled = await succeedTopUp(tx, topUpId, null);
  if (!settled) return 'top_up_already_settled';
  if (settled.credits === null) throw new Error(`Top-up ${settled.id} was credited without a price.`);
  await sandboxTopUp(tx, { accountId: settled.accountId, amount: settled.credits });
  await writePoolEvents(tx, settled.poolId, {
    type: 'balance.topup',
    topUp: { id: settled.id, package_id: settled.packageId, credits: settled.credits, payment_id: null },
  });
  return 'topped_up';
}
