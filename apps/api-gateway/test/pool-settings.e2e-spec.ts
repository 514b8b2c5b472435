import type { PrismaService } from '@mintfax/db';
import type { PoolBalance as Pool } from '@mintfax/ledger';
import { createTestAccount, createTestEnvironment, pdfDocument, serviceEnv, testPrisma, useTestInfrastructure, type TestAccount } from '@mintfax/testing';
import { startGateway, type Gateway } from './support/gateway';

interface Envelope {
  error: string;
  action: string;
  context?: { errors?: Record<string, string[]> };
}


const NO_TOP_UP = { enabled: false, package_id: null };

describe('pool settings and balance.low', () => {
  const infra = useTestInfrastructure();
  let gateway: Gateway;
  let prisma: PrismaService;

  beforeAll(async () => {
    gateway = await startGateway({ ...serviceEnv(infra()), CREDIT_PACKAGES: 'starter:500:500,growth:2500:2250' });
    prisma = testPrisma(infra().databaseUrl);
  });

  afterAll(async () => {
    await gateway.app.close();
    await prisma.$disconnect();
  });

  const patch = (acct: TestAccount, pool: string, body: unknown) => gateway.call('PATCH', `/v1/account/pools/${pool}`, { key: acct.accountKey, body });
  const pools = async (acct: TestAccount) => ((await (await gateway.call('GET', '/v1/account/balance', { key: acct.accountKey })).json()) as { pools: Pool[] }).pools;
  /** A Checkout purchase whose card Stripe saved, as billing records it. */
  const saveCard = (acct: TestAccount) =>
    prisma.payment.create({
      data: { id: `pay_${acct.accountId}`, accountId: acct.accountId, stripeCheckoutSessionId: `cs_${acct.accountId}`, stripeCustomerId: 'cus_1', stripePaymentMethodId: 'pm_card_visa', credits: 500n },
    });

  describe('PATCH /v1/account/pools/{type}', () => {
    it('sets the threshold and auto top-up of the sandbox pool and shows them on the pool, for both keys', async () => {
      const acct = await createTestAccount(prisma, { sandboxGrant: 100 });
      const response = await patch(acct, 'sandbox', { low_balance_threshold: 40, auto_top_up: { enabled: true, package_id: 'growth' } });

      const sandbox = { type: 'sandbox', balance: 100, held: 0, available: 100, low_balance_threshold: 40, auto_top_up: { enabled: true, package_id: 'growth' } };
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(sandbox);
      expect(await pools(acct)).toEqual([sandbox, { type: 'live', balance: 0, held: 0, available: 0, low_balance_threshold: null, auto_top_up: NO_TOP_UP }]);
      const environment = await gateway.call('GET', '/v1/environment/balance', { key: acct.sandboxKey });
      expect(await environment.json()).toEqual(sandbox);
    });

    it('keeps the fields not sent, turns the warning off with null, and auto top-up off without forgetting the package', async () => {
      const acct = await createTestAccount(prisma, { sandboxGrant: 100 });
      await patch(acct, 'sandbox', { low_balance_threshold: 40, auto_top_up: { enabled: true, package_id: 'starter' } });

      expect(await (await patch(acct, 'sandbox', { low_balance_threshold: null })).json()).toMatchObject({
        low_balance_threshold: null,
        auto_top_up: { enabled: true, package_id: 'starter' },
      });
      expect(await (await patch(acct, 'sandbox', { auto_top_up: { enabled: false } })).json()).toMatchObject({
        low_balance_threshold: null,
        auto_top_up: { enabled: false, package_id: 'starter' },
      });
    });

    it.each([
      ['a negative threshold', { low_balance_threshold: -1 }, 'low_balance_threshold'],
      ['a fractional threshold', { low_balance_threshold: 12.5 }, 'low_balance_threshold'],
      ['a threshold as a string', { low_balance_threshold: '10' }, 'low_balance_threshold'],
      ['an unknown package', { auto_top_up: { enabled: true, package_id: 'mega' } }, 'auto_top_up.package_id'],
      ['auto top-up without a package', { auto_top_up: { enabled: true } }, 'auto_top_up.package_id'],
      ['enabled that is not a boolean', { auto_top_up: { enabled: 'yes', package_id: 'starter' } }, 'auto_top_up.enabled'],
      ['auto_top_up that is not an object', { auto_top_up: null }, 'auto_top_up'],
      ['an unknown field', { threshold: 5 }, 'threshold'],
    ])('refuses %s with 422 on the field and changes nothing', async (_what, body, field) => {
      const acct = await createTestAccount(prisma, { sandboxGrant: 100 });
      const before = await pools(acct);

      const response = await patch(acct, 'sandbox', body);

      expect(response.status).toBe(422);
      const envelope = (await response.json()) as Envelope;
      expect(envelope.error).toBe('validation_failed');
      expect(Object.keys(envelope.context?.errors ?? {})).toEqual([field]);
      expect(await pools(acct)).toEqual(before);
    });

    it('refuses auto top-up of the live pool with 409 payment_method_required until a purchase saved a card', async () => {
      const acct = await createTestAccount(prisma, { activated: true });
      const before = await pools(acct);

      const refused = await patch(acct, 'live', { low_balance_threshold: 50, auto_top_up: { enabled: true, package_id: 'starter' } });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ error: 'payment_method_required', action: 'buy_credits_in_dashboard' });
      expect(await pools(acct)).toEqual(before);

      await saveCard(acct);
      const accepted = await patch(acct, 'live', { low_balance_threshold: 50, auto_top_up: { enabled: true, package_id: 'starter' } });
      expect(accepted.status).toBe(200);
      expect(await accepted.json()).toMatchObject({ type: 'live', low_balance_threshold: 50, auto_top_up: { enabled: true, package_id: 'starter' } });
    });

    it('sets the live threshold without a card, as long as auto top-up stays off', async () => {
      const acct = await createTestAccount(prisma, { activated: true });
      const response = await patch(acct, 'live', { low_balance_threshold: 25 });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ low_balance_threshold: 25, auto_top_up: NO_TOP_UP });
    });

    it('answers 404 for a pool that is neither sandbox nor live, and 403 to an environment key', async () => {
      const acct = await createTestAccount(prisma);
      expect(await (await patch(acct, 'gold', { low_balance_threshold: 5 })).json()).toMatchObject({ error: 'not_found' });
      const withEnvironmentKey = await gateway.call('PATCH', '/v1/account/pools/sandbox', { key: acct.sandboxKey, body: { low_balance_threshold: 5 } });
      expect(withEnvironmentKey.status).toBe(403);
    });
  });

  describe('balance.low', () => {
    it('fires exactly once per environment of the pool when 50 concurrent submissions take it below the threshold', async () => {
      const acct = await createTestAccount(prisma, { sandboxGrant: 100, activated: true });
      const staging = await createTestEnvironment(prisma, acct.accountId);
      await patch(acct, 'sandbox', { low_balance_threshold: 75 });
      const document = (await pdfDocument(1)).toString('base64');

      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          gateway.call('POST', '/v1/faxes', { key: i % 2 ? acct.sandboxKey : staging.key, body: { to: '+15005550001', file: { content_base64: document, filename: 'a.pdf' } } }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(50).fill(201));

      const lowEvents = async (key: string) =>
        ((await (await gateway.call('GET', '/v1/events?type=balance.low', { key })).json()) as { data: { type: string; data: { object: Pool } }[] }).data;
      for (const key of [acct.sandboxKey, staging.key]) {
        const events = await lowEvents(key);
        expect(events).toHaveLength(1);
        // The one hold that took available from 75 to 74 fired it; the pool as that hold left it.
        expect(events[0].data.object).toEqual({ type: 'sandbox', balance: 100, held: 26, available: 74, low_balance_threshold: 75, auto_top_up: NO_TOP_UP });
      }
      expect(await lowEvents(acct.liveKey)).toEqual([]);
    });
  });
});
