import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PrismaService } from '@mintfax/db';
import { bullOptions, QUEUES, WEBHOOK_JOB_NAME, webhookJobId, webhookJobOptions } from '@mintfax/queue';
import {
  createTestAccount,
  createTestEnvironment,
  createTestEvent,
  serviceEnv,
  testPrisma,
  useTestInfrastructure,
  type TestAccount,
} from '@mintfax/testing';
import { Queue } from 'bullmq';
import { ulid } from '@mintfax/db';
import { startGateway } from './support/gateway';

interface Endpoint {
  id: string;
  object: string;
  url: string;
  events: string[];
  enabled: boolean;
  description: string | null;
  secret?: string;
  previous_secret_expires_at: string | null;
}

describe('/v1/webhooks', () => {
  const infra = useTestInfrastructure();
  const apps: NestFastifyApplication[] = [];
  let base: string;
  let guarded: string;
  let prisma: PrismaService;
  let queue: Queue;
  let acct: TestAccount;

  const start = async (env: Record<string, string> = {}) => {
    const { app, base: url } = await startGateway({ ...serviceEnv(infra()), ...env });
    apps.push(app);
    return url;
  };
  const call = (method: string, path: string, key: string, body?: unknown, at = base) =>
    fetch(`${at}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const create = async (key: string, body: unknown = { url: 'http://127.0.0.1:9/hook', events: ['*'] }) => {
    const response = await call('POST', '/v1/webhooks', key, body);
    expect(response.status).toBe(201);
    return (await response.json()) as Endpoint;
  };

  beforeAll(async () => {
    base = await start();
    // As production would, whatever NODE_ENV the tests run with.
    guarded = await start({ ALLOW_PRIVATE_WEBHOOK_URLS: 'false' });
    prisma = testPrisma(infra().databaseUrl);
    const { prefix, connection } = bullOptions(infra().redisUrl, infra().redisPrefix);
    queue = new Queue(QUEUES.webhookDelivery, { prefix, connection });
    acct = await createTestAccount(prisma, { activated: true });
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await queue.close();
    await prisma.$disconnect();
  });

  it('creates an endpoint and shows its whsec_ secret once, never again', async () => {
    const endpoint = await create(acct.sandboxKey, { url: 'https://example.com/hook', events: ['fax.delivered', 'fax.failed'], description: 'prod' });
    expect(endpoint).toEqual({
      id: expect.stringMatching(/^we_/),
      object: 'webhook_endpoint',
      environment_id: acct.sandboxEnvironmentId,
      url: 'https://example.com/hook',
      description: 'prod',
      events: ['fax.delivered', 'fax.failed'],
      enabled: true,
      previous_secret_expires_at: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
    });
    expect(Buffer.from((endpoint.secret as string).slice(6), 'base64').length).toBeGreaterThanOrEqual(24);

    const one = (await (await call('GET', `/v1/webhooks/${endpoint.id}`, acct.sandboxKey)).json()) as Endpoint;
    expect(one).not.toHaveProperty('secret');
    expect(one).toMatchObject({ id: endpoint.id, url: 'https://example.com/hook' });
    const list = (await (await call('GET', '/v1/webhooks?limit=100', acct.sandboxKey)).json()) as { data: Endpoint[] };
    expect(list.data.map((item) => item.id)).toContain(endpoint.id);
    expect(list.data.every((item) => !('secret' in item))).toBe(true);
  });

  it('pages the endpoints newest first', async () => {
    const owner = await createTestAccount(prisma);
    const made = [await create(owner.sandboxKey), await create(owner.sandboxKey), await create(owner.sandboxKey)];
    const first = (await (await call('GET', '/v1/webhooks?limit=2', owner.sandboxKey)).json()) as { data: Endpoint[]; has_more: boolean };
    expect(first.data.map((item) => item.id)).toEqual([made[2].id, made[1].id]);
    expect(first.has_more).toBe(true);
    const rest = (await (await call('GET', `/v1/webhooks?limit=2&starting_after=${made[1].id}`, owner.sandboxKey)).json()) as { data: Endpoint[]; has_more: boolean };
    expect(rest).toMatchObject({ data: [{ id: made[0].id }], has_more: false });
  });

  it.each([
    [{ url: 'ftp://example.com/hook', events: ['*'] }, 'url'],
    [{ url: 'example.com/hook', events: ['*'] }, 'url'],
    [{ url: 'https://example.com/hook', events: ['fax.exploded'] }, 'events'],
    [{ url: 'https://example.com/hook', events: [] }, 'events'],
    [{ url: 'https://example.com/hook' }, 'events'],
  ])('refuses %j with validation_failed on %s', async (body, field) => {
    const response = await call('POST', '/v1/webhooks', acct.sandboxKey, body);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: 'validation_failed', context: { errors: { [field]: expect.arrayContaining([expect.any(String)]) } } });
  });

  it.each(['http://127.0.0.1:3000/hook', 'http://10.1.2.3/hook', 'http://169.254.169.254/latest', 'http://[::1]/hook', 'http://localhost/hook'])(
    'refuses the internal target %s where private URLs are not allowed, at creation and on change',
    async (url) => {
      const created = await call('POST', '/v1/webhooks', acct.sandboxKey, { url, events: ['*'] }, guarded);
      expect(created.status).toBe(422);
      expect(await created.json()).toMatchObject({ error: 'validation_failed', context: { errors: { url: [expect.stringMatching(/internal address/)] } } });

      const endpoint = await create(acct.sandboxKey, { url: 'https://93.184.216.34/hook', events: ['*'] });
      const patched = await call('PATCH', `/v1/webhooks/${endpoint.id}`, acct.sandboxKey, { url }, guarded);
      expect(patched.status).toBe(422);
      expect((await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).url).toBe('https://93.184.216.34/hook');
    },
  );

  it('changes url, events, enabled and description with PATCH, and deletes with DELETE', async () => {
    const endpoint = await create(acct.sandboxKey, { url: 'https://example.com/a', events: ['*'], description: 'old' });
    const response = await call('PATCH', `/v1/webhooks/${endpoint.id}`, acct.sandboxKey, {
      url: 'https://example.com/b',
      events: ['fax.failed'],
      enabled: false,
      description: null,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ url: 'https://example.com/b', events: ['fax.failed'], enabled: false, description: null });
    expect((await call('PATCH', `/v1/webhooks/${endpoint.id}`, acct.sandboxKey, { secret: 'whsec_mine' })).status).toBe(422);

    expect((await call('DELETE', `/v1/webhooks/${endpoint.id}`, acct.sandboxKey)).status).toBe(204);
    expect((await call('GET', `/v1/webhooks/${endpoint.id}`, acct.sandboxKey)).status).toBe(404);
  });

  it('rotates the secret: a new one shown once, the old one kept as previous for 24 h', async () => {
    const endpoint = await create(acct.sandboxKey);
    const response = await call('POST', `/v1/webhooks/${endpoint.id}/rotate-secret`, acct.sandboxKey);
    expect(response.status).toBe(200);
    const rotated = (await response.json()) as Endpoint;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);
    const hours = (Date.parse(rotated.previous_secret_expires_at as string) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row).toMatchObject({ secret: rotated.secret, previousSecret: endpoint.secret });
  });

  it('answers 403 for a sibling environment of the same type, 404 across the sandbox/live wall or another account', async () => {
    const endpoint = await create(acct.sandboxKey);
    const sibling = await createTestEnvironment(prisma, acct.accountId);
    const stranger = await createTestAccount(prisma);
    for (const [method, path] of [
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['POST', '/rotate-secret'],
      ['GET', '/attempts'],
    ]) {
      const body = method === 'PATCH' ? { enabled: false } : undefined;
      expect((await call(method, `/v1/webhooks/${endpoint.id}${path}`, sibling.key, body)).status).toBe(403);
      expect((await call(method, `/v1/webhooks/${endpoint.id}${path}`, acct.liveKey, body)).status).toBe(404);
      expect((await call(method, `/v1/webhooks/${endpoint.id}${path}`, stranger.sandboxKey, body)).status).toBe(404);
    }
    expect(await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ enabled: true, secret: endpoint.secret });
  });

  describe('at most 16 endpoints per environment', () => {
    const hook = (n: number) => ({ url: `http://127.0.0.1:9/hook-${n}`, events: ['*'] });

    async function expectLimitReached(response: Response) {
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({
        error: 'webhook_endpoint_limit_reached',
        action: 'delete_webhook_endpoint',
        docs: expect.stringMatching(/\/errors\/webhook-endpoint-limit-reached$/),
        request_id: response.headers.get('x-request-id'),
        context: { limit: 16 },
      });
    }

    it('creates exactly 16 of 30 concurrent creates; the others answer 409 and add nothing', async () => {
      const { sandboxKey, sandboxEnvironmentId } = await createTestAccount(prisma);
      const answers = await Promise.all(Array.from({ length: 30 }, (_, n) => call('POST', '/v1/webhooks', sandboxKey, hook(n))));
      expect(answers.filter((r) => r.status === 201)).toHaveLength(16);
      const refused = answers.filter((r) => r.status !== 201);
      expect(refused).toHaveLength(14);
      for (const response of refused) await expectLimitReached(response);
      expect(await prisma.webhookEndpoint.count({ where: { environmentId: sandboxEnvironmentId } })).toBe(16);
    });

    it('refuses a 17th until one is deleted, counting disabled endpoints, and leaves other environments alone', async () => {
      const { sandboxKey, sandboxEnvironmentId, liveKey } = await createTestAccount(prisma, { activated: true });
      const endpoints: Endpoint[] = [];
      for (let n = 0; n < 16; n += 1) endpoints.push(await create(sandboxKey, hook(n)));
      expect((await call('PATCH', `/v1/webhooks/${endpoints[0].id}`, sandboxKey, { enabled: false })).status).toBe(200);
      await expectLimitReached(await call('POST', '/v1/webhooks', sandboxKey, hook(16)));
      await create(liveKey, hook(16));

      expect((await call('DELETE', `/v1/webhooks/${endpoints[3].id}`, sandboxKey)).status).toBe(204);
      const added = await create(sandboxKey, hook(17));
      expect(added.url).toBe(hook(17).url);
      await expectLimitReached(await call('POST', '/v1/webhooks', sandboxKey, hook(18)));
      expect(await prisma.webhookEndpoint.count({ where: { environmentId: sandboxEnvironmentId } })).toBe(16);
    });
  });

  describe('attempts', () => {
    let endpointId: string;
    let eventId: string;
    let attemptIds: string[];

    beforeAll(async () => {
      endpointId = (await create(acct.sandboxKey)).id;
      eventId = await createTestEvent(prisma, { accountId: acct.accountId, environmentId: acct.sandboxEnvironmentId }, 'fax.failed', { id: 'fax_1' });
      attemptIds = [];
      for (const attemptNumber of [1, 2, 3]) {
        const row = await prisma.webhookAttempt.create({
          data: {
            id: `wa_${ulid()}`,
            endpointId,
            eventId,
            attemptNumber,
            status: 'failed',
            responseStatus: 500,
            durationMs: 12,
            createdAt: new Date(Date.now() - (4 - attemptNumber) * 1000),
            completedAt: new Date(),
          },
        });
        attemptIds.push(row.id);
      }
    });

    it('lists them newest first, paginated', async () => {
      const page = (await (await call('GET', `/v1/webhooks/${endpointId}/attempts?limit=2`, acct.sandboxKey)).json()) as {
        data: { id: string; attempt_number: number; status: string; response_status: number }[];
        has_more: boolean;
      };
      expect(page.data.map((attempt) => attempt.attempt_number)).toEqual([3, 2]);
      expect(page.data[0]).toMatchObject({ id: attemptIds[2], object: 'webhook_attempt', event_id: eventId, status: 'failed', response_status: 500, duration_ms: 12 });
      expect(page.has_more).toBe(true);
      const rest = (await (await call('GET', `/v1/webhooks/${endpointId}/attempts?starting_after=${attemptIds[1]}`, acct.sandboxKey)).json()) as {
        data: { id: string }[];
      };
      expect(rest.data.map((attempt) => attempt.id)).toEqual([attemptIds[0]]);
    });

    it('retries by hand: the next attempt is queued to run now, and an already scheduled one is brought forward', async () => {
      const job = { eventId, endpointId, attempt: 4 };
      // The dispatcher had scheduled attempt 4 for later.
      await queue.add(WEBHOOK_JOB_NAME, job, webhookJobOptions(job, 3_600_000));

      const response = await call('POST', `/v1/webhooks/attempts/${attemptIds[0]}/retry`, acct.sandboxKey);
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ object: 'webhook_retry', event_id: eventId, endpoint_id: endpointId, attempt_number: 4 });
      const queued = await queue.getJob(webhookJobId(job));
      expect(queued?.data).toEqual(job);
      expect(await queued?.getState()).toBe('waiting');
    });

    it('queues a new attempt when none is scheduled', async () => {
      await prisma.webhookAttempt.create({ data: { id: `wa_${ulid()}`, endpointId, eventId, attemptNumber: 4, status: 'failed' } });
      const response = await call('POST', `/v1/webhooks/attempts/${attemptIds[2]}/retry`, acct.sandboxKey);
      expect(response.status).toBe(202);
      expect(await response.json()).toMatchObject({ attempt_number: 5 });
      expect((await queue.getJob(webhookJobId({ eventId, endpointId, attempt: 5 })))?.data).toEqual({ eventId, endpointId, attempt: 5 });
    });

    it("answers 404 for another account's attempt and an unknown one", async () => {
      const stranger = await createTestAccount(prisma);
      expect((await call('POST', `/v1/webhooks/attempts/${attemptIds[0]}/retry`, stranger.sandboxKey)).status).toBe(404);
      expect((await call('POST', '/v1/webhooks/attempts/wa_nope/retry', acct.sandboxKey)).status).toBe(404);
    });
  });
});
