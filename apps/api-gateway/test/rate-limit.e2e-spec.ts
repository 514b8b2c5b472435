import type { PrismaService } from '@mintfax/db';
import { createTestAccount, testPrisma, serviceEnv, useTestInfrastructure, type TestAccount } from '@mintfax/testing';
import { startGateway, type Gateway } from './support/gateway';

describe('gateway rate limits per key', () => {
  const infra = useTestInfrastructure();
  let gateway: Gateway;
  let prisma: PrismaService;
  let acct: TestAccount;

  beforeAll(async () => {
    gateway = await startGateway({ ...serviceEnv(infra()), RATE_LIMIT_SANDBOX: '3', RATE_LIMIT_LIVE: '7' });
    prisma = testPrisma(infra().databaseUrl);
    acct = await createTestAccount(prisma, { activated: true });
  });

  afterAll(async () => {
    await gateway.app.close();
    await prisma.$disconnect();
  });

  function limitHeaders(response: Response) {
    return {
      limit: response.headers.get('x-ratelimit-limit'),
      remaining: Number(response.headers.get('x-ratelimit-remaining')),
      reset: Number(response.headers.get('x-ratelimit-reset')),
    };
  }

  it('sends the limit of the key kind, what remains and when it resets', async () => {
    const before = Math.floor(Date.now() / 1000);
    const live = await gateway.call('GET', '/v1/environment', { key: acct.liveKey });
    expect(live.status).toBe(200);
    const headers = limitHeaders(live);
    expect(headers.limit).toBe('7');
    expect(headers.remaining).toBeLessThan(7);
    expect(headers.reset).toBeGreaterThanOrEqual(before);
    expect(Number.isInteger(headers.reset)).toBe(true);
    const account = await gateway.call('GET', '/v1/account', { key: acct.accountKey });
    expect(limitHeaders(account).limit).toBe('3');
  });

  it('answers 429 rate_limit_exceeded with Retry-After once a key goes over its limit', async () => {
    const { sandboxKey } = await createTestAccount(prisma);
    // One burst, far over the limit of 3 a second: some answers must be 429 whichever window they land in.
    const answers = await Promise.all(Array.from({ length: 12 }, () => gateway.call('GET', '/v1/environment', { key: sandboxKey })));
    const limited = answers.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(answers.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    for (const response of limited) {
      expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(limitHeaders(response)).toMatchObject({ limit: '3', remaining: 0 });
      expect(await response.json()).toMatchObject({ error: 'rate_limit_exceeded', action: 'wait_and_retry' });
    }
  });

  it('counts each key on its own', async () => {
    const { sandboxKey } = await createTestAccount(prisma);
    await Promise.all(Array.from({ length: 8 }, () => gateway.call('GET', '/v1/environment', { key: sandboxKey })));
    const other = await gateway.call('GET', '/v1/environment', { key: acct.sandboxKey });
    expect(other.status).toBe(200);
  });

  it('sends the headers on errors of an authenticated key too', async () => {
    const { accountKey, sandboxKey } = await createTestAccount(prisma);
    const notFound = await gateway.call('DELETE', '/v1/account/keys/key_missing', { key: accountKey });
    expect(notFound.status).toBe(404);
    expect(limitHeaders(notFound).limit).toBe('3');
    const wrongSurface = await gateway.call('GET', '/v1/account', { key: sandboxKey });
    expect(wrongSurface.status).toBe(403);
    expect(limitHeaders(wrongSurface).limit).toBe('3');
  });

  it('sends the headers of the live key on its account_not_activated refusal, and limits it like any key', async () => {
    const { liveKey } = await createTestAccount(prisma);
    const refused = await gateway.call('GET', '/v1/environment', { key: liveKey });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'account_not_activated' });
    expect(limitHeaders(refused)).toMatchObject({ limit: '7', remaining: expect.any(Number) });
    expect(refused.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
    const answers = await Promise.all(Array.from({ length: 20 }, () => gateway.call('GET', '/v1/environment', { key: liveKey })));
    expect(answers.some((r) => r.status === 429)).toBe(true);
    expect(answers.every((r) => r.headers.get('x-ratelimit-limit') === '7')).toBe(true);
  });

  it('sends no limit headers where no key was authenticated', async () => {
    const missing = await gateway.call('GET', '/v1/environment');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('x-ratelimit-limit')).toBeNull();
  });
});
