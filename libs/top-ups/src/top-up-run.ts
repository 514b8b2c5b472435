import { findSavedCard, type SavedCard } from '@mintfax/accounts';
import type { CreditPackage } from '@mintfax/config';
import type { PrismaClient } from '@mintfax/db';
import { cancelTopUp, getTopUp, markTopUpPending, priceTopUp, type TopUpPrice } from '@mintfax/ledger';
import { recordTopUpFailed, simulateSandboxTopUp } from './top-up-settlement';

/** An off-session charge of a saved card for one top-up (billing makes it with Stripe). */
export interface OffSessionCharge {
  topUpId: string;
  accountId: string;
  card: SavedCard;
  price: TopUpPrice;
}

/**
 * What Stripe answered: the payment is taken (its webhook settles the top-up), or refused for a
 * reason. A failure to get an answer (network, Stripe's 5xx) throws, and the job runs again.
 */
export type ChargeOutcome = { kind: 'taken'; paymentIntentId: string } | { kind: 'refused'; code: string; message: string };

export type ChargeCard = (charge: OffSessionCharge) => Promise<ChargeOutcome>;

/** What one run of a top-up job did; the job's outcome. */
export type TopUpRunOutcome = 'credited' | 'charged' | 'failed' | 'canceled' | 'not_owed';

/**
 * One run of the job of an owed top-up. The sandbox pool is credited at once; the live pool's
 * saved card is charged for the package, and Stripe's webhook settles it (`charged`). A run after
 * the top-up left `owed` does nothing, so the job may run any number of times; the price is fixed
 * by the first run, so a repeated charge repeats the same request under its idempotency key.
 */
export async function runTopUp(prisma: PrismaClient, topUpId: string, packages: readonly CreditPackage[], chargeCard: ChargeCard): Promise<TopUpRunOutcome> {
  const topUp = await getTopUp(prisma, topUpId);
  if (!topUp || topUp.status !== 'owed') return 'not_owed';
  const fail = async (code: string, message: string) => {
    await prisma.$transaction((tx) => recordTopUpFailed(tx, null, topUpId, { code, message }));
    return 'failed' as const;
  };
  if (!topUp.autoTopUpEnabled) return (await cancelTopUp(prisma, topUpId)) ? 'canceled' : 'not_owed';

  const pkg = packages.find((candidate) => candidate.id === topUp.packageId);
  if (!pkg) return fail('package_unavailable', `The package "${topUp.packageId}" is no longer among CREDIT_PACKAGES; choose another one.`);
  const price = await priceTopUp(prisma, topUpId, { credits: pkg.credits, amount: pkg.amount, currency: pkg.currency });
  if (!price) return 'not_owed';

  if (topUp.poolType === 'sandbox') {
    const settled = await prisma.$transaction((tx) => simulateSandboxTopUp(tx, topUpId));
    return settled === 'topped_up' ? 'credited' : 'not_owed';
  }
  const card = await findSavedCard(prisma, topUp.accountId);
  if (!card) return fail('payment_method_required', 'No card saved by a credit purchase to charge; buy credits in the dashboard.');

  const outcome = await chargeCard({ topUpId, accountId: topUp.accountId, card, price });
  if (outcome.kind === 'refused') return fail(outcome.code, outcome.message);
  // False when the webhook got there first and settled it: nothing left to do either way.
  await markTopUpPending(prisma, topUpId, outcome.paymentIntentId);
  return 'charged';
}
