// `npm run bench:pipeline [-- --faxes 2000 --concurrency 16]`: faxes delivered per second by the
// fax-worker (BullMQ, Prisma transactions of libs/faxes, sandbox carrier without delay), against
// the lower bound: the same state transitions, one plain `pg` statement each, in `concurrency`
// loops with no queue. Each side gets its own fresh set of queued faxes, written by submitFax.
// Throwaway Postgres and Redis under the temp dir; everything is stopped at the end.
import { createHash } from 'node:crypto';
import { PrismaService } from '@mintfax/db';
import { DEFAULT_SEND_OPTIONS, submitFax } from '@mintfax/faxes';
import { bullOptions, FAX_DISPATCH_JOB_NAME, faxDispatchJobId, JOB_RETENTION, QUEUES, type FaxDispatchJob } from '@mintfax/queue';
import { createTestAccount, pdfDocument, type TestAccount } from '@mintfax/testing';
import { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { ulid } from 'ulid';
import {
  appEnv,
  checkMoney,
  format,
  freePort,
  parseFlags,
  pgPool,
  POOL_SIZE,
  printTable,
  REDIS_PREFIX,
  runBench,
  machineLoad,
  SANDBOX_GRANT,
  startApp,
  startStores,
  type Cleanup,
  type Stores,
} from './support';
import { CONNECTED, DELIVERED, STARTED } from './pipeline-statements';

const flags = parseFlags('bench:pipeline', { faxes: 2000, concurrency: 16 });
const TO = '+15005550001';
const ENQUEUE_BATCH = 500;
/** The worker is declared stuck when no fax is delivered for this long. */
const STALL_MS = 30_000;
const WATCHDOG_MS = 4 * 60_000 + flags.faxes * 60;

/**
 * N queued faxes with their holds, through submitFax itself (one statement each), 10 at a time;
 * then fresh planner statistics, as each side gets them (autovacuum is off in the ephemeral Postgres).
 */
async function queuedFaxes(prisma: PrismaService, acct: TestAccount, pdf: Buffer, count: number): Promise<string[]> {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const ids: string[] = [];
  let claimed = 0;
  await Promise.all(
    Array.from({ length: POOL_SIZE }, async () => {
      while (claimed < count) {
        claimed += 1;
        const fax = await submitFax(prisma, {
          accountId: acct.accountId,
          environmentId: acct.sandboxEnvironmentId,
          environmentType: 'sandbox',
          to: TO,
          from: null,
          pages: 1,
          pricePerPage: 1,
          maxAttempts: 3,
          metadata: {},
          document: { bytes: pdf, contentType: 'application/pdf', sha256 },
          source: { contentType: 'application/pdf', sizeBytes: pdf.length, sha256, filename: 'bench.pdf' },
          options: DEFAULT_SEND_OPTIONS,
        });
        ids.push(fax.id);
      }
    }),
  );
  await prisma.$executeRawUnsafe('VACUUM ANALYZE faxes, fax_attempts, holds, pools, events, ledger_entries');
  return ids;
}

/** Seconds from enqueuing the N dispatch jobs until the worker has delivered all N. */
async function viaWorker(stores: Stores, pg: Pool, ids: () => Promise<string[]>, cleanups: Cleanup[]): Promise<number> {
  const port = await freePort();
  // Only the start-up sweep runs, before any fax exists: every job comes from this benchmark.
  const worker = await startApp(
    'fax-worker',
    {
      ...appEnv(stores),
      WORKER_HTTP_PORT: String(port),
      SANDBOX_CARRIER_DELAY_MS: '0',
      FAX_WORKER_CONCURRENCY: String(flags.concurrency),
      FAX_SWEEP_INTERVAL_MS: '3600000',
    },
    port,
    cleanups,
  );
  const faxIds = await ids();
  const queue = new Queue<FaxDispatchJob>(QUEUES.faxDispatch, bullOptions(stores.redisUrl, REDIS_PREFIX, { producer: true }));
  cleanups.push(() => queue.close());

  const started = performance.now();
  for (let i = 0; i < faxIds.length; i += ENQUEUE_BATCH) {
    await queue.addBulk(
      faxIds.slice(i, i + ENQUEUE_BATCH).map((faxId) => ({ name: FAX_DISPATCH_JOB_NAME, data: { faxId }, opts: { jobId: faxDispatchJobId(faxId, 0), ...JOB_RETENTION } })),
    );
  }
  let delivered = 0;
  let progressAt = performance.now();
  while (delivered < faxIds.length) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    worker.assertRunning();
    const { rows } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM faxes WHERE status = 'delivered' AND id = ANY($1)`, [faxIds]);
    if (rows[0].n > delivered) progressAt = performance.now();
    delivered = rows[0].n;
    if (performance.now() - progressAt > STALL_MS) throw new Error(`fax-worker stalled at ${delivered} of ${faxIds.length} delivered.`);
  }
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  return seconds;
}

/** Seconds for `concurrency` loops to take the N faxes through the three transitions, one statement each. */
async function viaPg(pg: Pool, faxIds: string[]): Promise<number> {
  let next = 0;
  const step = async (statement: { name: string; text: string }, values: unknown[], what: string) => {
    const { rowCount } = await pg.query({ ...statement, values });
    if (rowCount !== 1) throw new Error(`${what} of ${values[0]} changed nothing.`);
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: flags.concurrency }, async () => {
      while (next < faxIds.length) {
        const faxId = faxIds[next++];
        await step(STARTED, [faxId, `evt_${ulid()}`], 'queued → submitted');
        await step(CONNECTED, [faxId, `evt_${ulid()}`], 'submitted → in_progress');
        await step(DELIVERED, [faxId, `evt_${ulid()}`, `txn_${ulid()}`], 'in_progress → delivered');
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

/** Both sides left every fax delivered with the same rows: 4 events, an ended attempt, a captured hold. */
async function checkRows(pg: Pool, faxes: number): Promise<string> {
  const { rows } = await pg.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM faxes WHERE status = 'delivered' AND charged = cost AND completed_at IS NOT NULL) AS delivered,
            (SELECT count(*)::int FROM fax_attempts WHERE outcome = 'delivered' AND ended_at IS NOT NULL AND pages_sent = 1) AS attempts,
            (SELECT count(*)::int FROM holds WHERE status = 'captured' AND charged = amount) AS captured,
            (SELECT count(*)::int FROM ledger_entries WHERE type = 'capture') AS captures,
            (SELECT count(*)::int FROM events WHERE type = 'fax.queued') AS queued,
            (SELECT count(*)::int FROM events WHERE type = 'fax.submitted') AS submitted,
            (SELECT count(*)::int FROM events WHERE type = 'fax.in_progress') AS in_progress,
            (SELECT count(*)::int FROM events WHERE type = 'fax.delivered') AS delivered_events,
            (SELECT count(*)::int FROM (
               SELECT type FROM events GROUP BY type
               HAVING count(DISTINCT (SELECT string_agg(k || ':' || jsonb_typeof(v), ',' ORDER BY k) FROM jsonb_each(data->'object') e(k, v))) > 1
             ) s) AS mixed_shapes,
            (SELECT count(*)::int FROM events WHERE data->'object'->>'updated_at' !~ '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$') AS odd_dates`,
  );
  const { mixed_shapes: mixedShapes, odd_dates: oddDates, ...counts } = rows[0];
  const wrong = Object.entries(counts).filter(([, n]) => n !== faxes);
  if (wrong.length > 0 || mixedShapes !== 0 || oddDates !== 0) {
    throw new Error(`Expected ${faxes} of each, one fax object shape per event type, ISO dates: ${JSON.stringify(rows[0])}`);
  }
  return `rows: ${faxes} faxes delivered, each with an ended attempt, a captured hold, a capture entry and 4 events (one object shape per type on both sides)`;
}

