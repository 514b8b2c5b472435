// `npm run bench:pipeline -- --memory 100000`: Redis memory stays flat while the fax-worker delivers
// that many faxes, in ten sets, because finished jobs are trimmed (JOB_RETENTION) and so is the
// queue's event stream. Prints `used_memory` and the key count before and after each set.
import type { PrismaService } from '@mintfax/db';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { redisMemory } from './pipeline-redis';
import { deliverAll, queuedFaxes, type FaxOwner } from './pipeline-runs';
import { startFaxWorkers } from './pipeline-workers';
import { format, printTable, type Cleanup, type Stores } from './support';

const SETS = 10;

export async function checkMemory(run: {
  stores: Stores;
  prisma: PrismaService;
  pg: Pool;
  redis: Redis;
  owners: FaxOwner[];
  pdf: Buffer;
  faxes: number;
  concurrency: number;
  cleanups: Cleanup[];
}): Promise<void> {
  console.log(`${run.faxes} one-page sandbox faxes through one fax-worker, in ${SETS} sets, concurrency ${run.concurrency}\n`);
  const stop = await startFaxWorkers(run.stores, { count: 1, concurrency: run.concurrency, carrierDelayMs: 0 }, run.cleanups);
  const table = [['', 'delivered', 'faxes/s', 'used_memory MB', 'keys']];
  const measure = async (what: string, delivered: number, perSecond: string) => {
    const { usedMemory, keys } = await redisMemory(run.redis);
    table.push([what, String(delivered), perSecond, format(usedMemory / 2 ** 20, 2), String(keys)]);
  };
  await measure('before', 0, '');
  let delivered = 0;
  for (let set = 1; set <= SETS; set += 1) {
    const count = Math.ceil(run.faxes / SETS);
    const ids = await queuedFaxes(run.prisma, run.owners, run.pdf, count);
    const { seconds } = await deliverAll(run.stores, run.pg, ids, [], run.cleanups);
    delivered += count;
    await measure(`after set ${set}`, delivered, format(count / seconds));
  }
  await stop();
  printTable(table);
}
