// `npm run bench:pipeline [-- --faxes 4000 --warmup 2000 --concurrency 16 --accounts 1000 --delay 50 --live 500 --trips 1]`:
// faxes delivered per second by the fax-worker (BullMQ, libs/faxes, sandbox carrier without delay)
// against the lower bound (pipeline-floor.ts: a bare BullMQ worker, the same transitions as one
// plain `pg` statement each), in one run: on one hot pool, then across `accounts` accounts. Two
// fax-worker processes take a set with the carrier answering at once, then one and two take a set
// with a carrier taking `delay` ms a step (a worker's concurrency bounds it then, as on real lines).
// Every side first delivers `warmup` faxes, not counted: a fresh fax-worker spends its first seconds
// having V8 optimise its code, and a worker runs warm for days.
// Then the live path, through the Telnyx stand-in with its callbacks to the gateway
// (pipeline-live.ts). `--trips 1` adds a count of Postgres statements and Redis commands per fax on
// each side; `--memory 100000` runs only the Redis memory check (pipeline-memory.ts). Each run gets
// its own fresh set of queued faxes, written by submitFax. Throwaway Postgres and Redis under the
// temp dir; everything is stopped at the end.
import { PrismaService } from '@mintfax/db';
import { createTestAccount, pdfDocument } from '@mintfax/testing';
import { checkRows } from './pipeline-checks';
import { startFloorWorker } from './pipeline-floor';
import { checkLiveRows, LIVE_TO, viaStandin } from './pipeline-live';
import { checkMemory } from './pipeline-memory';
import { countTrips, redisClient } from './pipeline-redis';
import { attemptLatency, deliverAll, queuedFaxes, type FaxOwner } from './pipeline-runs';
import { startFaxWorkers } from './pipeline-workers';
import { checkAllMoney, checkMoney, format, machineLoad, parseFlags, pgPool, POOL_SIZE, printTable, runBench, SANDBOX_GRANT, startStores } from './support';

const flags = parseFlags('bench:pipeline', { faxes: 4000, warmup: 2000, concurrency: 16, accounts: 1000, delay: 50, live: 500, trips: 0, memory: 0 });
const TO = '+15005550001';
const WATCHDOG_MS = 6 * 60_000 + (flags.faxes + flags.warmup) * 300 + flags.live * 120 + flags.memory * 30 + flags.accounts * 50;

