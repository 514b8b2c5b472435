import { createApiKey, generateApiKey } from '@mintfax/accounts';
import type { PrismaService } from '@mintfax/db';
import { createTestAccount, cuttableLink, serviceEnv, testPrisma, useTestInfrastructure, type CuttableLink, type TestAccount } from '@mintfax/testing';
import { startGateway, type Gateway } from './support/gateway';
import { httpRequest, rawHttp, type RawResponse } from './support/raw-http';

// Each test fails from client addresses of its own (127.0.0.0/8 is all loopback), so that no test
// inherits another's failures.
describe('failed authentication, limited per client address', () => {
  const LIMIT = 6;
  const infra = useTestInfrastructure();
  let link: CuttableLink;
  let gateway: Gateway;
  let proxied: Gateway;
  let prisma: PrismaService;
  let acct: TestAccount;
  let revokedKey: string;

  beforeAll(async () => {
    link = await cuttableLink(infra().databaseUrl);
    const env = { ...serviceEnv(infra()), DATABASE_URL: link.url, AUTH_FAILURE_LIMIT: String(LIMIT) };
    gateway = await startGateway(env);
    proxied = await startGateway({ ...env, TRUSTED_PROXIES: '127.0.0.1' });
    prisma = testPrisma(infra().databaseUrl);
    acct = await createTestAccount(prisma);
    const revoked = await createApiKey(prisma, { accountId: acct.accountId, environmentId: acct.sandboxEnvironmentId, kind: 'test', name: 'old' });
    await prisma.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    revokedKey = revoked.secret;
  });

  afterAll(async () => {
    await gateway?.app.close();
    await proxied?.app.close();
    await prisma?.$disconnect();
    await link?.close();
  });

  /** GET /v1/environment with `key` (no Authorization header when undefined), from a client address. */
  const from = (address: string, key: string | undefined, headers: Record<string, string> = {}, at: Gateway = gateway): Promise<RawResponse> =>
    rawHttp(at.base, httpRequest('GET', '/v1/environment', { ...(key !== undefined && { authorization: `Bearer ${key}` }), ...headers }), address);

  async function block(address: string, headers: Record<string, string> = {}, at: Gateway = gateway) {
    for (let i = 0; i < LIMIT; i += 1) expect((await from(address, generateApiKey('test').secret, headers, at)).status).toBe(401);
  }

  it('counts every refused credential against the address, then answers 429 with Retry-After and the limit headers', async () => {
    const address = '127.0.0.21';
    const refused: [string | undefined, number][] = [
      [generateApiKey('test').secret, 401],
      [revokedKey, 401],
      ['mfx_test_short', 401],
      [`${acct.sandboxKey}\\n`, 401],
      [undefined, 401],
      [acct.liveKey, 403],
    ];
    expect(refused).toHaveLength(LIMIT);
    for (const [key, status] of refused) expect((await from(address, key)).status).toBe(status);

    const before = Math.floor(Date.now() / 1000);
    const blocked = await from(address, acct.sandboxKey);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blocked.headers).toMatchObject({ 'x-ratelimit-limit': String(LIMIT), 'x-ratelimit-remaining': '0' });
    expect(Number(blocked.headers['x-ratelimit-reset'])).toBeGreaterThanOrEqual(before);
    const body = JSON.parse(blocked.body) as { error: string; action: string; message: string; request_id: string };
    expect(body).toMatchObject({ error: 'rate_limit_exceeded', action: 'wait_and_retry', request_id: blocked.headers['x-request-id'] });
    expect(body.message).toMatch(/failed authentications from this address/);
  });

  it('lets other addresses authenticate while one is blocked, and counts their failures on their own', async () => {
    await block('127.0.0.22');
    expect((await from('127.0.0.22', acct.sandboxKey)).status).toBe(429);
    expect((await from('127.0.0.23', acct.sandboxKey)).status).toBe(200);
    expect((await from('127.0.0.23', generateApiKey('test').secret)).status).toBe(401);
  });

  it('does not count successful requests', async () => {
    const address = '127.0.0.24';
    for (let i = 0; i < LIMIT * 2; i += 1) expect((await from(address, acct.sandboxKey)).status).toBe(200);
    for (let i = 0; i < LIMIT - 1; i += 1) expect((await from(address, generateApiKey('test').secret)).status).toBe(401);
    expect((await from(address, acct.sandboxKey)).status).toBe(200);
  });

  it('ignores X-Forwarded-For by default: a client cannot escape the limit by naming other addresses', async () => {
    const address = '127.0.0.25';
    for (let i = 0; i < LIMIT; i += 1) {
      expect((await from(address, generateApiKey('test').secret, { 'x-forwarded-for': `203.0.113.${i + 1}` })).status).toBe(401);
    }
    expect((await from(address, acct.sandboxKey, { 'x-forwarded-for': '203.0.113.99' })).status).toBe(429);
  });

  describe('behind a proxy named in TRUSTED_PROXIES', () => {
    const via = (client: string) => ({ 'x-forwarded-for': client });

    it('counts the client its X-Forwarded-For names', async () => {
      await block('127.0.0.1', via('203.0.113.7'), proxied);
      expect((await from('127.0.0.1', acct.sandboxKey, via('203.0.113.7'), proxied)).status).toBe(429);
      expect((await from('127.0.0.1', acct.sandboxKey, via('203.0.113.8'), proxied)).status).toBe(200);
    });

    it('counts an IPv6 client by its /64 network', async () => {
      for (let i = 0; i < LIMIT; i += 1) {
        expect((await from('127.0.0.1', generateApiKey('test').secret, via(`2001:db8:0:7::${i + 1}`), proxied)).status).toBe(401);
      }
      expect((await from('127.0.0.1', acct.sandboxKey, via('2001:db8:0:7::ffff'), proxied)).status).toBe(429);
      expect((await from('127.0.0.1', acct.sandboxKey, via('2001:db8:0:8::1'), proxied)).status).toBe(200);
    });

    it('still ignores X-Forwarded-For from a peer that is not one of them', async () => {
      const address = '127.0.0.26';
      for (let i = 0; i < LIMIT; i += 1) {
        expect((await from(address, generateApiKey('test').secret, via(`198.51.100.${i + 1}`), proxied)).status).toBe(401);
      }
      expect((await from(address, acct.sandboxKey, via('198.51.100.99'), proxied)).status).toBe(429);
    });
  });

  it('refuses a blocked address before looking its key up: 429 even while the database is unreachable', async () => {
    await block('127.0.0.27');
    await link.cut();
    try {
      expect((await from('127.0.0.27', acct.sandboxKey)).status).toBe(429);
    } finally {
      await link.restore();
    }
  });
});
