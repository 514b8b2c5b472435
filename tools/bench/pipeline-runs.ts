// What both paths of bench:pipeline share: queued faxes written by submitFax, and the clock from
// enqueuing their dispatch jobs until every one is delivered.
import { createHash } from 'node:crypto';
import type { EnvironmentType, PrismaService } from '@mintfax/db';
import { DEFAULT_SEND_OPTIONS, submitFax } from '@mintfax/faxes';
import { bullOptions, FAX_DISPATCH_JOB_NAME, faxDispatchJobId, JOB_RETENTION, QUEUES, type FaxDispatchJob } from '@mintfax/queue';
import { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { POOL_SIZE, REDIS_PREFIX, type Cleanup, type RunningApp, type Stores } from './support';

const ENQUEUE_BATCH = 500;
/** The apps are declared stuck when no fax is delivered for this long. */
const STALL_MS = 30_000;

export interface FaxOwner {
  accountId: string;
  environmentId: string;
  type: EnvironmentType;
  to: string;
}

/**
 * N queued faxes with their holds, through submitFax itself (one statement each), 10 at a time, the
 * owners taking turns; then fresh planner statistics, as each side gets them (autovacuum is off in
 * the ephemeral Postgres).
 */
export async function queuedFaxes(prisma: PrismaService, owners: FaxOwner[], pdf: Buffer, count: number): Promise<string[]> {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const ids: string[] = [];
  let claimed = 0;
  await Promise.all(
    Array.from({ length: POOL_SIZE }, async () => {
      while (claimed < count) {
        const owner = owners[claimed % owners.length];
        claimed += 1;
        const fax = await submitFax(prisma, {
          accountId: owner.accountId,
          environmentId: owner.environmentId,
          environmentType: owner.type,
          to: owner.to,
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

/** A finished run: its seconds, and the count queries it sent to Postgres while it waited. */
export interface Run {
  seconds: number;
  polls: number;
}

/** From enqueuing the faxes' dispatch jobs until all of them are delivered, while `apps` keep running. */
export async function deliverAll(stores: Stores, pg: Pool, faxIds: string[], apps: RunningApp[], cleanups: Cleanup[]): Promise<Run> {
  const queue = new Queue<FaxDispatchJob>(QUEUES.faxDispatch, bullOptions(stores.redisUrl, REDIS_PREFIX, { producer: true }));
  cleanups.push(() => queue.close());
  const started = performance.now();
  for (let i = 0; i < faxIds.length; i += ENQUEUE_BATCH) {
    await queue.addBulk(
      faxIds.slice(i, i + ENQUEUE_BATCH).map((faxId) => ({ name: FAX_DISPATCH_JOB_NAME, data: { faxId }, opts: { jobId: faxDispatchJobId(faxId, 0), ...JOB_RETENTION } })),
    );
  }
  let delivered = 0;
  let polls = 0;
  let progressAt = performance.now();
  while (delivered < faxIds.length) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const app of apps) app.assertRunning();
    const { rows } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM faxes WHERE status = 'delivered' AND id = ANY($1)`, [faxIds]);
    polls += 1;
    if (rows[0].n > delivered) progressAt = performance.now();
    delivered = rows[0].n;
    if (performance.now() - progressAt > STALL_MS) throw new Error(`stalled at ${delivered} of ${faxIds.length} delivered.`);
  }
  const seconds = (performance.now() - started) / 1000;
  await queue.close();
  return { seconds, polls };
}

/**
 * Per-fax latency in ms, p50 and p99: from the attempt's start (its first write, once a worker has
 * taken the job) until the fax is delivered, as both sides record them in the rows.
 */
export async function attemptLatency(pg: Pool, faxIds: string[]): Promise<{ p50: number; p99: number }> {
  const { rows } = await pg.query<{ p50: number; p99: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
       FROM (SELECT extract(epoch FROM f.completed_at - a.started_at) * 1000 AS ms
               FROM faxes f JOIN fax_attempts a ON a.fax_id = f.id AND a.number = f.attempts WHERE f.id = ANY($1)) t`,
    [faxIds],
  );
  return rows[0];
}
