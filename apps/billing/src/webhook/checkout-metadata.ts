import type Stripe from 'stripe';

/** What billing writes on every Checkout session it creates (see checkout-session-params.ts in libs/payments). */
export interface PurchaseMetadata {
  accountId: string;
  credits: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** `metadata.account_id`, the one field a setup-mode session needs to find its account. */
export function parseAccountId(metadata: Stripe.Metadata | null | undefined): Parsed<string> {
  const accountId = metadata?.account_id;
  if (!accountId) return { ok: false, reason: 'metadata.account_id is missing' };
  return { ok: true, value: accountId };
}

/**
 * A live credit purchase: `{ account_id, pool: "live", credits }`. Stripe signs the event, so these
 * values are the ones billing set; anything else is a session billing did not create.
 */
export function parsePurchaseMetadata(metadata: Stripe.Metadata | null | undefined): Parsed<PurchaseMetadata> {
  const accountId = parseAccountId(metadata);
  if (!accountId.ok) return accountId;
  if (metadata?.pool !== 'live') {
    return { ok: false, reason: `metadata.pool must be "live", got ${JSON.stringify(metadata?.pool ?? null)}` };
  }
  const raw = metadata.credits;
  const credits = Number(raw);
  if (!raw || !/^[0-9]+$/.test(raw) || !Number.isSafeInteger(credits) || credits <= 0) {
    return { ok: false, reason: `metadata.credits must be a positive integer, got ${JSON.stringify(raw ?? null)}` };
  }
  return { ok: true, value: { accountId: accountId.value, credits } };
}

/** Stripe fields that are an id, or the object when expanded. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
