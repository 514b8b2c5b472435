import { createApiKey, generateApiKey } from '@mintfax/accounts';
import type { PrismaService } from '@mintfax/db';
import { createTestAccount, testPrisma, serviceEnv, useTestInfrastructure } from '@mintfax/testing';
import type { RouteSurface } from '../src/auth/route-surface';
import { startGateway, type Gateway } from './support/gateway';
import { listRoutes, type AppRoute } from './support/routes';

/** The callers of docs/api/authentication.md, each by the Authorization header it sends. */
const CALLERS = ['none', 'malformed', 'unknown', 'revoked', 'sandbox', 'live-unactivated', 'live-activated', 'account'] as const;
type Caller = (typeof CALLERS)[number];

/** `pass`: authentication and scope let it reach the handler, which may still answer 404 or 422 to dummy input. */
type Expected = 'pass' | { status: number; error: string };

const REJECTED_FOR_ALL = {
  none: { status: 401, error: 'api_key_missing' },
  malformed: { status: 401, error: 'unauthenticated' },
  unknown: { status: 401, error: 'api_key_invalid' },
  revoked: { status: 401, error: 'api_key_invalid' },
  'live-unactivated': { status: 403, error: 'account_not_activated' },
} as const;

const EXPECTED: Record<RouteSurface, Record<Caller, Expected>> = {
  public: Object.fromEntries(CALLERS.map((caller) => [caller, 'pass'])) as Record<Caller, Expected>,
  account: {
    ...REJECTED_FOR_ALL,
    sandbox: { status: 403, error: 'key_not_scoped_for_account' },
    'live-activated': { status: 403, error: 'key_not_scoped_for_account' },
    account: 'pass',
  },
  operational: {
    ...REJECTED_FOR_ALL,
    sandbox: 'pass',
    'live-activated': 'pass',
    account: { status: 403, error: 'key_not_scoped_for_operations' },
  },
};

// Callers whose key authenticates: every answer to them carries the rate limit headers.
const AUTHENTICATED: readonly Caller[] = ['sandbox', 'live-activated', 'account'];

describe('gateway route × caller matrix', () => {
  const infra = useTestInfrastructure();
  let gateway: Gateway;
  let prisma: PrismaService;
  let routes: AppRoute[];
  const headers = {} as Record<Caller, Record<string, string>>;

  beforeAll(async () => {
    // With a carrier configured, so that its callback route is checked too.
    gateway = await startGateway({ ...serviceEnv(infra()), CARRIER: 'telnyx', TELNYX_PUBLIC_KEY: Buffer.alloc(32, 1).toString('base64') });
    prisma = testPrisma(infra().databaseUrl);
    routes = listRoutes(gateway.app);
    const inactive = await createTestAccount(prisma);
    const active = await createTestAccount(prisma, { activated: true });
    const revoked = await createApiKey(prisma, { accountId: inactive.accountId, environmentId: inactive.sandboxEnvironmentId, kind: 'test', name: 'old' });
    await prisma.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
    Object.assign(headers, {
      none: {},
      malformed: { authorization: 'Bearer not-a-mintfax-key' },
      unknown: bearer(generateApiKey('test').secret),
      revoked: bearer(revoked.secret),
      sandbox: bearer(inactive.sandboxKey),
      'live-unactivated': bearer(inactive.liveKey),
      'live-activated': bearer(active.liveKey),
      account: bearer(inactive.accountKey),
    } satisfies Record<Caller, Record<string, string>>);
  });

  afterAll(async () => {
    await gateway.app.close();
    await prisma.$disconnect();
  });

  it('finds every route of the app, each with a surface', () => {
    const listed = routes.map((r) => `${r.method} ${r.path} ${r.surface}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'GET /v1/account account',
        'GET /v1/account/keys account',
        'DELETE /v1/account/keys/:id account',
        'PATCH /v1/account/environments/:id account',
        'GET /v1/environment operational',
        'GET /v1/environment/balance operational',
        'POST /v1/account/register public',
        'POST /v1/account/register/verify public',
        'GET /v1/openapi.json public',
        'POST /v1/carriers/telnyx/webhook public',
        'GET /healthz public',
      ]),
    );
  });

  it.each(CALLERS)('answers each route as docs/api/authentication.md says for the caller "%s"', async (caller) => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const response = await request(route, headers[caller]);
      const expected = EXPECTED[route.surface][caller];
      const body = await response.text();
      const error = parseError(body);
      const cell = `${route.method} ${route.path} (${route.surface}) as ${caller}: ${response.status} ${error ?? ''}`;
      if (expected === 'pass') {
        // Past authentication and scope: no auth answer, and no fault of ours on dummy input.
        if (response.status === 401 || response.status === 403 || response.status >= 500) mismatches.push(cell);
      } else if (response.status !== expected.status || error !== expected.error) {
        mismatches.push(`${cell}, expected ${expected.status} ${expected.error}`);
      }
      const authenticated = route.surface !== 'public' && AUTHENTICATED.includes(caller);
      if (authenticated && response.headers.get('x-ratelimit-limit') === null) mismatches.push(`${cell}: no X-RateLimit-Limit`);
    }
    expect(mismatches).toEqual([]);
  });

  function request(route: AppRoute, auth: Record<string, string>): Promise<Response> {
    const path = route.path.replace(/:(\w+)/g, 'missing_$1');
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
    return fetch(`${gateway.base}${path}`, {
      method: route.method,
      headers: { ...auth, ...(hasBody && { 'content-type': 'application/json' }) },
      body: hasBody ? '{}' : undefined,
    });
  }
});

function parseError(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: string }).error;
  } catch {
    return undefined;
  }
}
