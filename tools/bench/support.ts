// What bench:submit and bench:pipeline share: throwaway stores, apps as child processes, a watchdog
// that stops everything, flags, the money check and the table.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applyMigrations, type EnvironmentType, type Prisma } from '@mintfax/db';
import { APP_NODE_FLAGS, freePort, LogTail, startPostgres, startRedis, stopChild } from '@mintfax/local-services';
import { Pool } from 'pg';

export { freePort };

/** Undoes one thing the benchmark started; run in reverse order at the end, whatever happened. */
export type Cleanup = () => Promise<void>;

/** The connection pool of each app (DATABASE_POOL_SIZE's default), used by the lower bounds too. */
export const POOL_SIZE = 10;
/** Keys of both benchmarks live under this prefix in their throwaway Redis. */
export const REDIS_PREFIX = 'bench';
/** RATE_LIMIT_SANDBOX at its most: no request of a run is refused. */
export const RATE_LIMIT = 100_000;
/**
 * Seconds of load each side gets before it is measured (`--warmup`): a fresh process spends its
 * first seconds having V8 optimise its code (its compiler threads then take a third of its CPU),
 * and the gateway has far more code than a lower bound; a server runs warm for days.
 */
export const WARM_UP_S = 10;
/** Far more than a run can spend at one credit per fax, so no hold is ever refused. */
export const SANDBOX_GRANT = 1_000_000_000_000;

/**
 * Runs `main`, then its cleanups in reverse, on success, on failure, on Ctrl-C and when the
 * watchdog fires: a benchmark never leaves a server or an app running behind it.
 */
export function runBench(name: string, watchdogMs: number, main: (cleanups: Cleanup[]) => Promise<void>): void {
  const cleanups: Cleanup[] = [];
  const cleanUp = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch((error: Error) => console.error(error.message));
  };
  const abort = (reason: string) => {
    console.error(`${name}: ${reason}`);
    void cleanUp().finally(() => process.exit(1));
  };
  const watchdog = setTimeout(() => abort(`still running after ${Math.round(watchdogMs / 1000)} s, giving up.`), watchdogMs);
  watchdog.unref();
  process.once('SIGINT', () => abort('interrupted.'));
  process.once('SIGTERM', () => abort('terminated.'));

  main(cleanups)
    .then(async () => {
      clearTimeout(watchdog);
      await cleanUp();
      // Sockets and timers of libraries (ioredis, pg) must not keep a finished benchmark alive.
      process.exit(0);
    })
    .catch((error: Error) => abort(error.stack ?? error.message));
}

/** `--name value` or `--name=value`, positive integers only; anything else is a usage error. */
export function parseFlags<T extends Record<string, number>>(name: string, defaults: T): T {
  const flags: Record<string, number> = { ...defaults };
  const usage = `usage: npm run ${name} -- ${Object.entries(defaults).map(([flag, value]) => `[--${flag} ${value}]`).join(' ')}`;
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 1) {
    const [flag, inline] = args[i].split('=', 2);
    const key = flag.replace(/^--/, '');
    const raw = inline ?? args[(i += 1)];
    const value = Number(raw);
    if (!flag.startsWith('--') || !(key in defaults) || !Number.isInteger(value) || value < 1) {
      throw new Error(`Bad argument ${flag} ${raw ?? ''}\n${usage}`);
    }
    flags[key] = value;
  }
  return flags as T;
}

export interface Stores {
  databaseUrl: string;
  redisUrl: string;
  dir: string;
}

/** A migrated, ephemeral Postgres (fsync and synchronous_commit off) and a redis-server under a temp dir. */
export async function startStores(cleanups: Cleanup[]): Promise<Stores> {
  const dir = mkdtempSync(join(tmpdir(), 'mintfax-bench-'));
  // The unprivileged postgres user (when we are root) must reach the data dir inside.
  chmodSync(dir, 0o755);
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const postgres = await startPostgres({ dataDir: join(dir, 'postgres'), database: 'bench', ephemeral: true });
  cleanups.push(() => postgres.stop());
  const redis = await startRedis({ dir: join(dir, 'redis') });
  cleanups.push(() => redis.stop());
  await applyMigrations(postgres.url);
  return { databaseUrl: postgres.url, redisUrl: redis.url, dir };
}

/** A plain `pg` pool, ended by the cleanups. */
export function pgPool(databaseUrl: string, cleanups: Cleanup[], max = POOL_SIZE): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max });
  // pool.end() resolves before its sockets close, so Postgres stopping right after reaches idle
  // clients as an 'error' event (57P01); anything else on an idle client is worth a line.
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') console.error(`idle pg client: ${error.message}`);
  });
  cleanups.push(() => pool.end());
  return pool;
}

/** The environment every app of a benchmark gets: the throwaway stores, quiet logs. */
export function appEnv(stores: Stores): Record<string, string> {
  return {
    DATABASE_URL: stores.databaseUrl,
    REDIS_URL: stores.redisUrl,
    REDIS_PREFIX,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    // Production refuses to start without a relay; no benchmark sends mail, so none is ever reached.
    SMTP_URL: 'smtp://127.0.0.1:9',
    MAIL_DIR: join(stores.dir, 'mail'),
  };
}

export interface RunningApp {
  url: string;
  /** Throws with the app's last output when it has exited. */
  assertRunning(): void;
  stop(): Promise<void>;
}

// dist/tools/bench → the repository root.
const root = resolve(__dirname, '..', '..', '..');

