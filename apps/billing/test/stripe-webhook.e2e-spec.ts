import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { billingConfigSpec, loadConfig } from '@mintfax/config';
import type { PrismaService } from '@mintfax/db';
import { createTestAccount, serviceEnv, testPrisma, useTestInfrastructure } from '@mintfax/testing';
import { bootstrap } from '../src/main';
import { checkoutSession, deliver, purchaseMetadata, sign, stripeEvent } from './stripe-test-events';

const SECRET = 'whsec_billing_e2e_secret';
const REQUEST_ID = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;

describe('POST /v1/billing/stripe/webhook', () => {
  const infra = useTestInfrastructure();
  let app: NestFastifyApplication;
  let base: string;
  let prisma: PrismaService;

  beforeAll(async () => {
    app = await bootstrap(loadConfig(billingConfigSpec, { ...serviceEnv(infra()), BILLING_PORT: '0', STRIPE_WEBHOOK_SECRET: SECRET }));
    base = await app.getUrl();
    prisma = testPrisma(infra().databaseUrl);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await app?.close();
  });

  async function accountState(accountId: string) {
    const account = await prisma.account.findUniqueOrThrow({
      where: { id: accountId },
      select: { activatedAt: true, stripeCustomerId: true },
    });
    const pool = await prisma.pool.findUniqueOrThrow({ where: { accountId_type: { accountId, type: 'live' } } });
    const payments = await prisma.payment.findMany({ where: { accountId }, orderBy: { createdAt: 'asc' } });
    const purchases = await prisma.ledgerEntry.findMany({
      where: { pool: { accountId, type: 'live' }, type: 'purchase' },
      orderBy: { seq: 'asc' },
    });
    return { ...account, liveBalance: Number(pool.balance), payments, purchases };
  }

  const eventRecorded = async (id: string) => (await prisma.stripeEvent.count({ where: { id } })) === 1;

  async function expectOutcome(response: Response, outcome: string): Promise<void> {
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome });
  }

  function paidSession(accountId: string, credits = 500, fields: Parameters<typeof checkoutSession>[0] = {}) {
    return checkoutSession({ metadata: purchaseMetadata(accountId, credits), ...fields });
  }

  it('stores the customer of a setup-mode session without crediting or activating the account', async () => {
    const { accountId } = await createTestAccount(prisma);
    const session = checkoutSession({ mode: 'setup', customer: 'cus_setup_1', metadata: { account_id: accountId } });
    const event = stripeEvent('checkout.session.completed', session);

    await expectOutcome(await deliver(base, event.body, { secret: SECRET }), 'customer_saved');

    expect(await accountState(accountId)).toEqual({
      activatedAt: null,
      stripeCustomerId: 'cus_setup_1',
      liveBalance: 0,
      payments: [],
      purchases: [],
    });
    expect(await eventRecorded(event.id)).toBe(true);
  });

  it('credits a paid purchase to the live pool, records the payment and activates the account, in one go', async () => {
    const { accountId } = await createTestAccount(prisma);
    const session = paidSession(accountId, 500, { customer: 'cus_buyer_1', amount_total: 500, currency: 'usd' });
    const event = stripeEvent('checkout.session.completed', session);

    await expectOutcome(await deliver(base, event.body, { secret: SECRET }), 'credited');

    const state = await accountState(accountId);
    expect(state.liveBalance).toBe(500);
    expect(state.activatedAt).toBeInstanceOf(Date);
    expect(state.stripeCustomerId).toBe('cus_buyer_1');
    expect(state.payments).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^pay_[0-9A-HJKMNP-TV-Z]{26}$/),
        stripeCheckoutSessionId: session.id,
        stripePaymentIntentId: session.payment_intent,
        stripeCustomerId: 'cus_buyer_1',
        credits: 500n,
        amountTotal: 500,
        currency: 'usd',
      }),
    ]);
    expect(state.purchases).toEqual([
      expect.objectContaining({ amount: 500n, balanceAfter: 500n, availableAfter: 500n, paymentId: state.payments[0].id }),
    ]);
    expect(await eventRecorded(event.id)).toBe(true);
  });

  it('answers a replay of the same event with 200 and changes nothing', async () => {
    const { accountId } = await createTestAccount(prisma);
    const event = stripeEvent('checkout.session.completed', paidSession(accountId, 300));
    await expectOutcome(await deliver(base, event.body, { secret: SECRET }), 'credited');
    const before = await accountState(accountId);

    await expectOutcome(await deliver(base, event.body, { secret: SECRET }), 'duplicate_event');

    expect(await accountState(accountId)).toEqual(before);
    expect(before.liveBalance).toBe(300);
  });

  it('credits once when the same event is delivered 10 times at once', async () => {
    const { accountId } = await createTestAccount(prisma);
    const event = stripeEvent('checkout.session.completed', paidSession(accountId, 700));

    const responses = await Promise.all(Array.from({ length: 10 }, () => deliver(base, event.body, { secret: SECRET })));
    const outcomes = await Promise.all(
      responses.map(async (response) => [response.status, ((await response.json()) as { outcome: string }).outcome] as const),
    );

    expect(outcomes.filter(([, outcome]) => outcome === 'credited')).toHaveLength(1);
    expect(outcomes.filter(([status, outcome]) => status === 200 && outcome === 'duplicate_event')).toHaveLength(9);
    const state = await accountState(accountId);
    expect(state.liveBalance).toBe(700);
    expect(state.payments).toHaveLength(1);
    expect(state.purchases).toHaveLength(1);
  });

  it('waits for async_payment_succeeded when the session completes unpaid, then credits the session once', async () => {
    const { accountId } = await createTestAccount(prisma);
    const unpaid = paidSession(accountId, 400, { payment_status: 'unpaid' });

    await expectOutcome(await deliver(base, stripeEvent('checkout.session.completed', unpaid).body, { secret: SECRET }), 'awaiting_payment');
    expect(await accountState(accountId)).toMatchObject({ activatedAt: null, liveBalance: 0, payments: [] });

    const paid = { ...unpaid, payment_status: 'paid' };
    await expectOutcome(await deliver(base, stripeEvent('checkout.session.async_payment_succeeded', paid).body, { secret: SECRET }), 'credited');
    // Another event for the same session (Stripe's or a hand-made one) must not pay twice.
    await expectOutcome(await deliver(base, stripeEvent('checkout.session.completed', paid).body, { secret: SECRET }), 'session_already_paid');

    const state = await accountState(accountId);
    expect(state.liveBalance).toBe(400);
    expect(state.activatedAt).toBeInstanceOf(Date);
    expect(state.payments).toHaveLength(1);
    expect(state.purchases).toHaveLength(1);
  });

  it('adds a later purchase to the balance and keeps the first activation time', async () => {
    const { accountId } = await createTestAccount(prisma);
    await deliver(base, stripeEvent('checkout.session.completed', paidSession(accountId, 100, { customer: 'cus_a' })).body, { secret: SECRET });
    const first = await accountState(accountId);

    const second = stripeEvent('checkout.session.completed', paidSession(accountId, 250, { customer: 'cus_a' }));
    await expectOutcome(await deliver(base, second.body, { secret: SECRET }), 'credited');

    const state = await accountState(accountId);
    expect(first.activatedAt).toBeInstanceOf(Date);
    expect(state.activatedAt).toEqual(first.activatedAt);
    expect(state.liveBalance).toBe(350);
    expect(state.purchases.map((entry) => entry.balanceAfter)).toEqual([100n, 250n + 100n]);
  });

  describe('rejects a delivery Stripe did not sign with 400 and writes nothing', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const cases: [string, (body: string) => { body: string; signature: string | null }][] = [
      ['signed with another secret', (body) => ({ body, signature: sign(body, 'whsec_someone_else') })],
      ['with a body changed after signing', (body) => ({ body: body.replace('"credits":"500"', '"credits":"50000"'), signature: sign(body, SECRET) })],
      ['without a Stripe-Signature header', (body) => ({ body, signature: null })],
      ['with a garbage Stripe-Signature header', (body) => ({ body, signature: 't=1,v1=nope' })],
      ['signed more than 300 s ago', (body) => ({ body, signature: sign(body, SECRET, now() - 301) })],
    ];

    it.each(cases)('%s', async (_name, tamper) => {
      const { accountId } = await createTestAccount(prisma);
      const event = stripeEvent('checkout.session.completed', paidSession(accountId, 500));
      const attempt = tamper(event.body);

      const response = await deliver(base, attempt.body, { secret: SECRET, signature: attempt.signature });

      expect(response.status).toBe(400);
      const envelope = (await response.json()) as { request_id: string };
      expect(envelope).toEqual({
        error: 'invalid_request',
        message: expect.stringMatching(/Stripe-Signature/),
        action: 'fix_request',
        docs: 'http://localhost:3000/docs/errors/invalid-request',
        request_id: response.headers.get('x-request-id'),
      });
      expect(envelope.request_id).toMatch(REQUEST_ID);
      expect(await accountState(accountId)).toMatchObject({ activatedAt: null, liveBalance: 0, payments: [], purchases: [] });
      expect(await eventRecorded(event.id)).toBe(false);
    });
  });

  it('answers 200 to an event type it does not handle and records nothing', async () => {
    const event = stripeEvent('customer.created', { id: 'cus_ignored', object: 'customer' });

    await expectOutcome(await deliver(base, event.body, { secret: SECRET }), 'ignored');

    expect(await eventRecorded(event.id)).toBe(false);
  });

  describe('answers 200 and writes nothing for a paid session it cannot credit', () => {
    const cases: [string, (accountId: string) => Record<string, string> | null][] = [
      ['no metadata', () => null],
      ['metadata without account_id', () => ({ pool: 'live', credits: '500' })],
      ['an account that does not exist', () => purchaseMetadata('acct_01J9XYZQ8KH7B3R0WXAZP8VW6F', 500)],
      ['credits of 0', (accountId) => purchaseMetadata(accountId, 0)],
      ['negative credits', (accountId) => purchaseMetadata(accountId, -5)],
      ['fractional credits', (accountId) => purchaseMetadata(accountId, '1.5')],
      ['credits that are not a number', (accountId) => purchaseMetadata(accountId, 'lots')],
      ['credits beyond a safe integer', (accountId) => purchaseMetadata(accountId, '9007199254740993')],
      ['a pool other than live', (accountId) => ({ ...purchaseMetadata(accountId, 500), pool: 'sandbox' })],
    ];

    it.each(cases)('%s', async (_name, metadataFor) => {
      const { accountId } = await createTestAccount(prisma);
      const session = checkoutSession({ metadata: metadataFor(accountId) });
      const event = stripeEvent('checkout.session.completed', session);

      await expectOutcome(await deliver(base, event.body, { secret: SECRET }), 'ignored');

      expect(await accountState(accountId)).toEqual({ activatedAt: null, stripeCustomerId: null, liveBalance: 0, payments: [], purchases: [] });
      expect(await prisma.payment.count({ where: { stripeCheckoutSessionId: String(session.id) } })).toBe(0);
      expect(await eventRecorded(event.id)).toBe(false);
    });
  });

  describe('answers 200 and writes nothing for a correctly signed event that is malformed', () => {
    const cases: [string, (accountId: string) => string][] = [
      ['no data.object', () => withEvent({ data: {} })],
      ['a null data.object', () => withEvent({ data: { object: null } })],
      ['no data at all', () => withEvent({ data: undefined })],
      ['a session without an id', (accountId) => withEvent({ data: { object: { ...paidSession(accountId), id: undefined } } })],
      ['a session id that is not a string', (accountId) => withEvent({ data: { object: { ...paidSession(accountId), id: 42 } } })],
      ['an event without an id', (accountId) => withEvent({ id: undefined, data: { object: paidSession(accountId) } })],
      ['an event id that is null', (accountId) => withEvent({ id: null, data: { object: paidSession(accountId) } })],
      ['a string where the session should be', () => withEvent({ data: { object: 'cs_test_x' } })],
    ];

    function withEvent(overrides: Record<string, unknown>): string {
      const event = JSON.parse(stripeEvent('checkout.session.completed', {}).body) as Record<string, unknown>;
      return JSON.stringify({ ...event, ...overrides });
    }

    it.each(cases)('%s', async (_name, bodyFor) => {
      const { accountId } = await createTestAccount(prisma);
      const events = await prisma.stripeEvent.count();

      const response = await deliver(base, bodyFor(accountId), { secret: SECRET });

      expect(response.status).toBe(200);
      expect(await accountState(accountId)).toEqual({ activatedAt: null, stripeCustomerId: null, liveBalance: 0, payments: [], purchases: [] });
      expect(await prisma.stripeEvent.count()).toBe(events);
    });
  });
});

describe('POST /v1/billing/stripe/webhook without STRIPE_WEBHOOK_SECRET', () => {
  const infra = useTestInfrastructure();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await bootstrap(loadConfig(billingConfigSpec, { ...serviceEnv(infra()), BILLING_PORT: '0' }));
  });

  afterAll(() => app?.close());

  it('answers 500 saying the webhook secret is not configured, so Stripe retries later', async () => {
    const event = stripeEvent('checkout.session.completed', checkoutSession());

    const response = await deliver(await app.getUrl(), event.body, { secret: SECRET });

    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      error: 'internal_server_error',
      message: expect.stringContaining('STRIPE_WEBHOOK_SECRET is not set'),
    });
  });
});
