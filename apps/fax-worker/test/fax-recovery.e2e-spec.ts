import type { PrismaService } from '@mintfax/db';
import { bullOptions, FAX_DISPATCH_JOB_NAME, faxDispatchJobId, JOB_RETENTION, QUEUES } from '@mintfax/queue';
import { createTestAccount, createTestFax, pdfDocument, serviceEnv, spawnApp, testPrisma, useTestInfrastructure, waitFor, type SpawnedApp, type TestAccount } from '@mintfax/testing';
import { Queue, Worker } from 'bullmq';
import { enqueueFirstAttempt, expectAttemptsInOrder, expectMoneySettled, waitUntilTerminal } from './support/fax-checks';

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
    if (enqueue) await enqueueFirstAttempt(queue, id);
    return id;
  }

  /** A first-attempt job that failed for good (no retries left), its id still kept by the queue. */
  async function failForGood(faxId: string): Promise<void> {
    const jobId = faxDispatchJobId(faxId, 0);
    await queue.add(FAX_DISPATCH_JOB_NAME, { faxId }, { jobId, attempts: 1, ...JOB_RETENTION });
    const broken = new Worker(QUEUES.faxDispatch, async () => Promise.reject(new Error('database unavailable')), bullOptions(infra().redisUrl, infra().redisPrefix));
    await waitFor('the job to fail', async () => ((await queue.getJob(jobId))?.failedReason ? true : undefined));
    await broken.close();
  }

  /** The fax as a worker leaves it when it dies mid-attempt: `in_progress`, its first attempt open, unmoved for `age`. */
  async function leaveMidAttempt(faxId: string, age: string): Promise<void> {
    await prisma.$executeRaw`UPDATE faxes SET status = 'in_progress', attempts = 1, updated_at = now() - ${age}::interval WHERE id = ${faxId}`;
    await prisma.faxAttempt.create({ data: { faxId, number: 1 } });
  }

  it('brings every fax to one terminal state after a worker is killed mid-flight', async () => {
    const first = startWorker({ SANDBOX_CARRIER_DELAY_MS: '400', FAX_WORKER_CONCURRENCY: '32' });
    const ids = await Promise.all(Array.from({ length: 24 }, (_, i) => submit(i % 3 === 0 ? '+15005550004' : '+15005550001')));
    await waitFor('faxes in flight', async () =>
      (await prisma.fax.count({ where: { id: { in: ids }, status: { in: ['submitted', 'in_progress'] } } })) >= 10 ? true : undefined,
    );
    await first.kill();

    startWorker({ SANDBOX_CARRIER_DELAY_MS: '0' });
    await waitUntilTerminal(prisma, ids, 90_000);
    expect(await prisma.fax.count({ where: { id: { in: ids }, status: 'delivered' } })).toBe(ids.length);
    await expectAttemptsInOrder(prisma, ids);
    await expectMoneySettled(prisma, acct.accountId, ids);
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
    await expectMoneySettled(prisma, acct.accountId, [id]);
  });

  it('sends a fax whose dispatch job failed for good (a job id the queue still keeps)', async () => {
    const id = await submit('+15005550001', false);
    await failForGood(id);
    await prisma.$executeRaw`UPDATE faxes SET updated_at = now() - interval '1 minute' WHERE id = ${id}`;

    startWorker({ SANDBOX_CARRIER_DELAY_MS: '0', FAX_SWEEP_INTERVAL_MS: '200' });
    await waitFor('the fax to be delivered', async () => ((await prisma.fax.findUniqueOrThrow({ where: { id } })).status === 'delivered' ? true : undefined));
    await expectMoneySettled(prisma, acct.accountId, [id]);
  });

  it('retries an attempt whose job is gone or failed for good as interrupted, without waiting for the watchdog', async () => {
    const gone = await submit('+15005550001', false);
    const failed = await submit('+15005550001', false);
    await failForGood(failed);
    // Unmoved past the sweep's grace, and past the watchdog's limit too: with no job running them, they are not hanging.
    for (const id of [gone, failed]) await leaveMidAttempt(id, '2 minutes');

    startWorker({ SANDBOX_CARRIER_DELAY_MS: '0', FAX_SWEEP_INTERVAL_MS: '200', FAX_STUCK_AFTER_MS: '60000' });
    await waitUntilTerminal(prisma, [gone, failed], 30_000);
    for (const id of [gone, failed]) {
      const fax = await prisma.fax.findUniqueOrThrow({ where: { id }, include: { attemptsLog: { orderBy: { number: 'asc' } } } });
      expect(fax.status).toBe('delivered');
      expect(fax.attemptsLog.map(({ outcome, failureCode }) => [outcome, failureCode])).toEqual([
        ['failed', 'transient'],
        ['delivered', null],
      ]);
      expect(fax.attemptsLog[0].failureMessage).toMatch(/interrupted/);
    }
    await expectMoneySettled(prisma, acct.accountId, [gone, failed]);
  });

  it('fails with timeout an attempt whose job runs but never ends, and releases its hold', async () => {
    const id = await submit('+15005550001');
    // A worker whose carrier never answers: it holds the job, renewing its lock, for as long as it lives.
    const hanging = new Worker(QUEUES.faxDispatch, () => new Promise<never>(() => undefined), bullOptions(infra().redisUrl, infra().redisPrefix));
    try {
      await waitFor('the job to be taken', async () => ((await (await queue.getJob(faxDispatchJobId(id, 0)))?.getState()) === 'active' ? true : undefined));
      await leaveMidAttempt(id, '1 hour');
      startWorker({ FAX_STUCK_AFTER_MS: '60000', FAX_SWEEP_INTERVAL_MS: '200' });
      const fax = await waitFor('the watchdog', async () => {
        const row = await prisma.fax.findUniqueOrThrow({ where: { id } });
        return row.status === 'failed' ? row : undefined;
      });
      expect(fax).toMatchObject({ failureCode: 'timeout', charged: 0n });
      expect(await prisma.event.count({ where: { faxId: id, type: 'fax.failed' } })).toBe(1);
      await expectMoneySettled(prisma, acct.accountId, [id]);
    } finally {
      await hanging.close(true);
    }
  });
});