/**
 * Starts `dist/apps/<app>` as a child process, as production (the Dockerfile) runs it, and waits until its /readyz
 * answers 200. (spawnApp of libs/testing resolves dist/ from the sources, where Jest runs it.)
 */
export async function startApp(app: string, env: Record<string, string>, port: number, cleanups: Cleanup[]): Promise<RunningApp> {
  // BENCH_PROFILE_DIR=<dir> writes a CPU profile of every app started here into <dir> (open it in
  // Chrome's DevTools, or summarise it with `node dist/tools/bench/profile-summary.js <file>`).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE_DIR)}`] : [];
  const child = spawn(process.execPath, [...APP_NODE_FLAGS, ...profile, join(root, 'dist', 'apps', app, 'src', 'main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = new LogTail(60);
  child.stdout.on('data', (chunk: Buffer) => tail.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => tail.push(chunk.toString()));
  // SIGTERM lets the app drain as in production; SIGKILL after 15 s.
  const stop = () => stopChild(child, 'SIGTERM', 15_000);
  cleanups.push(stop);
  const url = `http://127.0.0.1:${port}`;
  const assertRunning = () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${app} exited (code ${child.exitCode}, signal ${child.signalCode}):\n${tail}`);
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    assertRunning();
    const ready = await fetch(`${url}/readyz`).then((response) => response.ok, () => false);
    if (ready) return { url, assertRunning, stop };
    if (Date.now() > deadline) throw new Error(`${app} not ready after 60 s:\n${tail}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/**
 * The statement a query function sends, kept instead of run (its client records the SQL and answers
 * `answer`), so a lower bound can send that very statement itself as a named prepared statement.
 */
export async function recordedStatement<T>(
  run: (db: Prisma.TransactionClient) => Promise<T>,
  answer: unknown[] = [],
): Promise<{ statement: Prisma.Sql; result: T }> {
  let recorded: Prisma.Sql | undefined;
  const client = { $queryRaw: async (sql: Prisma.Sql) => ((recorded = sql), answer) };
  const result = await run(client as unknown as Prisma.TransactionClient);
  if (!recorded) throw new Error('The query function sent no statement.');
  return { statement: recorded, result };
}

/** Listens on a free port; the returned close resolves once requests in flight are answered. */
export async function listen(server: Server, cleanups: Cleanup[]): Promise<{ url: string; close(): Promise<void> }> {
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    return closed;
  };
  cleanups.push(close);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}

/** A statement as Prisma sends it (`$n` placeholders), prepared once per connection by name. */
export function prepared(sql: Prisma.Sql): { name: string; text: string; values: unknown[] } {
  const text = sql.text;
  return { name: 'b_' + createHash('sha1').update(text).digest('hex').slice(0, 24), text, values: sql.values };
}

/**
 * docs/architecture.md "Money", for every pool of the database: the ledger adds up to the balance and
 * `held` is the sum of the open holds. Returns the line to print.
 */
export async function checkAllMoney(pg: Pool): Promise<string> {
  const { rows } = await pg.query<{ pools: string; wrong: string }>(
    `SELECT count(*) AS pools,
            count(*) FILTER (WHERE p.balance <> coalesce(l.total, 0) OR p.held <> coalesce(h.total, 0)) AS wrong
       FROM pools p
       LEFT JOIN (SELECT pool_id, sum(amount) AS total FROM ledger_entries GROUP BY pool_id) l ON l.pool_id = p.id
       LEFT JOIN (SELECT pool_id, sum(amount) AS total FROM holds WHERE status = 'held' GROUP BY pool_id) h ON h.pool_id = p.id`,
  );
  if (rows[0].wrong !== '0') throw new Error(`${rows[0].wrong} of ${rows[0].pools} pools do not add up after the run.`);
  return `money check: in all ${rows[0].pools} pools, balance = sum of ledger and held = sum of open holds`;
}

/**
 * docs/architecture.md "Money": the pool's ledger adds up to its balance and `held` is the sum of its
 * open holds, after everything the benchmark did to it. Returns the line to print.
 */
export async function checkMoney(pg: Pool, accountId: string, type: EnvironmentType = 'sandbox'): Promise<string> {
  const { rows } = await pg.query<{ balance: string; held: string; ledger: string; open_holds: string }>(
    `SELECT p.balance, p.held,
            (SELECT sum(amount) FROM ledger_entries e WHERE e.pool_id = p.id) AS ledger,
            (SELECT coalesce(sum(amount), 0) FROM holds h WHERE h.pool_id = p.id AND h.status = 'held') AS open_holds
       FROM pools p WHERE p.account_id = $1 AND p.type = $2::environment_type`,
    [accountId, type],
  );
  const pool = rows[0];
  if (pool.balance !== pool.ledger || pool.held !== pool.open_holds) {
    throw new Error(`The ${type} pool does not add up after the run: ${JSON.stringify(pool)}`);
  }
  return `money check (${type}): balance ${pool.balance} = sum of ledger; held ${pool.held} = sum of open holds`;
}

/** Other work on the machine moves every number here; the line says how busy it was. */
export function machineLoad(): string {
  return `${availableParallelism()} cores, load average ${loadavg().map((n) => n.toFixed(1)).join(' / ')} (1 / 5 / 15 min)`;
}

export const format = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** Right-aligned columns except the first, each as wide as its widest cell. */
export function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   '));
}
