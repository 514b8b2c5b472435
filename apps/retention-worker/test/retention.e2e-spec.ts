import { createServer } from 'node:net';
import type { PrismaService } from '@mintfax/db';
import { bullOptions, FAX_DISPATCH_JOB_NAME, faxDispatchJobId, JOB_RETENTION, QUEUES } from '@mintfax/queue';
import {
  createFinishedTestFax,
  createTestAccount,
  createTestFax,
  serviceEnv,
  spawnApp,
  testPrisma,
  useTestInfrastructure,
  waitFor,
  type SpawnedApp,
  type TestInfrastructure,
  type TestOwner,
} from '@mintfax/testing';
import { Queue } from 'bullmq';

const DAY_MS = 24 * 60 * 60 * 1000;
const NEVER_MS = String(DAY_MS);


function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Processes started by a describe block, stopped (SIGTERM) after it. */
function useApps(infra: () => TestInfrastructure) {
  const apps: SpawnedApp[] = [];
  afterAll(() => Promise.all(apps.splice(0).map((app) => app.stop())));
  return (name: string, env: Record<string, string> = {}) => {
    const app = spawnApp(name, { ...serviceEnv(infra()), WORKER_HTTP_PORT: '0', ...env });
    apps.push(app);
    return app;
  };
}

async function sandboxEnvironment(prisma: PrismaService, settings: { zeroFootprint?: boolean; retentionDays?: number } = {}) {
  const account = await createTestAccount(prisma);
  await prisma.environment.update({ where: { id: account.sandboxEnvironmentId }, data: settings });
  return { owner: { accountId: account.accountId, environmentId: account.sandboxEnvironmentId } satisfies TestOwner, key: account.sandboxKey };
}

describe('zero-footprint purge, end to end', () => {
  const infra = useTestInfrastructure();
  const start = useApps(infra);
  let prisma: PrismaService;
  let dispatch: Queue;
  let purges: Queue;
  let gateway: string;

  beforeAll(async () => {
    prisma = testPrisma(infra().databaseUrl);
    dispatch = new Queue(QUEUES.faxDispatch, bullOptions(infra().redisUrl, infra().redisPrefix));
    purges = new Queue(QUEUES.faxPurge, bullOptions(infra().redisUrl, infra().redisPrefix));
    const retention = new Queue(QUEUES.retention, bullOptions(infra().redisUrl, infra().redisPrefix));
    // The periodic sweep runs once at start and then not for a day: only a purge job can purge here.
    start('retention-worker', { RETENTION_SWEEP_INTERVAL_MS: NEVER_MS, HOUSEKEEPING_INTERVAL_MS: NEVER_MS });
    await waitFor('the first sweep', async () => ((await retention.getCompletedCount()) >= 1 ? true : undefined));
    await retention.close();
    start('fax-worker', { SANDBOX_CARRIER_DELAY_MS: '0' });
    const port = await freePort();
    start('api-gateway', { GATEWAY_PORT: String(port) });
    gateway = `http://127.0.0.1:${port}`;
    await waitFor('the gateway', () => fetch(`${gateway}/healthz`).then((r) => (r.ok ? true : undefined), () => undefined));
  }, 60_000);

  afterAll(async () => {
    await Promise.all([dispatch.close(), purges.close()]);
    await prisma.$disconnect();
  });

  /** What the gateway does on submission: commit, then add the dispatch job. */
  async function submit(owner: TestOwner): Promise<string> {
    const id = await createTestFax(prisma, owner);
    await dispatch.add(FAX_DISPATCH_JOB_NAME, { faxId: id }, { jobId: faxDispatchJobId(id, 0), ...JOB_RETENTION });
    return id;
  }

  it('purges the document within seconds of delivery, and only in a zero-footprint environment', async () => {
    const zero = await sandboxEnvironment(prisma, { zeroFootprint: true });
    const plain = await sandboxEnvironment(prisma);
    const [id, control] = await Promise.all([submit(zero.owner), submit(plain.owner)]);

    const fax = await waitFor(
      'the purge',
      async () => {
        const row = await prisma.fax.findUniqueOrThrow({ where: { id } });
        const document = await prisma.faxDocument.findUnique({ where: { faxId: id } });
        const events = await prisma.event.findMany({ where: { faxId: id, type: 'fax.data_purged' } });
        return row.purgedAt && !document && events.length > 0 ? { row, events } : undefined;
      },
      15_000,
    );

    expect(fax.row.status).toBe('delivered');
    expect(fax.events).toHaveLength(1);
    expect(fax.events[0].data).toMatchObject({ object: { id, status: 'delivered', document: { purged_at: fax.row.purgedAt?.toISOString() } } });
    expect((await purges.getJob(id))?.returnvalue).toBe('purged');

    // A finished dispatch job has done all it would: the purge job is added before the job completes.
    await waitFor('the control fax to be dispatched', async () => ((await dispatch.getJobState(control)) === 'completed' ? true : undefined));
    expect((await prisma.fax.findUniqueOrThrow({ where: { id: control } })).status).toBe('delivered');
    expect(await purges.getJob(control)).toBeUndefined();
    expect(await prisma.faxDocument.findUnique({ where: { faxId: control } })).not.toBeNull();
    expect((await prisma.fax.findUniqueOrThrow({ where: { id: control } })).purgedAt).toBeNull();
  });

  it('still shows the purged fax through the API, but neither its image nor a resend', async () => {
    const zero = await sandboxEnvironment(prisma, { zeroFootprint: true });
    const id = await submit(zero.owner);
    const purgedAt = await waitFor('the purge', async () => (await prisma.fax.findUniqueOrThrow({ where: { id } })).purgedAt ?? undefined, 15_000);
    const call = (method: string, path: string) => fetch(`${gateway}${path}`, { method, headers: { authorization: `Bearer ${zero.key}` } });

    const shown = await call('GET', `/v1/faxes/${id}`);
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({ id, status: 'delivered', document: { purged_at: purgedAt.toISOString() } });
    for (const [method, path] of [['GET', `/v1/faxes/${id}/image`], ['POST', `/v1/faxes/${id}/resend`]]) {
      const refused = await call(method, path);
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ error: 'fax_data_purged', action: 'submit_new_fax' });
    }
  });
});

