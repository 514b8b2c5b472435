// `npm run bench:ledger`: holds+captures per second on ONE hot pool, through libs/ledger (Prisma,
// pool of 10 as in production) and through plain `pg` issuing the very same SQL as named prepared
// statements — the lower bound, so the table shows what the framework costs on the money path.
// One op = a hold then a capture, each its own transaction, as the pipeline does (submit, delivery).
// Starts a throwaway Postgres under the temp dir unless DATABASE_URL is set; stops it at the end.
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, PrismaService, type Prisma, ulid } from '@mintfax/db';
import { lowBalanceEventsSql } from '@mintfax/events';
import { capture, hold } from '@mintfax/ledger';
import { startPostgres, type RunningService } from '@mintfax/local-services';
import { createTestAccount } from '@mintfax/testing';
import { Pool } from 'pg';
import { captureStatement, holdStatement } from '../../libs/ledger/src/ledger-statements';
import { lowBalanceCtes } from '../../libs/ledger/src/low-balance';

const CLIENTS = [1, 8, 32];
const WARM_UP_MS = 1_000;
const MEASURE_MS = 5_000;
const POOL_SIZE = 10;
// Far more than a run can spend at one credit per op, so no hold is ever refused.
const SANDBOX_GRANT = 1_000_000_000_000;
// Everything above should end in about a minute; anything stuck past this is a failure.
const WATCHDOG_MS = 5 * 60_000;

type Op = () => Promise<void>;

interface Measurement {
  opsPerSecond: number;
  p50: number;
  p99: number;
}

/** `clients` loops doing `op` back to back; only ops that finish inside the measuring window count. */
async function measure(op: Op, clients: number): Promise<Measurement> {
  const start = performance.now() + WARM_UP_MS;
  const end = start + MEASURE_MS;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const began = performance.now();
        await op();
        const finished = performance.now();
        if (began >= start && finished <= end) latencies.push(finished - began);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { opsPerSecond: latencies.length / (MEASURE_MS / 1000), p50: at(0.5), p99: at(0.99) };
}

/** The statement exactly as Prisma sends it (`$n` placeholders), prepared once per connection by name. */
function prepared(sql: Prisma.Sql): { name: string; text: string; values: unknown[] } {
  const text = sql.text;
  return { name: 'b_' + createHash('sha1').update(text).digest('hex').slice(0, 24), text, values: sql.values };
}

function viaLedger(prisma: PrismaService, accountId: string): Op {
  return async () => {
    const { holdId } = await hold(prisma, { accountId, type: 'sandbox', amount: 1 }, lowBalanceEventsSql);
    const settled = await capture(prisma, { holdId, charged: 1 });
    if (!settled.settled) throw new Error(`Hold ${holdId} did not settle.`);
  };
}

function viaPg(pool: Pool, accountId: string): Op {
  return async () => {
    const holdId = `hold_${ulid()}`;
    const held = await pool.query(
      prepared(
        holdStatement(
          { entryId: `txn_${ulid()}`, holdId, accountId, type: 'sandbox', amount: 1n, faxId: null },
          lowBalanceCtes(`tu_${ulid()}`, lowBalanceEventsSql),
        ),
      ),
    );
    if (held.rowCount !== 1) throw new Error('Hold refused.');
    const captured = await pool.query(prepared(captureStatement({ entryId: `txn_${ulid()}`, holdId, charged: 1n })));
    if (captured.rowCount !== 1) throw new Error(`Hold ${holdId} did not settle.`);
  };
}

const format = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

async function main(): Promise<void> {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch((error: Error) => console.error(error.message));
  };
  const watchdog = setTimeout(() => {
    console.error(`bench:ledger: still running after ${WATCHDOG_MS / 1000} s, giving up.`);
    void cleanUp().finally(() => process.exit(1));
  }, WATCHDOG_MS);
  watchdog.unref();

  try {
    let databaseUrl = process.env.DATABASE_URL;
    let where = 'DATABASE_URL';
    if (!databaseUrl) {
      const dir = mkdtempSync(join(tmpdir(), 'mintfax-bench-'));
      // The unprivileged postgres user (when we are root) must reach the data dir inside.
      chmodSync(dir, 0o755);
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      const postgres: RunningService = await startPostgres({ dataDir: join(dir, 'postgres'), database: 'bench', ephemeral: true });
      cleanups.push(() => postgres.stop());
      databaseUrl = postgres.url;
      where = 'embedded, ephemeral: fsync and synchronous_commit off';
    }
    await applyMigrations(databaseUrl);

    const prisma = new PrismaService({ databaseUrl, poolSize: POOL_SIZE });
    cleanups.push(() => prisma.$disconnect());
    const pg = new Pool({ connectionString: databaseUrl, max: POOL_SIZE });
    // pool.end() resolves before its sockets close, so Postgres stopping right after reaches idle
    // clients as an 'error' event (57P01); anything else on an idle client is worth a line.
    pg.on('error', (error: Error & { code?: string }) => {
      if (error.code !== '57P01') console.error(`idle pg client: ${error.message}`);
    });
    cleanups.push(() => pg.end());

    const { accountId } = await createTestAccount(prisma, { name: 'Bench Co', sandboxGrant: SANDBOX_GRANT });
    const { rows } = await pg.query<{ server_version: string }>('SHOW server_version');
    console.log(`Postgres ${rows[0].server_version} (${where}); pool size ${POOL_SIZE} on both sides`);
    console.log(`one op = hold + capture of 1 credit on one hot pool; ${WARM_UP_MS / 1000} s warm-up, ${MEASURE_MS / 1000} s measured\n`);

    const header = ['clients', 'libs/ledger ops/s', 'p50 ms', 'p99 ms', 'plain pg ops/s', 'p50 ms', 'p99 ms', 'ledger/pg'];
    const widths = [7, 17, 7, 7, 14, 7, 7, 9];
    const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i])).join('  ');
    console.log(line(header));
    for (const clients of CLIENTS) {
      // The hot row and the growing ledger get the same treatment before each side.
      await pg.query('VACUUM ANALYZE pools, holds, ledger_entries');
      const ledger = await measure(viaLedger(prisma, accountId), clients);
      await pg.query('VACUUM ANALYZE pools, holds, ledger_entries');
      const plain = await measure(viaPg(pg, accountId), clients);
      console.log(
        line([
          String(clients),
          format(ledger.opsPerSecond),
          format(ledger.p50, 1),
          format(ledger.p99, 1),
          format(plain.opsPerSecond),
          format(plain.p50, 1),
          format(plain.p99, 1),
          format(ledger.opsPerSecond / plain.opsPerSecond, 2),
        ]),
      );
    }

    // Both paths moved money through the same pool: the ledger must still add up.
    const check = await pg.query<{ balance: string; held: string; ledger: string }>(
      `SELECT p.balance, p.held, (SELECT sum(amount) FROM ledger_entries e WHERE e.pool_id = p.id) AS ledger
         FROM pools p WHERE p.account_id = $1 AND p.type = 'sandbox'`,
      [accountId],
    );
    const pool = check.rows[0];
    if (pool.balance !== pool.ledger || pool.held !== '0') {
      throw new Error(`Pool does not add up after the run: ${JSON.stringify(pool)}`);
    }
    console.log(`\nledger check: balance ${pool.balance} = sum of ledger, held ${pool.held}`);
  } finally {
    clearTimeout(watchdog);
    await cleanUp();
  }
}

main().catch((error: Error) => {
  console.error(`bench:ledger: ${error.stack ?? error.message}`);
  process.exit(1);
});
