import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { billingConfigSpec, loadConfig } from '@mintfax/config';
import type { EnvironmentType, PrismaService } from '@mintfax/db';
import { hold, release, type PoolBalance as Pool } from '@mintfax/ledger';
import {
  createTestAccount,
  createTestEnvironment,
  freePort,
  lowBalanceEventsSql,
  pdfDocument,
  serviceEnv,
  spawnApp,
  testPrisma,
  useTestInfrastructure,
  waitFor,
  type SpawnedApp,
  type TestAccount,
} from '@mintfax/testing';
import { bootstrap } from '../src/main';
import { startFakeStripeApi, TEST_CARDS, type FakeStripeApi } from './fake-stripe-api';
import { checkoutSession, deliver, purchaseMetadata, stripeEvent } from './stripe-test-events';

const SECRET = 'whsec_top_up_e2e';
const PACKAGES = 'starter:500:500,growth:2500:2250';


interface BalanceEvent {
  id: string;
  type: string;
  environment_id: string;
  data: { object: Pool; top_up?: Record<string, unknown> };
}

/** A webhook endpoint: every event POSTed to it, parsed. */
async function startReceiver(): Promise<{ url: string; received: BalanceEvent[]; close(): Promise<void> }> {
  const received: BalanceEvent[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as BalanceEvent);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// Automatic top-up end to end: the gateway (its own process) takes submissions and settings,
// billing (in this process) charges the card through a Stripe stand-in that, like Stripe,
// reports each PaymentIntent to billing's webhook — twice at once here — and the dispatcher
// delivers the balance events to the endpoints of the pool's environments.
describe('automatic top-up', () => {
  const infra = useTestInfrastructure();
  let stripe: FakeStripeApi;
  let billing: NestFastifyApplication;
  let billingUrl: string;
  let gateway: SpawnedApp;
  let gatewayUrl: string;
  let dispatcher: SpawnedApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let prisma: PrismaService;

  beforeAll(async () => {
    stripe = await startFakeStripeApi();
    receiver = await startReceiver();
    const env = { ...serviceEnv(infra()), CREDIT_PACKAGES: PACKAGES };
    billing = await bootstrap(
      loadConfig(billingConfigSpec, {
        ...env,
        BILLING_PORT: '0',
        STRIPE_SECRET_KEY: 'sk_test_top_up',
        STRIPE_API_BASE: stripe.url,
        STRIPE_WEBHOOK_SECRET: SECRET,
        TOP_UP_SWEEP_INTERVAL_MS: '100',
      }),
    );
    billingUrl = await billing.getUrl();
    const port = await freePort();
    gatewayUrl = `http://127.0.0.1:${port}`;
    gateway = spawnApp('api-gateway', { ...env, GATEWAY_PORT: String(port), RATE_LIMIT_LIVE: '100000', RATE_LIMIT_SANDBOX: '100000', UPLOADS_PER_ACCOUNT: '1000' });
    dispatcher = spawnApp('webhook-dispatcher', { ...env, WORKER_HTTP_PORT: '0', ALLOW_PRIVATE_WEBHOOK_URLS: 'true' });
    await waitFor('the gateway to answer', () => fetch(`${gatewayUrl}/healthz`).then((r) => (r.ok ? true : undefined), () => undefined));
    prisma = testPrisma(infra().databaseUrl);
  });

  beforeEach(() => {
    stripe.reset();
    stripe.sendEventsTo({ url: billingUrl, secret: SECRET, copies: 2 });
  });

  afterAll(async () => {
    await Promise.all([gateway?.stop(), dispatcher?.stop()]);
    await billing?.close();
    await prisma?.$disconnect();
    await stripe?.close();
    await receiver?.close();
  });

  const call = (key: string, method: string, path: string, body?: unknown) =>
    fetch(`${gatewayUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const events = async (key: string, type: string) =>
    ((await (await call(key, 'GET', `/v1/events?type=${type}&limit=100`)).json()) as { data: BalanceEvent[] }).data;
  const pool = async (acct: TestAccount, type: EnvironmentType) =>
    ((await (await call(acct.accountKey, 'GET', '/v1/account/balance')).json()) as { pools: Pool[] }).pools.find((p) => p.type === type)!;
  const topUps = (acct: TestAccount) => prisma.topUp.findMany({ where: { pool: { accountId: acct.accountId } }, orderBy: { createdAt: 'asc' } });
  const settled = (acct: TestAccount, count = 1) =>
    waitFor('the top-up to settle', async () => {
      const rows = await topUps(acct);
      return rows.length >= count && rows.every((row) => row.status !== 'owed' && row.status !== 'pending') ? rows : undefined;
    });

  /** Activate Live through Checkout, paying `credits` with `card`: the webhook records the card with the payment. */
  async function activate(credits: number, card: string = TEST_CARDS.succeeds): Promise<TestAccount> {
    const acct = await createTestAccount(prisma);
    const session = checkoutSession({ customer: 'cus_top_up', metadata: purchaseMetadata(acct.accountId, credits) });
    stripe.setCheckoutCard(session.payment_intent as string, card);
    const response = await deliver(billingUrl, stripeEvent('checkout.session.completed', session).body, { secret: SECRET });
    expect(await response.json()).toEqual({ received: true, outcome: 'credited' });
    return acct;
  }

  const autoTopUp = (acct: TestAccount, type: EnvironmentType, threshold: number) =>
    call(acct.accountKey, 'PATCH', `/v1/account/pools/${type}`, { low_balance_threshold: threshold, auto_top_up: { enabled: true, package_id: 'starter' } });
  const holdLive = (acct: TestAccount, amount: number) => hold(prisma, { accountId: acct.accountId, type: 'live', amount }, lowBalanceEventsSql);

  it('records the card a Checkout purchase saved, with the Stripe customer, on the payment', async () => {
    const acct = await activate(100);

    const [payment] = await prisma.payment.findMany({ where: { accountId: acct.accountId } });
    expect(payment).toMatchObject({ stripeCustomerId: 'cus_top_up', stripePaymentMethodId: TEST_CARDS.succeeds, credits: 100n });
    expect(stripe.requests).toEqual([expect.objectContaining({ method: 'GET', path: `/v1/payment_intents/${payment.stripePaymentIntentId}` })]);
  });

  it('faxes draining the live pool below 50 bring one balance.low, one off-session charge and one balance.topup, credited once though Stripe reports it twice at once', async () => {
    const acct = await activate(100);
    const second = await createTestEnvironment(prisma, acct.accountId, { type: 'live', name: 'Live 2' });
    for (const key of [acct.liveKey, second.key]) {
      expect((await call(key, 'POST', '/v1/webhooks', { url: receiver.url, events: ['balance.low', 'balance.topup'] })).status).toBe(201);
    }
    expect((await autoTopUp(acct, 'live', 50)).status).toBe(200);

    const document = (await pdfDocument(1)).toString('base64');
    const submissions = await Promise.all(
      Array.from({ length: 60 }, () => call(acct.liveKey, 'POST', '/v1/faxes', { to: '+12025550123', file: { content_base64: document, filename: 'a.pdf' } })),
    );
    expect(submissions.map((response) => response.status)).toEqual(Array(60).fill(201));
    const [topUp] = await settled(acct);

    expect(topUp).toMatchObject({ status: 'succeeded', packageId: 'starter', credits: 500n, amount: 500, currency: 'usd' });
    expect(stripe.paymentIntents).toHaveLength(1);
    const [charge] = stripe.requests.filter((request) => request.method === 'POST' && request.path === '/v1/payment_intents');
    expect(charge.headers['idempotency-key']).toBe(`top-up:${topUp.id}`);
    expect(charge.form).toMatchObject({
      amount: '500',
      currency: 'usd',
      customer: 'cus_top_up',
      payment_method: TEST_CARDS.succeeds,
      off_session: 'true',
      confirm: 'true',
      'metadata[top_up_id]': topUp.id,
      'metadata[account_id]': acct.accountId,
    });
    expect((await stripe.deliveriesSettled()).map((body) => (JSON.parse(body) as { outcome: string }).outcome).sort()).toEqual(['duplicate_event', 'topped_up']);

    // 100 bought, 60 held, then the package: credited exactly once.
    expect(await pool(acct, 'live')).toEqual({ type: 'live', balance: 600, held: 60, available: 540, low_balance_threshold: 50, auto_top_up: { enabled: true, package_id: 'starter' } });
    const payment = await prisma.payment.findUniqueOrThrow({ where: { topUpId: topUp.id } });
    expect(payment).toMatchObject({ stripePaymentIntentId: stripe.paymentIntents[0].id, credits: 500n, amountTotal: 500, stripePaymentMethodId: TEST_CARDS.succeeds });
    const purchases = await prisma.ledgerEntry.findMany({ where: { pool: { accountId: acct.accountId, type: 'live' }, type: 'purchase' }, orderBy: { seq: 'asc' } });
    expect(purchases.map((entry) => [entry.amount, entry.paymentId])).toEqual([
      [100n, expect.any(String)],
      [500n, payment.id],
    ]);

    for (const key of [acct.liveKey, second.key]) {
      expect(await events(key, 'balance.low')).toEqual([expect.objectContaining({ data: { object: expect.objectContaining({ available: 49, balance: 100 }) } })]);
      const [topped] = await events(key, 'balance.topup');
      expect(topped.data).toEqual({
        object: { type: 'live', balance: 600, held: expect.any(Number), available: expect.any(Number), low_balance_threshold: 50, auto_top_up: { enabled: true, package_id: 'starter' } },
        top_up: { id: topUp.id, package_id: 'starter', credits: 500, payment_id: payment.id },
      });
      expect(await events(key, 'balance.topup')).toHaveLength(1);
    }
    const delivered = await waitFor('the webhooks', async () => {
      const mine = receiver.received.filter((event) => [acct.liveEnvironmentId, second.environmentId].includes(event.environment_id));
      return mine.length >= 4 ? mine : undefined;
    });
    expect(delivered.map((event) => `${event.environment_id} ${event.type}`).sort()).toEqual(
      [acct.liveEnvironmentId, second.environmentId].flatMap((environment) => [`${environment} balance.low`, `${environment} balance.topup`]).sort(),
    );

    // Stripe reporting the same payment again under another event id credits nothing more.
    const again = stripeEvent('payment_intent.succeeded', { ...stripe.paymentIntents[0] });
    expect(await (await deliver(billingUrl, again.body, { secret: SECRET })).json()).toEqual({ received: true, outcome: 'top_up_already_settled' });
    expect((await pool(acct, 'live')).balance).toBe(600);
  });

  it.each([
    ['a declined card', TEST_CARDS.declined, 'card_declined'],
    ['a card the bank wants authenticated', TEST_CARDS.authenticationRequired, 'authentication_required'],
    ['a payment left requires_action', TEST_CARDS.requiresAction, 'requires_action'],
  ])('with %s: balance.topup_failed with the reason, nothing credited, the PaymentIntent canceled', async (_what, card, reason) => {
    const acct = await activate(100, card);
    await autoTopUp(acct, 'live', 50);

    await holdLive(acct, 60);
    const [topUp] = await settled(acct);
    await stripe.deliveriesSettled();

    expect(topUp).toMatchObject({ status: 'failed', failureCode: reason });
    // Left open, a PaymentIntent could still be confirmed and take money no top-up credits.
    expect(stripe.paymentIntents.map((intent) => intent.status)).toEqual(['canceled']);
    expect(await pool(acct, 'live')).toMatchObject({ balance: 100, available: 40, auto_top_up: { enabled: true, package_id: 'starter' } });
    expect(await prisma.payment.count({ where: { topUpId: topUp.id } })).toBe(0);
    const failed = await events(acct.liveKey, 'balance.topup_failed');
    expect(failed.map((event) => event.data.top_up)).toEqual([
      {
        id: topUp.id,
        package_id: 'starter',
        credits: 500,
        failure_code: reason,
        failure_message: expect.any(String),
        failures_in_a_row: 1,
        auto_top_up_disabled: false,
      },
    ]);
    expect(await events(acct.liveKey, 'balance.topup')).toEqual([]);
  });

  it('turns auto top-up off after three failures in a row, and says so', async () => {
    const acct = await activate(100, TEST_CARDS.declined);
    await autoTopUp(acct, 'live', 50);

    for (let crossing = 1; crossing <= 3; crossing += 1) {
      const held = await holdLive(acct, 60);
      await settled(acct, crossing);
      await release(prisma, { holdId: held.holdId });
    }
    const failed = await events(acct.liveKey, 'balance.topup_failed');
    expect(failed.map((event) => [event.data.top_up?.failures_in_a_row, event.data.top_up?.auto_top_up_disabled]).reverse()).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(failed[0].data.object.auto_top_up).toEqual({ enabled: false, package_id: 'starter' });
    expect((await pool(acct, 'live')).auto_top_up.enabled).toBe(false);

    // The next crossing still warns, and charges nothing.
    await holdLive(acct, 60);
    expect(await events(acct.liveKey, 'balance.low')).toHaveLength(4);
    expect(await topUps(acct)).toHaveLength(3);
    expect(stripe.paymentIntents).toHaveLength(3);
  });

  it('tops the sandbox pool up at once, simulated: a sandbox_topup entry, balance.topup, no Stripe call', async () => {
    const acct = await createTestAccount(prisma, { sandboxGrant: 100 });
    expect((await autoTopUp(acct, 'sandbox', 50)).status).toBe(200);

    await hold(prisma, { accountId: acct.accountId, type: 'sandbox', amount: 60 }, lowBalanceEventsSql);
    const [topUp] = await settled(acct);

    expect(topUp.status).toBe('succeeded');
    expect(await pool(acct, 'sandbox')).toMatchObject({ balance: 600, held: 60, available: 540 });
    const entries = await prisma.ledgerEntry.findMany({ where: { pool: { accountId: acct.accountId, type: 'sandbox' }, type: 'sandbox_topup' } });
    expect(entries.map((entry) => [entry.amount, entry.paymentId])).toEqual([[500n, null]]);
    const [topped] = await events(acct.sandboxKey, 'balance.topup');
    expect(topped.data.top_up).toEqual({ id: topUp.id, package_id: 'starter', credits: 500, payment_id: null });
    expect(stripe.requests).toEqual([]);
  });
});
