import type { PrismaService } from '@mintfax/db';
import { bullOptions, QUEUES } from '@mintfax/queue';
import {
  createTestAccount,
  createTestEvent,
  createTestWebhookEndpoint,
  cuttableLink,
  disposableRedis,
  serviceEnv,
  spawnApp,
  testPrisma,
  useTestInfrastructure,
  waitFor,
  type CuttableLink,
  type DisposableRedis,
  type SpawnedApp,
  type TestAccount,
} from '@mintfax/testing';
import { Queue } from 'bullmq';
import { Receiver } from './support/receiver';

// Outages of our own infrastructure lose no delivery and use up none of an endpoint's retries:
// Postgres records what is owed, and the dispatcher's sweep enqueues what Redis lost.
describe('webhook deliveries across outages', () => {
  const infra = useTestInfrastructure();
  let prisma: PrismaService;
  let receiver: Receiver;
  let redis: DisposableRedis;
  let postgres: CuttableLink;
  let queue: Queue;
  let dispatcher: SpawnedApp | undefined;
  let acct: TestAccount;

  beforeAll(async () => {
    prisma = testPrisma(infra().databaseUrl);
    receiver = await Receiver.start();
    redis = await disposableRedis();
    postgres = await cuttableLink(infra().databaseUrl);
    queue = new Queue(QUEUES.webhookDelivery, bullOptions(redis.url, infra().redisPrefix));
    acct = await createTestAccount(prisma);
  });

  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = undefined;
  });

  afterAll(async () => {
    await queue.close();
    await postgres.close();
    await redis.close();
    await receiver.close();
    await prisma.$disconnect();
  });

  const sandbox = () => ({ accountId: acct.accountId, environmentId: acct.sandboxEnvironmentId });
  const startDispatcher = (env: Record<string, string> = {}) => {
    dispatcher = spawnApp('webhook-dispatcher', {
      ...serviceEnv(infra()),
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      WORKER_HTTP_PORT: '0',
      WEBHOOK_SWEEP_INTERVAL_MS: '200',
      ...env,
    });
  };
  const events = async (count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) ids.push(await createTestEvent(prisma, sandbox()));
    return ids;
  };
  /** Each event's attempts at `endpointId`, as [number, status] in order, once every event has succeeded. */
  const settled = (endpointId: string, eventIds: string[]) =>
    waitFor(
      'every event delivered',
      async () => {
        const rows = await prisma.webhookAttempt.findMany({ where: { endpointId, eventId: { in: eventIds } }, orderBy: { attemptNumber: 'asc' } });
        const byEvent = new Map(eventIds.map((id) => [id, rows.filter((row) => row.eventId === id).map((row) => [row.attemptNumber, row.status])]));
        return [...byEvent.values()].every((attempts) => attempts.some(([, status]) => status === 'succeeded')) ? byEvent : undefined;
      },
      90_000,
    );
  const owedCount = (endpointId: string) => prisma.webhookDelivery.count({ where: { endpointId } });
  /**
   * A dispatcher making one delivery at a time, and `count` events for an endpoint at `path` whose
   * first request the receiver holds: resolves once it holds it, with the held request's event.
   */
  const holdingFirstOf = async (path: string, count: number) => {
    const endpoint = await createTestWebhookEndpoint(prisma, sandbox(), receiver.on(path, (n) => (n === 1 ? 'hold' : 200)));
    startDispatcher({ WEBHOOK_CONCURRENCY: '1' });
    const ids = await events(count);
    await waitFor('a delivery held by the receiver', async () => (receiver.held.length > 0 ? true : undefined));
    return { endpoint, ids, held: receiver.at(path)[0].headers['webhook-id'] };
  };

  it('delivers what Redis lost when it came back empty, and what was fanned out while it was away', async () => {
    // Every event's first attempt fails, so its second waits in Redis (5 s later) when Redis goes.
    const endpoint = await createTestWebhookEndpoint(prisma, sandbox(), receiver.on('/redis', (n) => (n <= 4 ? 500 : 200)));
    startDispatcher();
    const scheduled = await events(4);
    await waitFor('four retries scheduled', async () => ((await queue.getJobCounts('delayed')).delayed === 4 ? true : undefined));

    await redis.stop();
    const whileAway = await events(3);
    await waitFor('the events fanned out with Redis away', async () =>
      (await prisma.event.count({ where: { id: { in: whileAway }, dispatchedAt: { not: null } } })) === 3 ? true : undefined,
    );
    await redis.start({ keepData: false });

    const attempts = await settled(endpoint.id, [...scheduled, ...whileAway]);
    for (const id of scheduled) expect(attempts.get(id)).toEqual([[1, 'failed'], [2, 'succeeded']]);
    for (const id of whileAway) expect(attempts.get(id)).toEqual([[1, 'succeeded']]);
    expect(await owedCount(endpoint.id)).toBe(0);
  }, 120_000);

  it('delivers every event after a Postgres outage that outlasted the jobs’ own retries, without using up an endpoint retry', async () => {
    // The first delivery is held by the receiver, the rest wait behind it.
    const { endpoint, ids: before, held } = await holdingFirstOf('/postgres', 5);

    await postgres.cut();
    // The held delivery's 200 arrives with nobody able to record it: its attempt goes to the queue,
    // whose job cannot reach Postgres either, until it fails for good.
    receiver.held.splice(0).forEach(({ res }) => res.writeHead(200).end('ok'));
    const during = await events(2);
    await waitFor(
      'the held delivery’s job to fail for good while Postgres is away',
      async () => ((await queue.getFailed()).some((job) => (job.data as { eventId: string }).eventId === held) ? true : undefined),
      120_000,
      500,
    );
    await postgres.restore();

    const attempts = await settled(endpoint.id, [...before, ...during]);
    // Our outage shows in no endpoint's schedule: every event took exactly one attempt, number 1.
    for (const id of [...before, ...during]) expect(attempts.get(id)).toEqual([[1, 'succeeded']]);
    expect(await owedCount(endpoint.id)).toBe(0);
  }, 180_000);

  it('delivers the first attempts a killed dispatcher had claimed once their lease ends, never while it runs', async () => {
    // The first delivery is held by the receiver, the next claimed behind it.
    const { endpoint, ids, held: cut } = await holdingFirstOf('/killed', 3);
    const leased = await prisma.webhookDelivery.findMany({ where: { endpointId: endpoint.id, dueAt: { gt: new Date() } } });

    await dispatcher?.kill();
    dispatcher = undefined;
    receiver.held.splice(0).forEach(({ res }) => res.destroy());
    const killedAt = Date.now();
    startDispatcher();

    const attempts = await settled(endpoint.id, ids);
    // The attempt cut short by the crash is made again under its own number; nothing else is.
    for (const id of ids) expect(attempts.get(id)).toEqual([[1, 'succeeded']]);
    const sent = receiver.at('/killed').map((delivery) => delivery.headers['webhook-id']);
    expect(ids.map((id) => sent.filter((sentId) => sentId === id).length)).toEqual(ids.map((id) => (id === cut ? 2 : 1)));
    // What the killed dispatcher held stayed its own until the lease it took ran out.
    expect(leased.map((row) => row.eventId)).toContain(cut);
    const cutDelivered = await prisma.webhookAttempt.findFirstOrThrow({ where: { endpointId: endpoint.id, eventId: cut } });
    expect(cutDelivered.completedAt!.getTime()).toBeGreaterThanOrEqual(Math.min(...leased.map((row) => row.dueAt.getTime())));
    expect(cutDelivered.completedAt!.getTime()).toBeGreaterThan(killedAt);
    expect(await owedCount(endpoint.id)).toBe(0);
  }, 120_000);
});