runBench('bench:pipeline', WATCHDOG_MS, async (cleanups) => {
  const stores = await startStores(cleanups);
  const prisma = new PrismaService({ databaseUrl: stores.databaseUrl, poolSize: POOL_SIZE });
  cleanups.push(() => prisma.$disconnect());
  const pg = pgPool(stores.databaseUrl, cleanups);
  const redis = redisClient(stores, cleanups);
  const pdf = await pdfDocument(1);
  const acct = await createTestAccount(prisma, { name: 'Bench Co', sandboxGrant: SANDBOX_GRANT, activated: true, liveCredits: SANDBOX_GRANT });
  const hot: FaxOwner[] = [{ accountId: acct.accountId, environmentId: acct.sandboxEnvironmentId, type: 'sandbox', to: TO }];
  const { rows } = await pg.query<{ server_version: string }>('SHOW server_version');
  console.log(`Postgres ${rows[0].server_version} (embedded, ephemeral: fsync and synchronous_commit off), redis-server; pool size ${POOL_SIZE} on every side`);
  if (flags.memory > 0) {
    console.log(`before: ${machineLoad()}\n`);
    await checkMemory({ stores, prisma, pg, redis, owners: hot, pdf, faxes: flags.memory, concurrency: flags.concurrency, cleanups });
    console.log(`\nafter: ${machineLoad()}`);
    console.log(await checkMoney(pg, acct.accountId, 'sandbox'));
    return;
  }
  const spread = await sandboxOwners(prisma, flags.accounts);
  console.log(`${flags.faxes} one-page sandbox faxes to ${TO} per run, after ${flags.warmup} not counted, concurrency ${flags.concurrency} per worker, SANDBOX_CARRIER_DELAY_MS=0 unless a row says`);
  console.log(`hot: every fax on one account's pool; spread: round-robin over ${flags.accounts} accounts, one pool each`);
  console.log(`latency: per fax, from its attempt's start (first write once a worker took the job) to delivered`);
  console.log(`then ${flags.live} one-page live faxes to ${LIVE_TO} through the Telnyx stand-in (no delay between its steps), same concurrency`);
  console.log(`before: ${machineLoad()}\n`);

  // The faxes are written once the workers are up, so their start-up sweep finds none of them.
  let delivered = 0;
  const sandboxRun = async (owners: FaxOwner[], start: () => Promise<() => Promise<void>>) => {
    const stop = await start();
    await deliverAll(stores, pg, await queuedFaxes(prisma, owners, pdf, flags.warmup), [], cleanups);
    const ids = await queuedFaxes(prisma, owners, pdf, flags.faxes);
    delivered += flags.warmup + flags.faxes;
    const { seconds } = await deliverAll(stores, pg, ids, [], cleanups);
    await stop();
    return { seconds, ...(await attemptLatency(pg, ids)) };
  };
  const workers = (count: number, carrierDelayMs = 0) => () => startFaxWorkers(stores, { count, concurrency: flags.concurrency, carrierDelayMs }, cleanups);
  const floor = () => Promise.resolve(startFloorWorker(stores, pg, flags.concurrency, cleanups));
  const results = {
    hotWorker: await sandboxRun(hot, workers(1)),
    hotFloor: await sandboxRun(hot, floor),
    spreadWorker: await sandboxRun(spread, workers(1)),
    spreadFloor: await sandboxRun(spread, floor),
    spreadTwoWorkers: await sandboxRun(spread, workers(2)),
    slowCarrierWorker: await sandboxRun(spread, workers(1, flags.delay)),
    slowCarrierTwoWorkers: await sandboxRun(spread, workers(2, flags.delay)),
  };
  const trips: string[] = [];
  if (flags.trips > 0) {
    for (const [side, start] of [['fax-worker', workers(1)], ['lower bound', floor]] as const) {
      const stop = await start();
      const ids = await queuedFaxes(prisma, hot, pdf, flags.faxes);
      trips.push(`${side}, ${await countTrips(pg, redis, flags.faxes, () => deliverAll(stores, pg, ids, [], cleanups))}`);
      await stop();
      delivered += flags.faxes;
    }
  }
  console.log(await checkRows(pg, delivered));
  let liveIds: string[] = [];
  const live = { accountId: acct.accountId, environmentId: acct.liveEnvironmentId, type: 'live' as const, to: LIVE_TO };
  const { seconds: liveSeconds, standin } = await viaStandin(stores, pg, async () => (liveIds = await queuedFaxes(prisma, [live], pdf, flags.live)), flags.concurrency, cleanups);

  const row = (what: string, run: { seconds: number; p50: number; p99: number }) => [
    what,
    format(flags.faxes / run.seconds),
    format(run.seconds, 1),
    format(run.p50, 1),
    format(run.p99, 1),
  ];
  printTable([
    ['', 'faxes/s', 'seconds', 'p50 ms', 'p99 ms'],
    row('hot pool: fax-worker (BullMQ, libs/faxes)', results.hotWorker),
    row('hot pool: lower bound (bare BullMQ worker, plain pg)', results.hotFloor),
    row(`${flags.accounts} accounts: fax-worker`, results.spreadWorker),
    row(`${flags.accounts} accounts: lower bound`, results.spreadFloor),
    row(`${flags.accounts} accounts: two fax-worker processes`, results.spreadTwoWorkers),
    row(`carrier taking ${flags.delay} ms a step: fax-worker`, results.slowCarrierWorker),
    row(`carrier taking ${flags.delay} ms a step: two fax-worker processes`, results.slowCarrierTwoWorkers),
    [`live: fax-worker → Telnyx stand-in → callbacks → gateway`, format(flags.live / liveSeconds), format(liveSeconds, 1), '', ''],
  ]);
  const ratio = (a: { seconds: number }, b: { seconds: number }) => format(b.seconds / a.seconds, 2);
  console.log(`\nmintfax / lower bound: hot pool ${ratio(results.hotWorker, results.hotFloor)}, ${flags.accounts} accounts ${ratio(results.spreadWorker, results.spreadFloor)}`);
  const twoOverOne = `${ratio(results.spreadTwoWorkers, results.spreadWorker)} with an instant carrier, ${ratio(results.slowCarrierTwoWorkers, results.slowCarrierWorker)} with one taking ${flags.delay} ms a step`;
  console.log(`two fax-worker processes / one: ${twoOverOne}\n`);
  for (const line of trips) console.log(line);
  console.log(`after: ${machineLoad()}`);
  console.log(await checkLiveRows(pg, liveIds, standin));
  console.log(await checkMoney(pg, acct.accountId, 'sandbox'));
  console.log(await checkMoney(pg, acct.accountId, 'live'));
  console.log(await checkAllMoney(pg));
});

/** `count` activated accounts, a sandbox pool each, created 10 at a time. */
async function sandboxOwners(prisma: PrismaService, count: number): Promise<FaxOwner[]> {
  const owners: FaxOwner[] = [];
  let claimed = 0;
  await Promise.all(
    Array.from({ length: POOL_SIZE }, async () => {
      for (; claimed < count; claimed += 1) {
        const created = await createTestAccount(prisma, { name: 'Bench Co', sandboxGrant: SANDBOX_GRANT, activated: true });
        owners.push({ accountId: created.accountId, environmentId: created.sandboxEnvironmentId, type: 'sandbox', to: TO });
      }
    }),
  );
  return owners;
}
