import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { billingConfigSpec, loadConfig } from '@mintfax/config';
import type { PrismaService } from '@mintfax/db';
import { createTestAccount, serviceEnv, testPrisma, useTestInfrastructure, type TestAccount } from '@mintfax/testing';
import { bootstrap } from '../src/main';
import { startFakeStripeApi, type FakeStripeApi } from './fake-stripe-api';

const STRIPE_SECRET_KEY = 'sk_test_mintfax_e2e';
const SUCCESS_URL = 'https://app.example.test/billing/success?session={CHECKOUT_SESSION_ID}';
const CANCEL_URL = 'https://app.example.test/billing/cancel';

interface Envelope {
  error: string;
  message: string;
  context?: { errors?: Record<string, string[]> };
}

const post = (base: string, authorization: string | null, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/v1/billing/checkout-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }), ...headers },
    body: JSON.stringify(body),
  });

describe('POST /v1/billing/checkout-sessions', () => {
  const infra = useTestInfrastructure();
  let stripe: FakeStripeApi;
  let app: NestFastifyApplication;
  let base: string;
  let prisma: PrismaService;

  beforeAll(async () => {
    stripe = await startFakeStripeApi();
    app = await bootstrap(
      loadConfig(billingConfigSpec, {
        ...serviceEnv(infra()),
        BILLING_PORT: '0',
        STRIPE_SECRET_KEY,
        STRIPE_API_BASE: stripe.url,
        CREDIT_PACKAGES: 'starter:500:500,growth:2500:2250:eur',
        CHECKOUT_SUCCESS_URL: SUCCESS_URL,
        CHECKOUT_CANCEL_URL: CANCEL_URL,
      }),
    );
    base = await app.getUrl();
    prisma = testPrisma(infra().databaseUrl);
  });

  beforeEach(() => stripe.reset());

  afterAll(async () => {
    await prisma?.$disconnect();
    await app?.close();
    await stripe?.close();
  });

  const create = (account: TestAccount, body: unknown, headers: Record<string, string> = {}) =>
    post(base, `Bearer ${account.accountKey}`, body, headers);

  it('creates a payment-mode session for the package that saves the card and creates the customer', async () => {
    const account = await createTestAccount(prisma);

    const response = await create(account, { package: 'growth' });

    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 'cs_test_fake_1', url: 'https://checkout.stripe.test/c/pay/cs_test_fake_1' });
    expect(stripe.requests).toHaveLength(1);
    const [request] = stripe.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/checkout/sessions' });
    expect(request.headers.authorization).toBe(`Bearer ${STRIPE_SECRET_KEY}`);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.form).toEqual({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'eur',
      'line_items[0][price_data][unit_amount]': '2250',
      'line_items[0][price_data][product_data][name]': '2500 mintfax credits (growth)',
      'payment_intent_data[setup_future_usage]': 'off_session',
      customer_creation: 'always',
      client_reference_id: account.accountId,
      'metadata[account_id]': account.accountId,
      'metadata[pool]': 'live',
      'metadata[credits]': '2500',
      success_url: SUCCESS_URL,
      cancel_url: CANCEL_URL,
    });
  });

  it("charges a returning buyer as the account's stored Stripe customer", async () => {
    const account = await createTestAccount(prisma);
    await prisma.account.update({ where: { id: account.accountId }, data: { stripeCustomerId: 'cus_returning' } });

    const response = await create(account, { package: 'starter' });

    expect(response.status).toBe(201);
    expect(stripe.requests.map((request) => request.form)).toEqual([
      {
        mode: 'payment',
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': 'usd',
        'line_items[0][price_data][unit_amount]': '500',
        'line_items[0][price_data][product_data][name]': '500 mintfax credits (starter)',
        'payment_intent_data[setup_future_usage]': 'off_session',
        customer: 'cus_returning',
        client_reference_id: account.accountId,
        'metadata[account_id]': account.accountId,
        'metadata[pool]': 'live',
        'metadata[credits]': '500',
        success_url: SUCCESS_URL,
        cancel_url: CANCEL_URL,
      },
    ]);
  });

  it("passes the Idempotency-Key to Stripe scoped to the caller's account", async () => {
    const first = await createTestAccount(prisma);
    const second = await createTestAccount(prisma);
    const scoped = (accountId: string) => `checkout:${accountId}:${createHash('sha256').update('order-42').digest('hex')}`;

    for (const account of [first, first, second]) {
      expect((await create(account, { package: 'starter' }, { 'idempotency-key': 'order-42' })).status).toBe(201);
    }

    expect(stripe.requests.map((request) => request.headers['idempotency-key'])).toEqual([
      scoped(first.accountId),
      scoped(first.accountId),
      scoped(second.accountId),
    ]);
  });

  it('answers 409 idempotency_key_reuse when Stripe saw the key with other parameters', async () => {
    const account = await createTestAccount(prisma);
    stripe.respondWith(() => ({
      status: 400,
      body: { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters.' } },
    }));

    const response = await create(account, { package: 'growth' }, { 'idempotency-key': 'order-43' });

    expect(response.status).toBe(409);
    expect(((await response.json()) as Envelope).error).toBe('idempotency_key_reuse');
  });

  it('records that the account key was used', async () => {
    const account = await createTestAccount(prisma);
    const lastUsedAt = async () =>
      (await prisma.apiKey.findFirstOrThrow({ where: { accountId: account.accountId, kind: 'account' } })).lastUsedAt;
    expect(await lastUsedAt()).toBeNull();

    expect((await create(account, { package: 'starter' })).status).toBe(201);

    // Written after the answer, off the request path: wait for it rather than for a fixed time.
    for (let tries = 0; tries < 100 && !(await lastUsedAt()); tries += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await lastUsedAt()).toBeInstanceOf(Date);
  });

  it('answers 422 validation_failed on package for a package that is not configured, without calling Stripe', async () => {
    const account = await createTestAccount(prisma);

    const response = await create(account, { package: 'enterprise' });

    expect(response.status).toBe(422);
    const body = (await response.json()) as Envelope;
    expect(body.error).toBe('validation_failed');
    expect(body.context?.errors).toEqual({ package: ['Unknown package "enterprise"; choose one of: starter, growth.'] });
    expect(stripe.requests).toHaveLength(0);
  });

  it('answers 422 validation_failed on package when it is missing', async () => {
    const account = await createTestAccount(prisma);

    const response = await create(account, {});

    expect(response.status).toBe(422);
    expect(Object.keys(((await response.json()) as Envelope).context?.errors ?? {})).toEqual(['package']);
    expect(stripe.requests).toHaveLength(0);
  });

  describe('authenticates with an account key', () => {
    const cases: [string, (account: TestAccount) => Promise<string | null>, number, string][] = [
      ['no Authorization header', async () => null, 401, 'api_key_missing'],
      ['a header that is not a Bearer mintfax key', async (account) => `Basic ${account.accountKey}`, 401, 'unauthenticated'],
      ['a well-formed key nobody issued', async () => `Bearer mfx_acct_${'A'.repeat(40)}`, 401, 'api_key_invalid'],
      [
        'a revoked account key',
        async (account) => {
          await prisma.apiKey.updateMany({ where: { accountId: account.accountId, kind: 'account' }, data: { revokedAt: new Date() } });
          return `Bearer ${account.accountKey}`;
        },
        401,
        'api_key_invalid',
      ],
      [
        'a well-formed key with a trailing newline',
        async (account) => `Bearer ${account.accountKey}\\n`,
        401,
        'api_key_invalid',
      ],
      ['a sandbox key', async (account) => `Bearer ${account.sandboxKey}`, 403, 'key_not_scoped_for_account'],
      [
        'a live key of an activated account',
        async (account) => {
          await prisma.account.update({ where: { id: account.accountId }, data: { activatedAt: new Date() } });
          return `Bearer ${account.liveKey}`;
        },
        403,
        'key_not_scoped_for_account',
      ],
      // As in the gateway, the activation gate is part of authentication and comes before the key's scope.
      ['a live key of an account not activated', async (account) => `Bearer ${account.liveKey}`, 403, 'account_not_activated'],
    ];

    it.each(cases)('rejects %s', async (_name, authorizationFor, status, code) => {
      const account = await createTestAccount(prisma);

      const response = await post(base, await authorizationFor(account), { package: 'starter' });

      expect(response.status).toBe(status);
      expect(((await response.json()) as Envelope).error).toBe(code);
      expect(stripe.requests).toHaveLength(0);
    });

    it('says a padded key is sent with whitespace around it', async () => {
      const account = await createTestAccount(prisma);

      const response = await post(base, `Bearer ${account.accountKey}\u00a0`, { package: 'starter' });

      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'api_key_invalid', message: expect.stringMatching(/whitespace or a newline/) });
    });

    it('accepts the scheme in any case and several spaces before the key, as the gateway does', async () => {
      const account = await createTestAccount(prisma);

      for (const authorization of [`bearer ${account.accountKey}`, `BEARER  ${account.accountKey}`]) {
        expect((await post(base, authorization, { package: 'starter' })).status).toBe(201);
      }
    });
  });
});

describe('POST /v1/billing/checkout-sessions without STRIPE_SECRET_KEY', () => {
  const infra = useTestInfrastructure();
  let app: NestFastifyApplication;
  let prisma: PrismaService;

  beforeAll(async () => {
    app = await bootstrap(loadConfig(billingConfigSpec, { ...serviceEnv(infra()), BILLING_PORT: '0' }));
    prisma = testPrisma(infra().databaseUrl);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await app?.close();
  });

  it('answers not_found saying Checkout is not configured on this server', async () => {
    const account = await createTestAccount(prisma);

    const response = await post(await app.getUrl(), `Bearer ${account.accountKey}`, { package: 'starter' });

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: 'not_found',
      message: expect.stringMatching(/^Checkout is not configured on this server/),
    });
  });
});
