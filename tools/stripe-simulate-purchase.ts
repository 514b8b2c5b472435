// `npm run stripe:simulate-purchase -- --account acct_… --credits 500 [--url http://localhost:3001]`
// Posts the signed checkout.session.completed (mode=payment, paid) Stripe would send after a
// Checkout purchase to the local billing service, so a developer can activate live without Stripe.
import { parseArgs } from 'node:util';
import { postSignedStripeEvent, simulatedCheckoutCompleted, STRIPE_WEBHOOK_PATH } from '@mintfax/payments';
import { DEV_STRIPE_WEBHOOK_SECRET } from './dev/dev-stripe-secret';

const USAGE = 'usage: npm run stripe:simulate-purchase -- --account acct_… --credits 500 [--url http://localhost:3001]';

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

async function main(): Promise<void> {
  const { account, credits, url } = readArgs();
  // The dev runner gives billing the same fallback, so both sides agree without configuration.
  const secret = process.env.STRIPE_WEBHOOK_SECRET || DEV_STRIPE_WEBHOOK_SECRET;
  const { payload } = simulatedCheckoutCompleted(account, credits);
  const endpoint = new URL(STRIPE_WEBHOOK_PATH, url).toString();

  let response: Response;
  try {
    response = await postSignedStripeEvent(url, payload, secret);
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
