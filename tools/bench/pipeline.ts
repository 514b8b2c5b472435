// `npm run bench:pipeline [-- --faxes 2000 --concurrency 16 --live 500]`: faxes delivered per
// second by the fax-worker (BullMQ, Prisma transactions of libs/faxes, sandbox carrier without
// delay), against the lower bound: the same state transitions, one plain `pg` statement each, in
// `concurrency` loops with no queue; then the live path, through the Telnyx stand-in with its
// callbacks to the gateway (pipeline-live.ts). Each run gets its own fresh set of queued faxes,
// written by submitFax. Throwaway Postgres and Redis under the temp dir; everything is stopped at
// the end.
import { PrismaService, ulid } from '@mintfax/db';
import { createTestAccount, pdfDocument } from '@mintfax/testing';
import type { Pool } from 'pg';
import { checkLiveRows, LIVE_TO, viaStandin } from './pipeline-live';
import { deliverAll, queuedFaxes } from './pipeline-runs';
import {
  appEnv,
  checkMoney,
  format,
  freePort,
  parseFlags,
  pgPool,
  POOL_SIZE,
  printTable,
  runBench,
  machineLoad,
  SANDBOX_GRANT,
  startApp,
  startStores,
  type Cleanup,
  type Stores,
} from './support';
import { CONNECTED, DELIVERED, STARTED } from './pipeline-statements';

const flags = parseFlags('bench:pipeline', { faxes: 2000, concurrency: 16, live: 500 });
const TO = '+15005550001';
const WATCHDOG_MS = 4 * 60_000 + flags.faxes * 60 + flags.live * 120;

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
  const seconds = await deliverAll(stores, pg, await ids(), [worker], cleanups);
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
  const acct = await createTestAccount(prisma, { name: 'Bench Co', sandboxGrant: SANDBOX_GRANT, activated: true, liveCredits: SANDBOX_GRANT });
  const sandbox = { accountId: acct.accountId, environmentId: acct.sandboxEnvironmentId, type: 'sandbox' as const, to: TO };
  const live = { accountId: acct.accountId, environmentId: acct.liveEnvironmentId, type: 'live' as const, to: LIVE_TO };
  const pg = pgPool(stores.databaseUrl, cleanups);
  const pdf = await pdfDocument(1);
  const { rows } = await pg.query<{ server_version: string }>('SHOW server_version');
  console.log(`Postgres ${rows[0].server_version} (embedded, ephemeral: fsync and synchronous_commit off), redis-server; pool size ${POOL_SIZE} on both sides`);
  console.log(`${flags.faxes} one-page sandbox faxes to ${TO} per side, concurrency ${flags.concurrency}, SANDBOX_CARRIER_DELAY_MS=0`);
  console.log(`then ${flags.live} one-page live faxes to ${LIVE_TO} through the Telnyx stand-in (no delay between its steps), same concurrency`);
  console.log(`before: ${machineLoad()}\n`);
  // The faxes are written once the worker is up, so its start-up sweep finds none of them.
  const workerSeconds = await viaWorker(stores, pg, () => queuedFaxes(prisma, sandbox, pdf, flags.faxes), cleanups);
  const pgIds = await queuedFaxes(prisma, sandbox, pdf, flags.faxes);
  const pgSeconds = await viaPg(pg, pgIds);
  console.log(await checkRows(pg, 2 * flags.faxes));
  let liveIds: string[] = [];
  const { seconds: liveSeconds, standin } = await viaStandin(stores, pg, async () => (liveIds = await queuedFaxes(prisma, live, pdf, flags.live)), flags.concurrency, cleanups);

  const perSecond = (faxes: number, seconds: number) => faxes / seconds;
  printTable([
    ['', 'faxes/s', 'seconds'],
    [`fax-worker (BullMQ, Prisma), sandbox, concurrency ${flags.concurrency}`, format(perSecond(flags.faxes, workerSeconds)), format(workerSeconds, 1)],
    [`lower bound (plain pg, ${flags.concurrency} loops, no queue)`, format(perSecond(flags.faxes, pgSeconds)), format(pgSeconds, 1)],
    [`live: fax-worker → Telnyx stand-in → callbacks → gateway`, format(perSecond(flags.live, liveSeconds)), format(liveSeconds, 1)],
  ]);
  console.log(`\nmintfax / lower bound: ${format(perSecond(flags.faxes, workerSeconds) / perSecond(flags.faxes, pgSeconds), 2)}\n`);
  console.log(`after: ${machineLoad()}`);
  console.log(await checkLiveRows(pg, liveIds, standin));
  console.log(await checkMoney(pg, acct.accountId, 'sandbox'));
  console.log(await checkMoney(pg, acct.accountId, 'live'));
});
