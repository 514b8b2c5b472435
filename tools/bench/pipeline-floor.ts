// The lower bound of bench:pipeline: a bare BullMQ worker on the same queue, same concurrency,
// taking the same dispatch jobs and running each attempt as the three transitions of
// pipeline-statements.ts, one named prepared statement each, on a plain `pg` pool.
import { ulid } from '@mintfax/db';
import { bullOptions, QUEUES, type FaxDispatchJob } from '@mintfax/queue';
import { Worker } from 'bullmq';
import type { Pool } from 'pg';
import { CONNECTED, DELIVERED, STARTED } from './pipeline-statements';
import { REDIS_PREFIX, type Cleanup, type Stores } from './support';

async function step<Row>(pg: Pool, statement: { name: string; text: string }, values: unknown[], what: string): Promise<Row> {
  const { rows } = await pg.query({ ...statement, values });
  if (rows.length !== 1) throw new Error(`${what} of ${String(values[0])} changed nothing.`);
  return rows[0] as Row;
}

/** Starts the bare worker; it runs until the returned stop. */
export function startFloorWorker(stores: Stores, pg: Pool, concurrency: number, cleanups: Cleanup[]): () => Promise<void> {
  const worker = new Worker<FaxDispatchJob>(
    QUEUES.faxDispatch,
    async (job) => {
      const faxId = job.data.faxId;
      // The sandbox carrier's part: it dials `to` and answers at once (every bench number delivers).
      await step<{ to: string; attempts: number }>(pg, STARTED, [faxId, `evt_${ulid()}`], 'queued → submitted');
      await step(pg, CONNECTED, [faxId, `evt_${ulid()}`], 'submitted → in_progress');
      await step(pg, DELIVERED, [faxId, `evt_${ulid()}`, `txn_${ulid()}`], 'in_progress → delivered');
      return 'delivered';
    },
    { ...bullOptions(stores.redisUrl, REDIS_PREFIX), concurrency },
  );
  const stop = () => worker.close();
  cleanups.push(stop);
  return stop;
}
