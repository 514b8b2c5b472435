import { sandboxGrant } from '@mintfax/ledger';
import type { PrismaService } from '@mintfax/db';
import { createTestAccount, testPrisma, serviceEnv, useTestInfrastructure, type TestAccount } from '@mintfax/testing';
import { startGateway, type Gateway } from './support/gateway';

interface Envelope {
  error: string;
  context?: { errors?: Record<string, string[]> };
}

describe('gateway account surface', () => {
  const infra = useTestInfrastructure();
  let gateway: Gateway;
  let prisma: PrismaService;
  let acct: TestAccount;
  let other: TestAccount;

  beforeAll(async () => {
    gateway = await startGateway(serviceEnv(infra()));
    prisma = testPrisma(infra().databaseUrl);
    acct = await createTestAccount(prisma, { name: 'Acme Corp', sandboxGrant: 100 });
    other = await createTestAccount(prisma, { activated: true });
  });

  afterAll(async () => {
    await gateway.app.close();
    await prisma.$disconnect();
  });

  const asAccount = (method: string, path: string, body?: unknown) => gateway.call(method, path, { key: acct.accountKey, body });

  describe('account, balance and transactions', () => {
    it('shows the account of the key, not activated yet', async () => {
      const response = await asAccount('GET', '/v1/account');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        id: acct.accountId,
        name: 'Acme Corp',
        activated_at: null,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      });
    });

    it('shows both pools, sandbox first', async () => {
      const response = await asAccount('GET', '/v1/account/balance');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        pools: [
          { type: 'sandbox', balance: 100, held: 0, available: 100, low_balance_threshold: null, auto_top_up: { enabled: false, package_id: null } },
          { type: 'live', balance: 0, held: 0, available: 0, low_balance_threshold: null, auto_top_up: { enabled: false, package_id: null } },
        ],
      });
    });

    it('pages through the ledger newest first and filters by pool', async () => {
      const account = await createTestAccount(prisma, { sandboxGrant: 10, liveCredits: 7 });
      await sandboxGrant(prisma, { accountId: account.accountId, amount: 5 });
      const list = async (query: string) => {
        const response = await gateway.call('GET', `/v1/account/transactions${query}`, { key: account.accountKey });
        expect(response.status).toBe(200);
        return (await response.json()) as { object: string; data: { id: string; pool: string; type: string; amount: number }[]; has_more: boolean };
      };
      const all = await list('');
      expect(all).toMatchObject({ object: 'list', has_more: false });
      expect(all.data.map((e) => [e.pool, e.type, e.amount])).toEqual([
        ['sandbox', 'sandbox_grant', 5],
        ['live', 'purchase', 7],
        ['sandbox', 'sandbox_grant', 10],
      ]);
      const first = await list('?limit=2');
      expect(first.data.map((e) => e.id)).toEqual(all.data.slice(0, 2).map((e) => e.id));
      expect(first.has_more).toBe(true);
      const second = await list(`?limit=2&starting_after=${first.data[1].id}`);
      expect(second.data.map((e) => e.id)).toEqual([all.data[2].id]);
      expect(second.has_more).toBe(false);
      const back = await list(`?limit=2&ending_before=${all.data[2].id}`);
      expect(back.data.map((e) => e.id)).toEqual(all.data.slice(0, 2).map((e) => e.id));
      expect((await list('?pool=live')).data.map((e) => e.type)).toEqual(['purchase']);
    });

    it.each(['?limit=0', '?limit=101', '?pool=gold', '?unknown=1'])('answers 422 validation_failed for %s', async (query) => {
      const response = await asAccount('GET', `/v1/account/transactions${query}`);
      expect(response.status).toBe(422);
      expect(((await response.json()) as Envelope).error).toBe('validation_failed');
    });

    it("refuses another account's transaction as a cursor", async () => {
      const theirs = await prisma.ledgerEntry.findFirstOrThrow({ where: { pool: { accountId: other.accountId } } });
      const response = await asAccount('GET', `/v1/account/transactions?starting_after=${theirs.id}`);
      expect(response.status).toBe(422);
      expect(((await response.json()) as Envelope).context?.errors).toHaveProperty('starting_after');
    });
  });

  describe('keys', () => {
    it('lists every key of the account, never a secret or a hash', async () => {
      const response = await asAccount('GET', '/v1/account/keys');
      expect(response.status).toBe(200);
      const body = (await response.json()) as { object: string; data: Record<string, unknown>[]; has_more: boolean };
      expect(body.object).toBe('list');
      expect(body.data.map((k) => k.scope_kind).sort()).toEqual(['account', 'live', 'test']);
      for (const key of body.data) {
        expect(Object.keys(key).sort()).toEqual(
          ['created_at', 'environment_id', 'id', 'last4', 'last_used_at', 'name', 'revoked_at', 'scope_kind'].sort(),
        );
      }
      expect(body.data.find((k) => k.scope_kind === 'account')?.last4).toBe(acct.accountKey.slice(-4));
      expect(JSON.stringify(body)).not.toContain(acct.accountKey);
    });

    it('mints a test key for a sandbox environment, shown once, that works at once', async () => {
      const response = await asAccount('POST', '/v1/account/keys', { name: 'CI', scope_kind: 'test', environment_id: acct.sandboxEnvironmentId });
      expect(response.status).toBe(201);
      const created = (await response.json()) as { id: string; key: string; last4: string; scope_kind: string; environment_id: string };
      expect(created).toMatchObject({ scope_kind: 'test', environment_id: acct.sandboxEnvironmentId, name: 'CI', revoked_at: null });
      expect(created.key).toMatch(/^mfx_test_/);
      expect(created.last4).toBe(created.key.slice(-4));
      expect((await gateway.call('GET', '/v1/environment', { key: created.key })).status).toBe(200);
      const listed = (await (await asAccount('GET', '/v1/account/keys')).json()) as { data: { id: string }[] };
      expect(listed.data.find((k) => k.id === created.id)).not.toHaveProperty('key');
    });

    it('mints a live key before activation, which is refused on use until then', async () => {
      const response = await asAccount('POST', '/v1/account/keys', { name: 'prod', scope_kind: 'live', environment_id: acct.liveEnvironmentId });
      expect(response.status).toBe(201);
      const { key } = (await response.json()) as { key: string };
      expect(key).toMatch(/^mfx_live_/);
      const used = await gateway.call('GET', '/v1/environment', { key });
      expect(used.status).toBe(403);
      expect(((await used.json()) as Envelope).error).toBe('account_not_activated');
    });

    it.each([
      ['a test key for a live environment', 'test', () => acct.liveEnvironmentId],
      ['a live key for a sandbox environment', 'live', () => acct.sandboxEnvironmentId],
      ["a key for another account's environment", 'test', () => other.sandboxEnvironmentId],
      ['a key for no environment', 'test', () => undefined],
    ])('refuses %s with 422 on environment_id', async (_, scopeKind, environmentId) => {
      const response = await asAccount('POST', '/v1/account/keys', { name: 'x', scope_kind: scopeKind, environment_id: environmentId() });
      expect(response.status).toBe(422);
      const body = (await response.json()) as Envelope;
      expect(body.error).toBe('validation_failed');
      expect(Object.keys(body.context?.errors ?? {})).toEqual(['environment_id']);
    });

    it('refuses to mint an account key: dashboard only', async () => {
      const response = await asAccount('POST', '/v1/account/keys', { name: 'x', scope_kind: 'account' });
      expect(response.status).toBe(403);
      expect(((await response.json()) as Envelope).error).toBe('acct_key_creation_dashboard_only');
    });

    it('refuses to revoke an account key: dashboard only', async () => {
      const accountKey = await prisma.apiKey.findFirstOrThrow({ where: { accountId: acct.accountId, kind: 'account' } });
      const response = await asAccount('DELETE', `/v1/account/keys/${accountKey.id}`);
      expect(response.status).toBe(403);
      expect(((await response.json()) as Envelope).error).toBe('acct_key_creation_dashboard_only');
    });

    it("answers 404 for another account's key and leaves it working", async () => {
      const theirs = await prisma.apiKey.findFirstOrThrow({ where: { accountId: other.accountId, kind: 'test' } });
      const response = await asAccount('DELETE', `/v1/account/keys/${theirs.id}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as Envelope).error).toBe('not_found');
      expect((await gateway.call('GET', '/v1/environment', { key: other.sandboxKey })).status).toBe(200);
    });

    it('revokes a key once; revoking again changes nothing', async () => {
      const created = (await (
        await asAccount('POST', '/v1/account/keys', { name: 'tmp', scope_kind: 'test', environment_id: acct.sandboxEnvironmentId })
      ).json()) as { id: string };
      expect((await asAccount('DELETE', `/v1/account/keys/${created.id}`)).status).toBe(204);
      const { revokedAt } = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
      expect(revokedAt).not.toBeNull();
      expect((await asAccount('DELETE', `/v1/account/keys/${created.id}`)).status).toBe(204);
      expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toEqual(revokedAt);
    });
  });

  describe('environments', () => {
    it('lists the environments with their settings', async () => {
      const response = await asAccount('GET', '/v1/account/environments');
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: { id: string; type: string }[] };
      expect(body.data.map((e) => [e.id, e.type])).toEqual([
        [acct.sandboxEnvironmentId, 'sandbox'],
        [acct.liveEnvironmentId, 'live'],
      ]);
      expect(body.data[0]).toMatchObject({ retention_days: 30, zero_footprint: false, max_attempts: 3 });
    });

    it('creates a live environment before activation, with default settings', async () => {
      const response = await asAccount('POST', '/v1/account/environments', { name: 'Production', type: 'live' });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({
        id: expect.stringMatching(/^env_/),
        name: 'Production',
        type: 'live',
        retention_days: 30,
        zero_footprint: false,
        max_attempts: 3,
      });
    });

    it('creates an environment with the settings given', async () => {
      const response = await asAccount('POST', '/v1/account/environments', {
        name: 'Staging',
        type: 'sandbox',
        retention_days: 1,
        zero_footprint: true,
        max_attempts: 10,
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ retention_days: 1, zero_footprint: true, max_attempts: 10 });
    });

    it.each([
      [{ name: 'x', type: 'production' }, 'type'],
      [{ type: 'live' }, 'name'],
      [{ name: 'x', type: 'live', retention_days: 0 }, 'retention_days'],
      [{ name: 'x', type: 'live', retention_days: 3651 }, 'retention_days'],
      [{ name: 'x', type: 'live', max_attempts: 11 }, 'max_attempts'],
      [{ name: 'x', type: 'live', zero_footprint: 'yes' }, 'zero_footprint'],
    ])('refuses to create %j with 422 on %s', async (body, field) => {
      const response = await asAccount('POST', '/v1/account/environments', body);
      expect(response.status).toBe(422);
      expect(Object.keys(((await response.json()) as Envelope).context?.errors ?? {})).toEqual([field]);
    });

    it('changes the name and settings, and the operational route sees them', async () => {
      const response = await asAccount('PATCH', `/v1/account/environments/${acct.sandboxEnvironmentId}`, {
        name: 'Sandbox A',
        retention_days: 3650,
        max_attempts: 1,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ name: 'Sandbox A', type: 'sandbox', retention_days: 3650, max_attempts: 1, zero_footprint: false });
      const seen = await gateway.call('GET', '/v1/environment', { key: acct.sandboxKey });
      expect(await seen.json()).toMatchObject({ id: acct.sandboxEnvironmentId, name: 'Sandbox A', retention_days: 3650, max_attempts: 1 });
    });

    it('keeps the type fixed for life', async () => {
      const response = await asAccount('PATCH', `/v1/account/environments/${acct.sandboxEnvironmentId}`, { type: 'live' });
      expect(response.status).toBe(422);
      expect(Object.keys(((await response.json()) as Envelope).context?.errors ?? {})).toEqual(['type']);
    });

    it("answers 404 for another account's environment and leaves it unchanged", async () => {
      const response = await asAccount('PATCH', `/v1/account/environments/${other.sandboxEnvironmentId}`, { max_attempts: 9 });
      expect(response.status).toBe(404);
      expect(((await response.json()) as Envelope).error).toBe('not_found');
      const theirs = await prisma.environment.findUniqueOrThrow({ where: { id: other.sandboxEnvironmentId } });
      expect(theirs.maxAttempts).toBe(3);
    });
  });

  describe('operational surface', () => {
    it('shows the sandbox pool to a sandbox key', async () => {
      const response = await gateway.call('GET', '/v1/environment/balance', { key: other.sandboxKey });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        type: 'sandbox',
        balance: 10_000,
        held: 0,
        available: 10_000,
        low_balance_threshold: null,
        auto_top_up: { enabled: false, package_id: null },
      });
    });
  });
});
