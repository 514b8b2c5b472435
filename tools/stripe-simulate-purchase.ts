// `npm run stripe:simulate-purchase -- --account acct_… --credits 500 [--url http://localhost:3001]`
// Posts the signed checkout.session.completed (mode=payment, paid) Stripe would send after a
// Checkout purchase to the local billing service, so a developer can activate live without Stripe.
import { parseArgs } from 'node:util';
import Stripe from 'stripe';
import { ulid } from 'ulid';
import { DEV_STRIPE_WEBHOOK_SECRET } from './dev/dev-stripe-secret';

const USAGE = 'usage: npm run stripe:simulate-purchase -- --account acct_… --credits 500 [--url http://localhost:3001]';
const WEBHOOK_PATH = '/v1/billing/stripe/webhook';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(1);
}

function readArgs(): { account: string; credits: number; url: string } {
  let values: { account?: string; credits?: string; url?: string };
  try {
    ({ values } = parseArgs({
      options: { account: { type: 'string' }, credits: { type: 'string' }, url: { type: 'string', default: 'http://localhost:3001' } },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (!values.account?.startsWith('acct_')) fail('--account must be an account id (acct_…).');
  const credits = Number(values.credits);
  if (!values.credits || !/^[0-9]+$/.test(values.credits) || !Number.isSafeInteger(credits) || credits <= 0) {
    fail('--credits must be a positive integer.');
  }
  return { account: values.account, credits, url: values.url ?? 'http://localhost:3001' };
}

/** The session as billing's own Checkout would produce it; no customer, so no fake id is stored on the account. */
function checkoutCompletedEvent(accountId: string, credits: number): string {
  const id = ulid();
  return JSON.stringify({
    id: `evt_simulated_${id}`,
    object: 'event',
    type: 'checkout.session.completed',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: {
        id: `cs_simulated_${id}`,
        object: 'checkout.session',
        mode: 'payment',
        status: 'complete',
        payment_status: 'paid',
        client_reference_id: accountId,
        customer: null,
        payment_intent: null,
        amount_total: null,
        currency: null,
        metadata: { account_id: accountId, pool: 'live', credits: String(credits) },
      },
    },
  });
}

async function main(): Promise<void> {
  const { account, credits, url } = readArgs();
  // The dev runner gives billing the same fallback, so both sides agree without configuration.
  const secret = process.env.STRIPE_WEBHOOK_SECRET || DEV_STRIPE_WEBHOOK_SECRET;
  const payload = checkoutCompletedEvent(account, credits);
  const endpoint = new URL(WEBHOOK_PATH, url).toString();

  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }),
      },
      body: payload,
    });
  } catch (error) {
    fail(`Could not reach billing at ${endpoint} (${(error as Error).message}); is \`npm start\` running?`);
  }
  const body = await response.text();
  process.stdout.write(`POST ${endpoint} → ${response.status}\n${body}\n`);
  if (!response.ok) process.exit(1);

  const outcome = (JSON.parse(body) as { outcome?: string }).outcome;
  if (outcome === 'credited') {
    process.stdout.write(`Credited ${credits} live credits to ${account}; the account is activated.\n`);
  } else {
    process.stdout.write(`Nothing credited (${outcome}); the billing log says why.\n`);
    process.exit(1);
  }
}

main().catch((error: Error) => fail(error.message));