runBench('bench:pipeline', WATCHDOG_MS, async (cleanups) => {
  const stores = await startStores(cleanups);
  const prisma = new PrismaService({ databaseUrl: stores.databaseUrl, poolSize: POOL_SIZE });
  cleanups.push(() => prisma.$disconnect());
  const acct = await createTestAccount(prisma, { name: 'Bench Co', sandboxGrant: SANDBOX_GRANT });
  const pg = pgPool(stores.databaseUrl, cleanups);
  const pdf = await pdfDocument(1);
  const { rows } = await pg.query<{ server_version: string }>('SHOW server_version');
  console.log(`Postgres ${rows[0].server_version} (embedded, ephemeral: fsync and synchronous_commit off), redis-server; pool size ${POOL_SIZE} on both sides`);
  console.log(`${flags.faxes} one-page sandbox faxes to ${TO} per side, concurrency ${flags.concurrency}, SANDBOX_CARRIER_DELAY_MS=0`);
  console.log(`before: ${machineLoad()}\n`);
  // The faxes are written once the worker is up, so its start-up sweep finds none of them.
  const workerSeconds = await viaWorker(stores, pg, () => queuedFaxes(prisma, acct, pdf, flags.faxes), cleanups);
  const pgIds = await queuedFaxes(prisma, acct, pdf, flags.faxes);
  const pgSeconds = await viaPg(pg, pgIds);

  const perSecond = (seconds: number) => flags.faxes / seconds;
  printTable([
    ['', 'faxes/s', 'seconds'],
    [`fax-worker (BullMQ, Prisma), concurrency ${flags.concurrency}`, format(perSecond(workerSeconds)), format(workerSeconds, 1)],
    [`lower bound (plain pg, ${flags.concurrency} loops, no queue)`, format(perSecond(pgSeconds)), format(pgSeconds, 1)],
  ]);
  console.log(`\nmintfax / lower bound: ${format(perSecond(workerSeconds) / perSecond(pgSeconds), 2)}\n`);
  console.log(`after: ${machineLoad()}`);
  console.log(await checkRows(pg, 2 * flags.faxes));
  console.log(await checkMoney(pg, acct.accountId));
});
