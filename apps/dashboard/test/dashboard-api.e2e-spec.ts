import { REGISTRATION_LIMITS, startDashboardSession } from '@mintfax/accounts';
import type { PrismaService } from '@mintfax/db';
import { createTestAccount, pdfDocument, serviceEnv, testPrisma, useTestInfrastructure } from '@mintfax/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { csrfTokenFor } from '../src/session/session-cookie';
import { DashboardClient, startDashboard } from './support/dashboard-client';
import { createMailbox, REGISTRATION_CODE, SIGN_IN_CODE, STEP_UP_CODE, type Mailbox } from './support/mailbox';

interface Envelope {
  error: string;
  message: string;
  action: string;
  context?: { errors?: Record<string, string[]> };
}

let counter = 0;
const newEmail = () => `dash${(counter += 1)}-${Date.now()}@acme.test`;

describe('dashboard API: sessions, CSRF and step-up', () => {
  const infra = useTestInfrastructure();
  let mailbox: Mailbox;
  let app: NestFastifyApplication;
  let base: string;
  let prisma: PrismaService;

  beforeAll(async () => {
    mailbox = await createMailbox();
    ({ app, base } = await startDashboard({ ...serviceEnv(infra()), MAIL_DIR: mailbox.dir }));
    prisma = testPrisma(infra().databaseUrl);
  });

  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
    await mailbox.remove();
  });

  /** Registers a new account through the dashboard and returns its signed-in client. */
  async function registered(email = newEmail()): Promise<{ client: DashboardClient; email: string; keys: { api_key: string; api_key_account: string } }> {
    const client = new DashboardClient(base);
    await client.json('POST', '/api/register', 202, { body: { name: 'Acme Corp', email } });
    const code = await mailbox.read(email, REGISTRATION_CODE);
    const keys = await client.json<{ api_key: string; api_key_account: string; session: { csrf_token: string } }>('POST', '/api/register/verify', 201, {
      body: { email, code },
    });
    client.csrfToken = keys.session.csrf_token;
    return { client, email, keys };
  }

  async function expectError(response: Response, status: number, error: string): Promise<Envelope> {
    const body = (await response.json()) as Envelope;
    expect({ status: response.status, error: body.error }).toEqual({ status, error });
    return body;
  }

  it('registers, shows both keys once, and signs the new user in with an HttpOnly, SameSite=Lax session cookie', async () => {
    const email = newEmail();
    const client = new DashboardClient(base);
    await client.json('POST', '/api/register', 202, { body: { name: 'Acme Corp', email } });
    const code = await mailbox.read(email, REGISTRATION_CODE);
    const response = await client.call('POST', '/api/register/verify', { body: { email, code } });
    expect(response.status).toBe(201);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^mintfax_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Lax$/);
    const body = (await response.json()) as { api_key: string; api_key_account: string; session: { user: { email: string }; csrf_token: string } };
    expect(body.api_key).toMatch(/^mfx_test_/);
    expect(body.api_key_account).toMatch(/^mfx_acct_/);
    expect(body.session.user.email).toBe(email);

    const session = await client.json<{ user: { email: string }; csrf_token: string }>('GET', '/api/session', 200);
    expect(session).toMatchObject({ user: { email }, csrf_token: body.session.csrf_token });
    // Only the token's hash is stored.
    const token = (client.cookie ?? '').split('=')[1];
    const rows = await prisma.dashboardSession.findMany({ where: { user: { email } } });
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).not.toContain(token);
  });

  it('signs an existing user in with a mailed code, and answers an unknown address the same way', async () => {
    const { email } = await registered();
    const client = new DashboardClient(base);
    const known = await client.json('POST', '/api/sign-in', 202, { body: { email } });
    const unknown = await client.json('POST', '/api/sign-in', 202, { body: { email: newEmail() } });
    expect(unknown).toEqual(known);

    await expectError(await client.call('POST', '/api/sign-in/verify', { body: { email, code: '000000' } }), 422, 'validation_failed');
    const code = await mailbox.read(email, SIGN_IN_CODE);
    const session = await client.json<{ csrf_token: string }>('POST', '/api/sign-in/verify', 200, { body: { email, code } });
    expect(session.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await client.json('GET', '/api/account', 200);
    // A code starts one session only.
    await expectError(await new DashboardClient(base).call('POST', '/api/sign-in/verify', { body: { email, code } }), 422, 'validation_failed');
  });

  it('limits guesses at sign-in codes per address, as registration does', async () => {
    const email = newEmail();
    const client = new DashboardClient(base);
    for (let i = 0; i < REGISTRATION_LIMITS.verifyPerEmail.points; i += 1) {
      await expectError(await client.call('POST', '/api/sign-in/verify', { body: { email, code: '123456' } }), 422, 'validation_failed');
    }
    const limited = await client.call('POST', '/api/sign-in/verify', { body: { email, code: '123456' } });
    await expectError(limited, 429, 'rate_limit_exceeded');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('refuses a change without the CSRF token, with a wrong one, or from another site', async () => {
    const { client } = await registered();
    const token = client.csrfToken;
    client.csrfToken = undefined;
    const missing = await expectError(await client.call('POST', '/api/sandbox/reset'), 403, 'csrf_check_failed');
    expect(missing).toMatchObject({ action: 'reload_page' });
    client.csrfToken = 'x'.repeat(43);
    await expectError(await client.call('POST', '/api/sandbox/reset'), 403, 'csrf_check_failed');
    client.csrfToken = token;
    await expectError(await client.call('POST', '/api/sandbox/reset', { headers: { origin: 'https://evil.example' } }), 403, 'csrf_check_failed');
    await expectError(await client.call('POST', '/api/sign-in', { body: { email: newEmail() }, headers: { origin: 'https://evil.example' } }), 403, 'csrf_check_failed');
    // Reads need no token, and the right token passes.
    await client.json('GET', '/api/account', 200);
    await client.json('POST', '/api/sandbox/reset', 200);
  });

  it('ends a session after 30 idle minutes and 12 hours after sign-in, however busy', async () => {
    const idle = await registered();
    await prisma.dashboardSession.updateMany({ where: { user: { email: idle.email } }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    const expired = await expectError(await idle.client.call('GET', '/api/account'), 401, 'not_signed_in');
    expect(expired.action).toBe('sign_in');

    const old = await registered();
    await prisma.dashboardSession.updateMany({ where: { user: { email: old.email } }, data: { createdAt: new Date(Date.now() - 12 * 3_600_000 - 1000) } });
    await expectError(await old.client.call('GET', '/api/account'), 401, 'not_signed_in');

    // Within both windows, each request restarts the idle clock.
    const busy = await registered();
    await prisma.dashboardSession.updateMany({ where: { user: { email: busy.email } }, data: { lastSeenAt: new Date(Date.now() - 29 * 60_000) } });
    await busy.client.json('GET', '/api/account', 200);
    const [row] = await prisma.dashboardSession.findMany({ where: { user: { email: busy.email } } });
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it('signs out this session, and everywhere', async () => {
    const { client, email } = await registered();
    const other = new DashboardClient(base);
    await other.json('POST', '/api/sign-in', 202, { body: { email } });
    const session = await other.json<{ csrf_token: string }>('POST', '/api/sign-in/verify', 200, { body: { email, code: await mailbox.read(email, SIGN_IN_CODE) } });
    other.csrfToken = session.csrf_token;

    await client.json('POST', '/api/sign-out', 204);
    await expectError(await client.call('GET', '/api/account'), 401, 'not_signed_in');
    await other.json('GET', '/api/account', 200);

    const third = await registered();
    const again = new DashboardClient(base);
    await again.json('POST', '/api/sign-in', 202, { body: { email: third.email } });
    await again.json('POST', '/api/sign-in/verify', 200, { body: { email: third.email, code: await mailbox.read(third.email, SIGN_IN_CODE) } });
    expect(await third.client.json('POST', '/api/sign-out-everywhere', 200)).toEqual({ ended: 2 });
    await expectError(await again.call('GET', '/api/account'), 401, 'not_signed_in');
    await expectError(await third.client.call('GET', '/api/account'), 401, 'not_signed_in');
  });

  it('creates and revokes an account key only with a fresh step-up code, one code per change', async () => {
    const { client, email } = await registered();
    const refused = await expectError(await client.call('POST', '/api/account-keys', { body: { name: 'CI' } }), 403, 'step_up_required');
    expect(refused.action).toBe('confirm_with_emailed_code');
    expect(await client.json('POST', '/api/step-up', 202)).toEqual({ status: 'code_sent', expires_in: 300 });
    const code = await mailbox.read(email, STEP_UP_CODE);
    await expectError(await client.call('POST', '/api/account-keys', { body: { name: 'CI', code: code === '000000' ? '000001' : '000000' } }), 422, 'validation_failed');
    const created = await client.json<{ id: string; key: string; scope_kind: string }>('POST', '/api/account-keys', 201, { body: { name: 'CI', code } });
    expect(created).toMatchObject({ scope_kind: 'account', key: expect.stringMatching(/^mfx_acct_/) });
    // The code is spent: revoking needs another.
    await expectError(await client.call('POST', `/api/keys/${created.id}/revoke`, { body: { code } }), 422, 'validation_failed');
    await expectError(await client.call('POST', `/api/keys/${created.id}/revoke`, { body: {} }), 403, 'step_up_required');

    await client.json('POST', '/api/step-up', 202);
    const second = await mailbox.read(email, STEP_UP_CODE);
    // Five minutes and it is gone.
    await prisma.verificationCode.updateMany({ where: { email, purpose: 'step_up', consumedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectError(await client.call('POST', `/api/keys/${created.id}/revoke`, { body: { code: second } }), 422, 'validation_failed');

    await client.json('POST', '/api/step-up', 202);
    const third = await mailbox.read(email, STEP_UP_CODE);
    await client.json('POST', `/api/keys/${created.id}/revoke`, 204, { body: { code: third } });
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).not.toBeNull();
  });

  it('serves the page for any page path and a 404 envelope for an unknown API route', async () => {
    const page = await fetch(`${base}/faxes/env_x/fax_y`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const script = /<script type="module"[^>]* src="(\/assets\/index-[^"]+\.js)"/.exec(await page.text())?.[1];
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const api = await fetch(`${base}/api/nothing-here`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as Envelope).error).toBe('not_found');
  });

  /** A signed-in client of `base` for an account made by the factory, without the mail round trip. */
  async function signedInAs(account: { accountId: string; userId: number }, at = base): Promise<DashboardClient> {
    const { token } = await startDashboardSession(prisma, { userId: account.userId, accountId: account.accountId });
    const client = new DashboardClient(at);
    client.cookie = `mintfax_session=${token}`;
    client.csrfToken = csrfTokenFor(token);
    return client;
  }

  async function sendFax(client: DashboardClient, environmentId: string, to: string): Promise<Response> {
    const form = new FormData();
    form.set('to', to);
    form.set('file', new Blob([await pdfDocument(2)], { type: 'application/pdf' }), 'two-pages.pdf');
    return fetch(`${base}/api/environments/${environmentId}/faxes`, {
      method: 'POST',
      headers: { origin: base, cookie: client.cookie ?? '', 'x-csrf-token': client.csrfToken ?? '' },
      body: form,
    });
  }

  it("sends a fax under the API's rules: the number, the sandbox scenarios, the price held, live only once activated", async () => {
    const account = await createTestAccount(prisma, { sandboxGrant: 100 });
    const client = await signedInAs(account);

    const notMagic = await expectError(await sendFax(client, account.sandboxEnvironmentId, '+14155550123'), 422, 'validation_failed');
    expect(Object.keys(notMagic.context?.errors ?? {})).toEqual(['to']);
    await expectError(await sendFax(client, account.sandboxEnvironmentId, '+15005550006'), 402, 'insufficient_balance');
    await expectError(await sendFax(client, account.liveEnvironmentId, '+14155550123'), 403, 'account_not_activated');
    expect(await prisma.fax.count({ where: { accountId: account.accountId } })).toBe(0);

    const sent = await sendFax(client, account.sandboxEnvironmentId, '+15005550003');
    expect(sent.status).toBe(201);
    const fax = (await sent.json()) as { id: string; status: string; pages: number; cost: number };
    expect(fax).toMatchObject({ status: 'queued', pages: 2, cost: 2 });
    expect(await prisma.pool.findFirst({ where: { accountId: account.accountId, type: 'sandbox' } })).toMatchObject({ balance: 100n, held: 2n });
    const detail = await client.json<{ fax: { id: string }; events: { type: string }[] }>('GET', `/api/environments/${account.sandboxEnvironmentId}/faxes/${fax.id}`, 200);
    expect(detail.events.map((event) => event.type)).toContain('fax.queued');

    // Another account's environment is no environment at all.
    const stranger = await signedInAs(await createTestAccount(prisma));
    await expectError(await stranger.call('GET', `/api/environments/${account.sandboxEnvironmentId}/faxes/${fax.id}`), 404, 'not_found');
  });

  it('offers the local checkout in development only, and marks cookies Secure on an https dashboard', async () => {
    const account = await createTestAccount(prisma);
    const development = await signedInAs(account);
    expect(await development.json('GET', '/api/billing', 200)).toMatchObject({ checkout: 'local', packages: expect.arrayContaining([expect.objectContaining({ id: 'starter' })]) });
    expect(await development.json('POST', '/api/billing/checkout', 200, { body: { package: 'starter' } })).toEqual({ url: '/billing/local-checkout?package=starter' });
    await expectError(await development.call('POST', '/api/billing/checkout', { body: { package: 'platinum' } }), 422, 'validation_failed');

    const production = await startDashboard({
      ...serviceEnv(infra()),
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://127.0.0.1:1',
      DASHBOARD_PUBLIC_URL: 'https://dashboard.example',
    });
    try {
      const { token } = await startDashboardSession(prisma, { userId: account.userId, accountId: account.accountId });
      const client = new DashboardClient(production.base);
      client.cookie = `__Host-mintfax_session=${token}`;
      client.csrfToken = csrfTokenFor(token);
      expect(await client.json('GET', '/api/billing', 200)).toMatchObject({ checkout: 'unavailable' });
      await expectError(await client.call('POST', '/api/billing/local-checkout', { body: { package: 'starter' } }), 404, 'not_found');
      const signedOut = await client.call('POST', '/api/sign-out');
      expect(signedOut.status).toBe(204);
      expect(signedOut.headers.get('set-cookie')).toBe('__Host-mintfax_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure');
    } finally {
      await production.app.close();
    }
  });
});