describe('scheduled retention runs', () => {
  const infra = useTestInfrastructure();
  const start = useApps(infra);
  let prisma: PrismaService;

  beforeAll(() => {
    prisma = testPrisma(infra().databaseUrl);
  });

  afterAll(() => prisma.$disconnect());

  it('purge documents past retention and zero-footprint ones no job announced, and prune housekeeping, with two instances up', async () => {
    const now = Date.now();
    const thirtyDays = await sandboxEnvironment(prisma, { retentionDays: 30 });
    const zero = await sandboxEnvironment(prisma, { zeroFootprint: true });
    const expired = await createFinishedTestFax(prisma, thirtyDays.owner, 'delivered', new Date(now - 30 * DAY_MS - 60_000));
    const retained = await createFinishedTestFax(prisma, thirtyDays.owner, 'failed', new Date(now - 29 * DAY_MS));
    // Failed by the watchdog, which adds no purge job: the sweep is what purges it.
    const timedOut = await createFinishedTestFax(prisma, zero.owner, 'failed', new Date(now));
    const staleKey = await prisma.idempotencyRecord.create({ data: { scope: 'env_x', key: 'old', requestHash: 'h', createdAt: new Date(now - 25 * 60 * 60 * 1000) } });
    const freshKey = await prisma.idempotencyRecord.create({ data: { scope: 'env_x', key: 'new', requestHash: 'h', createdAt: new Date(now - 60 * 60 * 1000) } });

    const every = { RETENTION_SWEEP_INTERVAL_MS: '1000', HOUSEKEEPING_INTERVAL_MS: '1000' };
    start('retention-worker', every);
    start('retention-worker', every);

    await waitFor('both purges', async () => ((await prisma.fax.count({ where: { id: { in: [expired, timedOut] }, purgedAt: { not: null } } })) === 2 ? true : undefined));
    await waitFor('the stale idempotency record to go', async () => ((await prisma.idempotencyRecord.findUnique({ where: { id: staleKey.id } })) ? undefined : true));

    for (const id of [expired, timedOut]) {
      expect(await prisma.event.count({ where: { faxId: id, type: 'fax.data_purged' } })).toBe(1);
      expect(await prisma.faxDocument.findUnique({ where: { faxId: id } })).toBeNull();
    }
    expect(await prisma.faxDocument.findUnique({ where: { faxId: retained } })).not.toBeNull();
    expect((await prisma.fax.findUniqueOrThrow({ where: { id: retained } })).purgedAt).toBeNull();
    expect(await prisma.idempotencyRecord.findUnique({ where: { id: freshKey.id } })).not.toBeNull();
  });
});
