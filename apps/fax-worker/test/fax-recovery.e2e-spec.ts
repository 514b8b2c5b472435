import type { PrismaService } from '@mintfax/db';
import { bullOptions, FAX_DISPATCH_JOB_NAME, faxDispatchJobId, JOB_RETENTION, QUEUES } from '@mintfax/queue';
import { createTestAccount, createTestFax, pdfDocument, serviceEnv, spawnApp, testPrisma, useTestInfrastructure, waitFor, type SpawnedApp, type TestAccount } from '@mintfax/testing';
import { Queue, Worker } from 'bullmq';

// What the fax-worker does when things go wrong around it: crashes mid-flight, faxes whose job
// never reached Redis, attempts that never come back.
describe('fax-worker recovery', () => {
  const infra = useTestInfrastructure();
  let prisma: PrismaService;
  let queue: Queue;
  let acct: TestAccount;
  let document: Buffer;
  const workers: SpawnedApp[] = [];

  beforeAll(async () => {
    prisma = testPrisma(infra().databaseUrl);
    queue = new Queue(QUEUES.faxDispatch, bullOptions(infra().redisUrl, infra().redisPrefix));
    acct = await createTestAccount(prisma);
    document = await pdfDocument(1);
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });

  afterAll(async () => {
    await queue.close();
    await prisma.$disconnect();
  });

  const startWorker = (env: Record<string, string> = {}) => {
    const worker = spawnApp('fax-worker', { ...serviceEnv(infra()), WORKER_HTTP_PORT: '0', SANDBOX_RETRY_BACKOFF_MS: '0', ...env });
    workers.push(worker);
    return worker;
  };

  async function submit(to: string, enqueue = true): Promise<string> {
    const id = await createTestFax(prisma, { accountId: acct.accountId, environmentId: acct.sandboxEnvironmentId }, { to, bytes: document });
    if (enqueue) await queue.add(FAX_DISPATCH_JOB_NAME, { faxId: id }, { jobId: faxDispatchJobId(id, 0), ...JOB_RETENTION });
    return id;
  }


  async function expectMoneySettled(faxIds: string[]): Promise<void> {
    const holds = await prisma.hold.findMany({ where: { faxId: { in: faxIds } } });
    expect(holds).toHaveLength(faxIds.length);
    expect(holds.every((hold) => hold.status !== 'held')).toBe(true);
    for (const hold of holds) {
      const settlements = await prisma.ledgerEntry.count({ where: { holdId: hold.id, type: { in: ['capture', 'release'] } } });
      expect(settlements).toBe(1);
    }
    const pool = await prisma.pool.findUniqueOrThrow({ where: { accountId_type: { accountId: acct.accountId, type: 'sandbox' } } });
    const ledger = await prisma.ledgerEntry.aggregate({ where: { poolId: pool.id }, _sum: { amount: true } });
    expect(pool.balance).toBe(ledger._sum.amount);
    const open = await prisma.hold.aggregate({ where: { poolId: pool.id, status: 'held' }, _sum: { amount: true } });
    expect(pool.held).toBe(open._sum.amount ?? 0n);
  }

  it('brings every fax to one terminal state after a worker is killed mid-flight', async () => {
    const first = startWorker({ SANDBOX_CARRIER_DELAY_MS: '400', FAX_WORKER_CONCURRENCY: '32' });
    const ids = await Promise.all(Array.from({ length: 24 }, (_, i) => submit(i % 3 === 0 ? '+15005550004' : '+15005550001')));
    await waitFor('faxes in flight', async () =>
      (await prisma.fax.count({ where: { id: { in: ids }, status: { in: ['submitted', 'in_progress'] } } })) >= 10 ? true : undefined,
    );
    await first.kill();

    startWorker({ SANDBOX_CARRIER_DELAY_MS: '0' });
    await waitFor(
      'every fax terminal',
      async () => ((await prisma.fax.count({ where: { id: { in: ids }, status: { in: ['delivered', 'failed'] } } })) === ids.length ? true : undefined),
      90_000,
    );
    for (const id of ids) {
      const terminal = await prisma.event.count({ where: { faxId: id, type: { in: ['fax.delivered', 'fax.failed'] } } });
      expect(terminal).toBe(1);
    }
    expect(await prisma.fax.count({ where: { id: { in: ids }, status: 'delivered' } })).toBe(ids.length);
    await expectMoneySettled(ids);
  }, 120_000);

  it('sends a fax whose job never reached the queue (crash between commit and enqueue)', async () => {
    const id = await submit('+15005550001', false);
    // Older than the sweep's grace for faxes still between commit and enqueue.
    await prisma.$executeRaw`UPDATE faxes SET updated_at = now() - interval '1 minute' WHERE id = ${id}`;
    startWorker({ SANDBOX_CARRIER_DELAY_MS: '0', FAX_SWEEP_INTERVAL_MS: '200' });
    const fax = await waitFor('the swept fax to be delivered', async () => {
      const row = await prisma.fax.findUniqueOrThrow({ where: { id } });
      return row.status === 'delivered' ? row : undefined;
    });
    expect(fax.attempts).toBe(1);
    await expectMoneySettled([id]);
  });

  it('sends a fax whose dispatch job failed for good (a job id the queue still keeps)', async () => {
    const id = await submit('+15005550001', false);
    const jobId = faxDispatchJobId(id, 0);
    await queue.add(FAX_DISPATCH_JOB_NAME, { faxId: id }, { jobId, attempts: 1, ...JOB_RETENTION });
    const broken = new Worker(QUEUES.faxDispatch, async () => Promise.reject(new Error('database unavailable')), bullOptions(infra().redisUrl, infra().redisPrefix));
    await waitFor('the job to fail', async () => ((await queue.getJob(jobId))?.failedReason ? true : undefined));
    await broken.close();
    await prisma.$executeRaw`UPDATE faxes SET updated_at = now() - interval '1 minute' WHERE id = ${id}`;

    startWorker({ SANDBOX_CARRIER_DELAY_MS: '0', FAX_SWEEP_INTERVAL_MS: '200' });
    await waitFor('the fax to be delivered', async () => ((await prisma.fax.findUniqueOrThrow({ where: { id } })).status === 'delivered' ? true : undefined));
    await expectMoneySettled([id]);
  });

  it('fails a fax stuck mid-attempt with timeout and releases its hold', async () => {
    const id = await submit('+15005550001', false);
    await prisma.$executeRaw`UPDATE faxes SET status = 'in_progress', attempts = 1, updated_at = now() - interval '1 hour' WHERE id = ${id}`;
    await prisma.faxAttempt.create({ data: { faxId: id, number: 1 } });
    startWorker({ FAX_STUCK_AFTER_MS: '60000', FAX_SWEEP_INTERVAL_MS: '200' });
    const fax = await waitFor('the watchdog', async () => {
      const row = await prisma.fax.findUniqueOrThrow({ where: { id } });
      return row.status === 'failed' ? row : undefined;
    });
    expect(fax).toMatchObject({ failureCode: 'timeout', charged: 0n });
    expect(await prisma.event.count({ where: { faxId: id, type: 'fax.failed' } })).toBe(1);
    await expectMoneySettled([id]);
  });
});
