import { createApiKey, generateApiKey } from '@mintfax/accounts';
import type { PrismaService } from '@mintfax/db';
import { createTestAccount, testPrisma, serviceEnv, useTestInfrastructure, type TestAccount } from '@mintfax/testing';
import { startGateway, type Gateway } from './support/gateway';
import { rawHttp } from './support/raw-http';

describe('gateway authentication', () => {
  const infra = useTestInfrastructure();
  let gateway: Gateway;
  let prisma: PrismaService;
  let inactive: TestAccount;
  let active: TestAccount;

  beforeAll(async () => {
    gateway = await startGateway(serviceEnv(infra()));
    prisma = testPrisma(infra().databaseUrl);
    inactive = await createTestAccount(prisma);
    active = await createTestAccount(prisma, { activated: true, liveCredits: 50 });
  });

  afterAll(async () => {
    await gateway.app.close();
    await prisma.$disconnect();
  });

  async function expectError(response: Response, status: number, code: string) {
    expect({ status: response.status, error: ((await response.json()) as { error: string }).error }).toEqual({ status, error: code });
  }

  it('answers 401 api_key_missing without an Authorization header', async () => {
    await expectError(await gateway.call('GET', '/v1/environment'), 401, 'api_key_missing');
  });

  it.each([
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['no key after Bearer', 'Bearer'],
    ['an unknown prefix', `Bearer mfx_prod_${'a'.repeat(40)}`],
    ['a key too short', 'Bearer mfx_test_abc'],
    ['a key with a foreign character', `Bearer mfx_test_${'a'.repeat(39)}!`],
  ])('answers 401 unauthenticated for %s', async (_, header) => {
    await expectError(await gateway.call('GET', '/v1/environment', { headers: { authorization: header } }), 401, 'unauthenticated');
  });

  it('answers 401 api_key_invalid for a well-formed key nobody issued', async () => {
    await expectError(await gateway.call('GET', '/v1/environment', { key: generateApiKey('test').secret }), 401, 'api_key_invalid');
  });

  it.each([
    ['a no-break space', '\u00a0'],
    ['an escaped newline', '\\n'],
  ])('answers api_key_invalid saying why for a real key followed by %s', async (_, padding) => {
    const response = await gateway.call('GET', '/v1/environment', { key: `${inactive.sandboxKey}${padding}` });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('api_key_invalid');
    expect(body.message).toMatch(/whitespace or a newline/);
  });

  describe('a key with Unicode whitespace around it, as its UTF-8 bytes', () => {
    const withPadding = (before: string, after: string) =>
      Buffer.concat([
        Buffer.from(`GET /v1/environment HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\nauthorization: Bearer ${before}`, 'utf8'),
        Buffer.from(inactive.sandboxKey),
        Buffer.from(`${after}\r\n\r\n`, 'utf8'),
      ]);

    it('works with a trailing ASCII space or tab, which HTTP trims', async () => {
      expect((await rawHttp(gateway.base, withPadding('', ' \t'))).status).toBe(200);
    });

    it.each([
      ['a no-break space after it', '', '\u00a0'],
      ['an ideographic space after it', '', '\u3000'],
      ['an em space and a tab after it', '', '\u2003\t'],
      ['a zero-width space after it', '', '\u200b'],
      ['a byte order mark before it', '\ufeff', ''],
    ])('answers api_key_invalid with the whitespace message for %s', async (_, before, after) => {
      const escapedNewline = await gateway.call('GET', '/v1/environment', { key: `${inactive.sandboxKey}\\n` });
      const { message: whitespaceMessage } = (await escapedNewline.json()) as { message: string };
      const response = await rawHttp(gateway.base, withPadding(before, after));
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body)).toMatchObject({ error: 'api_key_invalid', message: whitespaceMessage });
    });
  });

  it('accepts a sandbox key on an operational route and hands the handler its environment', async () => {
    const response = await gateway.call('GET', '/v1/environment', { key: inactive.sandboxKey });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: inactive.sandboxEnvironmentId, type: 'sandbox' });
  });

  it('rejects a live key of an account that is not activated with 403 account_not_activated', async () => {
    await expectError(await gateway.call('GET', '/v1/environment', { key: inactive.liveKey }), 403, 'account_not_activated');
  });

  it('lets the live key through once the account is activated, without caching the earlier refusal', async () => {
    const account = await createTestAccount(prisma);
    await expectError(await gateway.call('GET', '/v1/environment', { key: account.liveKey }), 403, 'account_not_activated');
    await prisma.account.update({ where: { id: account.accountId }, data: { activatedAt: new Date() } });
    const response = await gateway.call('GET', '/v1/environment', { key: account.liveKey });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: account.liveEnvironmentId, type: 'live' });
  });

  it('gives a live key of an activated account its live pool', async () => {
    const response = await gateway.call('GET', '/v1/environment/balance', { key: active.liveKey });
    expect(response.status).toBe(200);
    // Its threshold defaults to 20% of the purchase that filled it.
    expect(await response.json()).toEqual({
      type: 'live',
      balance: 50,
      held: 0,
      available: 50,
      low_balance_threshold: 10,
      auto_top_up: { enabled: false, package_id: null },
    });
  });

  it('refuses environment keys on the account surface with 403 key_not_scoped_for_account', async () => {
    await expectError(await gateway.call('GET', '/v1/account', { key: active.sandboxKey }), 403, 'key_not_scoped_for_account');
    await expectError(await gateway.call('GET', '/v1/account', { key: active.liveKey }), 403, 'key_not_scoped_for_account');
  });

  it('refuses the account key on operational routes with 403 key_not_scoped_for_operations', async () => {
    await expectError(await gateway.call('GET', '/v1/environment', { key: active.accountKey }), 403, 'key_not_scoped_for_operations');
  });

  it('decides the activation gate during authentication, before the scope check', async () => {
    await expectError(await gateway.call('GET', '/v1/account', { key: inactive.liveKey }), 403, 'account_not_activated');
  });

  it('rejects a revoked key on the very next request', async () => {
    const key = await createApiKey(prisma, { accountId: active.accountId, environmentId: active.sandboxEnvironmentId, kind: 'test', name: 'k' });
    expect((await gateway.call('GET', '/v1/environment', { key: key.secret })).status).toBe(200);
    const revoked = await gateway.call('DELETE', `/v1/account/keys/${key.id}`, { key: active.accountKey });
    expect(revoked.status).toBe(204);
    await expectError(await gateway.call('GET', '/v1/environment', { key: key.secret }), 401, 'api_key_invalid');
  });

  it('records when a key was last used, at most once a minute', async () => {
    const key = await createApiKey(prisma, { accountId: active.accountId, environmentId: active.sandboxEnvironmentId, kind: 'test', name: 'k' });
    expect((await gateway.call('GET', '/v1/environment', { key: key.secret })).status).toBe(200);
    const first = await waitForLastUsed(key.id, null);
    // A minute-old stamp is refreshed by the next request; a fresh one is left alone.
    const stale = new Date(first.getTime() - 61_000);
    await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: stale } });
    expect((await gateway.call('GET', '/v1/environment', { key: key.secret })).status).toBe(200);
    const refreshed = await waitForLastUsed(key.id, stale);
    expect(refreshed.getTime()).toBeGreaterThan(stale.getTime());
    expect((await gateway.call('GET', '/v1/environment', { key: key.secret })).status).toBe(200);
    await gateway.call('GET', '/v1/environment', { key: key.secret });
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.lastUsedAt).toEqual(refreshed);
  });

  /** The stamp is written off the request path, so it may land just after the response. */
  async function waitForLastUsed(keyId: string, previous: Date | null): Promise<Date> {
    for (let i = 0; i < 100; i += 1) {
      const { lastUsedAt } = await prisma.apiKey.findUniqueOrThrow({ where: { id: keyId } });
      if (lastUsedAt && lastUsedAt.getTime() !== previous?.getTime()) return lastUsedAt;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`last_used_at of ${keyId} never changed`);
  }
});
