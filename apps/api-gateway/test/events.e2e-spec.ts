import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PrismaService } from '@mintfax/db';
import {
  createTestAccount,
  createTestEnvironment,
  createTestEvent,
  serviceEnv,
  testPrisma,
  useTestInfrastructure,
  type TestAccount,
} from '@mintfax/testing';
import { startGateway } from './support/gateway';

interface EventList {
  object: 'list';
  data: { id: string; type: string; environment_id: string }[];
  has_more: boolean;
}

describe('GET /v1/events', () => {
  const infra = useTestInfrastructure();
  let app: NestFastifyApplication;
  let base: string;
  let prisma: PrismaService;
  let acct: TestAccount;
  let ownIds: string[];

  const call = (path: string, key: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    ({ app, base } = await startGateway(serviceEnv(infra())));
    prisma = testPrisma(infra().databaseUrl);
    acct = await createTestAccount(prisma, { activated: true });
    const sandbox = { accountId: acct.accountId, environmentId: acct.sandboxEnvironmentId };
    ownIds = [];
    for (const type of ['fax.queued', 'fax.submitted', 'fax.in_progress', 'fax.delivered', 'fax.queued'] as const) ownIds.push(await createTestEvent(prisma, sandbox, type));
    await createTestEvent(prisma, { accountId: acct.accountId, environmentId: acct.liveEnvironmentId }, 'fax.queued');
  });

  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  it("lists only the key's environment, newest first, page by page in both directions", async () => {
    const all = (await (await call('/v1/events?limit=100', acct.sandboxKey)).json()) as EventList;
    expect(all).toMatchObject({ object: 'list', has_more: false });
    expect(all.data.map((event) => event.id)).toEqual([...ownIds].reverse());

    const first = (await (await call('/v1/events?limit=2', acct.sandboxKey)).json()) as EventList;
    expect(first.data.map((event) => event.id)).toEqual(all.data.slice(0, 2).map((event) => event.id));
    expect(first.has_more).toBe(true);
    const next = (await (await call(`/v1/events?limit=2&starting_after=${first.data[1].id}`, acct.sandboxKey)).json()) as EventList;
    expect(next.data.map((event) => event.id)).toEqual(all.data.slice(2, 4).map((event) => event.id));
    const back = (await (await call(`/v1/events?limit=10&ending_before=${next.data[0].id}`, acct.sandboxKey)).json()) as EventList;
    expect(back.data.map((event) => event.id)).toEqual(first.data.map((event) => event.id));
    expect(back.has_more).toBe(false);
  });

  it('filters by type and refuses an unknown type', async () => {
    const queued = (await (await call('/v1/events?type=fax.queued', acct.sandboxKey)).json()) as EventList;
    expect(queued.data.map((event) => event.id)).toEqual([ownIds[4], ownIds[0]]);
    const bad = await call('/v1/events?type=fax.exploded', acct.sandboxKey);
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: 'validation_failed', context: { errors: { type: [expect.any(String)] } } });
  });

  it('answers an event of the environment as the API reference shows it', async () => {
    const response = await call(`/v1/events/${ownIds[3]}`, acct.sandboxKey);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: ownIds[3],
      object: 'event',
      type: 'fax.delivered',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      environment_id: acct.sandboxEnvironmentId,
      data: { object: { id: 'fax_1', object: 'fax' } },
    });
  });

  it('answers 403 for a sibling environment of the same type, 404 across the sandbox/live wall or another account', async () => {
    const sibling = await createTestEnvironment(prisma, acct.accountId);
    const stranger = await createTestAccount(prisma);

    const forbidden = await call(`/v1/events/${ownIds[0]}`, sibling.key);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: 'forbidden' });
    for (const key of [acct.liveKey, stranger.sandboxKey]) {
      const hidden = await call(`/v1/events/${ownIds[0]}`, key);
      expect(hidden.status).toBe(404);
      expect(await hidden.json()).toMatchObject({ error: 'not_found' });
    }
    expect((await call('/v1/events/evt_nope', acct.sandboxKey)).status).toBe(404);
  });

  it('is an operational route: the account key is refused', async () => {
    const response = await call('/v1/events', acct.accountKey);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'key_not_scoped_for_operations' });
  });
});
