import type { PrismaService } from '@mintfax/db';
import { sandboxScenario } from '@mintfax/faxes';
import { bullOptions, QUEUES } from '@mintfax/queue';
import {
  createTestAccount,
  createTestFax,
  cuttableLink,
  disposableRedis,
  pdfDocument,
  serviceEnv,
  spawnApp,
  testPrisma,
  useTestInfrastructure,
  waitFor,
  type SpawnedApp,
  type TestAccount,
} from '@mintfax/testing';
import { Queue } from 'bullmq';
import { enqueueFirstAttempt, expectAttemptsInOrder, expectMoneySettled, waitUntilTerminal } from './support/fax-checks';

// Postgres or Redis taken away from a running fax-worker while faxes are queued and mid-attempt:
// once it is back, every fax ends with its attempts whole, and no outage is charged to a fax.
describe('fax-worker outages', () => {
  const infra = useTestInfrastructure();
  let prisma: PrismaService;
  let acct: TestAccount;
  let document: Buffer;
  const workers: SpawnedApp[] = [];

  beforeAll(async () => {
    prisma = testPrisma(infra().databaseUrl);
    acct = await createTestAccount(prisma);
    document = await pdfDocument(1);
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  const startWorker = (env: Record<string, string>) => {
    const worker = spawnApp('fax-worker', { ...serviceEnv(infra()), WORKER_HTTP_PORT: '0', SANDBOX_RETRY_BACKOFF_MS: '0', ...env });
    workers.push(worker);
    return worker;
  };

  /** Delivered, retried once then delivered, busy until it fails: one of each, over and over. */
  async function submitMany(queue: Queue, count: number): Promise<string[]> {
    const numbers = ['+15005550001', '+15005550004', '+15005550002'];
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const id = await createTestFax(prisma, { accountId: acct.accountId, environmentId: acct.sandboxEnvironmentId }, { to: numbers[i % 3], bytes: document });
      await enqueueFirstAttempt(queue, id);
      ids.push(id);
    }
    return ids;
  }

  const countByStatus = async (ids: string[]) => {
    const groups = await prisma.fax.groupBy({ by: ['status'], where: { id: { in: ids } }, _count: true });
    return Object.fromEntries(groups.map((group) => [group.status, group._count])) as Partial<Record<string, number>>;
  };

  const interrupted = (message: string | null) => message === 'The attempt was interrupted before the carrier reported back.';

  it('loses no attempt and no carrier answer to a Postgres outage longer than the dispatch jobs used to retry', async () => {
    const link = await cuttableLink(infra().databaseUrl);
    const queue = new Queue(QUEUES.faxDispatch, bullOptions(infra().redisUrl, infra().redisPrefix));
    try {
      // Each carrier step takes a second, and the cut comes within half a second of a fax starting to
      // dial and of one connecting: both are still where they were when the cut lands.
      startWorker({ DATABASE_URL: link.url, SANDBOX_CARRIER_DELAY_MS: '1000', FAX_WORKER_CONCURRENCY: '6' });
      const ids = await submitMany(queue, 18);
      const states = () => prisma.fax.findMany({ where: { id: { in: ids } }, select: { id: true, to: true, status: true, attempts: true, updatedAt: true } });
      const willConnect = (fax: { to: string; attempts: number }) => !['busy', 'no_answer', 'invalid_number'].includes(sandboxScenario(fax.to).outcome(fax.attempts));
      const diallingToConnect = (fax: { to: string; status: string; attempts: number }) => fax.status === 'submitted' && willConnect(fax);
      await waitFor(
        'a fax dialling that will connect, one connected and one queued, at once',
        async () => {
          const faxes = await states();
          const has = (test: (fax: (typeof faxes)[number]) => boolean) => faxes.some(test);
          const fresh = (fax: (typeof faxes)[number]) => Date.now() - fax.updatedAt.getTime() < 500;
          const ready = has((fax) => diallingToConnect(fax) && fresh(fax)) && has((fax) => fax.status === 'in_progress' && fresh(fax)) && has((fax) => fax.status === 'queued');
          return ready ? true : undefined;
        },
        30_000,
        20,
      );
      await link.cut();
      // Read once the worker can no longer write: these are the states the cut found.
      const atCut = await states();
      const connected = atCut.filter((fax) => fax.status === 'in_progress');
      const dialling = atCut.filter(diallingToConnect);
      expect(connected.length).toBeGreaterThan(0);
      expect(dialling.length).toBeGreaterThan(0);

      // The old policy gave a job 5 runs in about 15 s; hold the outage until jobs have run more often than that.
      await waitFor(
        'dispatch jobs retried past the old policy',
        async () => ((await queue.getJobs(['delayed', 'wait', 'active'])).some((job) => job.attemptsMade >= 7) ? true : undefined),
        90_000,
        500,
      );
      await link.restore();

      await waitUntilTerminal(prisma, ids, 90_000);
      await expectAttemptsInOrder(prisma, ids);
      const faxes = await prisma.fax.findMany({ where: { id: { in: ids } }, include: { attemptsLog: { orderBy: { number: 'asc' } } } });
      for (const fax of faxes) {
        expect(fax.status).toBe(sandboxScenario(fax.to).outcome(1) === 'busy' ? 'failed' : 'delivered');
        expect(fax.attemptsLog.some((attempt) => attempt.failureCode === 'timeout')).toBe(false);
      }
      // A carrier's answer given while Postgres was away was recorded once it came back, not thrown away.
      for (const { id, to, attempts } of connected) {
        const attempt = faxes.find((fax) => fax.id === id)!.attemptsLog[attempts - 1];
        const answer = sandboxScenario(to).outcome(attempts);
        expect([attempt.outcome, attempt.failureCode]).toEqual(answer === 'delivered' ? ['delivered', null] : ['failed', answer]);
        expect(interrupted(attempt.failureMessage)).toBe(false);
      }
      // A fax cut off while dialling could not record that the call came up: that attempt ended as
      // interrupted, a transient failure, and the fax was tried again.
      for (const { id, attempts } of dialling) {
        const fax = faxes.find((candidate) => candidate.id === id)!;
        const attempt = fax.attemptsLog[attempts - 1];
        expect([interrupted(attempt.failureMessage), attempt.failureCode]).toEqual([true, 'transient']);
        expect(fax.attempts).toBeGreaterThan(attempts);
      }
      for (const attempt of faxes.flatMap((fax) => fax.attemptsLog).filter((attempt) => interrupted(attempt.failureMessage))) {
        expect(attempt.failureCode).toBe('transient');
      }
      await expectMoneySettled(prisma, acct.accountId, ids);
    } finally {
      await queue.close();
      await link.close();
    }
  }, 240_000);

  it('brings every fax to a terminal state after Redis comes back empty', async () => {
    const redis = await disposableRedis();
    const queue = new Queue(QUEUES.faxDispatch, bullOptions(redis.url, infra().redisPrefix));
    try {
      startWorker({ REDIS_URL: redis.url, SANDBOX_CARRIER_DELAY_MS: '300', FAX_WORKER_CONCURRENCY: '4', FAX_SWEEP_INTERVAL_MS: '500' });
      const ids = await submitMany(queue, 12);
      await waitFor('faxes mid-attempt and queued at once', async () => {
        const counts = await countByStatus(ids);
        return (counts.submitted ?? 0) + (counts.in_progress ?? 0) >= 2 && (counts.queued ?? 0) >= 2 ? true : undefined;
      });
      await redis.stop();
      await redis.start({ keepData: false });

      await waitUntilTerminal(prisma, ids, 90_000);
      await expectAttemptsInOrder(prisma, ids);
      for (const fax of await prisma.fax.findMany({ where: { id: { in: ids } } })) {
        expect(fax.status).toBe(sandboxScenario(fax.to).outcome(1) === 'busy' ? 'failed' : 'delivered');
      }
      await expectMoneySettled(prisma, acct.accountId, ids);
    } finally {
      await queue.close();
      await redis.close();
    }
  }, 120_000);
});
