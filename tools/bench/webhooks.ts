// `npm run bench:webhooks [-- --duration 10 --inflight 256 --warmup 10]`: events delivered per second, signed, to
// one local endpoint, by the webhook-dispatcher (NestJS, Prisma; it makes first attempts straight
// from its claim, so BullMQ, which carries retries, is not on this path) and by its lower bound
// (webhooks-floor.ts: one claim statement per batch, one statement per attempt, no queue), each a
// process of its own, one after the other. This process writes events into the outbox keeping
// `inflight` of them written but not yet received, and receives them; an event's latency runs from
// its INSERT's commit to the receiver reading its POST. Throwaway Postgres and Redis.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { PrismaService } from '@mintfax/db';
import { APP_NODE_FLAGS, LogTail, stopChild } from '@mintfax/local-services';
import { createTestAccount, createTestWebhookEndpoint } from '@mintfax/testing';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { appEnv, format, freePort, machineLoad, parseFlags, pgPool, printTable, runBench, startApp, startStores, WARM_UP_S, type Cleanup } from './support';

const flags = parseFlags('bench:webhooks', { duration: 10, inflight: 256, warmup: WARM_UP_S });
/** Events per INSERT at most: the outbox fills as fan-out statements write it. */
const WRITE_BATCH = 64;
const DRAIN_MS = 60_000;
const WATCHDOG_MS = 3 * 60_000 + 2 * (flags.warmup + flags.duration) * 1000 + 2 * DRAIN_MS;

interface Side {
  delivered: number;
  seconds: number;
  latencies: number[];
}

/** Statements committed in Postgres and commands Redis processed per event written, by every client (the writer's INSERTs included). */
type RoundTrips = { statements: number; redisCommands: number };

/** Counters of work done by every client: committed transactions (one per statement outside one) and Redis commands. */
async function roundTrips(pg: Pool, redis: Redis): Promise<RoundTrips> {
  const { rows } = await pg.query<{ commits: string }>(`SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()`);
  const stats = await redis.info('stats');
  return { statements: Number(rows[0].commits), redisCommands: Number(/total_commands_processed:(\d+)/.exec(stats)?.[1]) };
}

/** Written and received events of one side, by id: the writer keeps `inflight` outstanding. */
class Outbox {
  private readonly written = new Map<string, number>();
  /** Events written so far. */
  next = 0;
  private waiting?: () => void;
  private measuring?: { from: number; to: number; latencies: number[] };
  received = 0;

  constructor(
    private readonly pg: Pool,
    private readonly owner: { accountId: string; environmentId: string },
    private readonly side: string,
  ) {}

  /** The receiver's view: `id` arrived now. Duplicates (a re-sent event) count once. */
  arrived(id: string): void {
    const writtenAt = this.written.get(id);
    if (writtenAt === undefined) return;
    this.written.delete(id);
    this.received += 1;
    const now = performance.now();
    if (this.measuring && now >= this.measuring.from && now < this.measuring.to) this.measuring.latencies.push(now - writtenAt);
    this.waiting?.();
  }

  /** Writes for `warmUpS + seconds`, keeping the window full; measures the last `seconds`. */
  async run(warmUpS: number, seconds: number): Promise<Side> {
    const start = performance.now();
    const measuring = { from: start + warmUpS * 1000, to: start + (warmUpS + seconds) * 1000, latencies: [] as number[] };
    this.measuring = measuring;
    let receivedAtStart = -1;
    while (performance.now() < measuring.to) {
      if (receivedAtStart < 0 && performance.now() >= measuring.from) receivedAtStart = this.received;
      const room = flags.inflight - this.written.size;
      if (room < Math.min(WRITE_BATCH, flags.inflight)) {
        await new Promise<void>((done) => {
          this.waiting = done;
          setTimeout(done, 50);
        });
        continue;
      }
      await this.write(Math.min(room, WRITE_BATCH));
    }
    const delivered = this.received - Math.max(receivedAtStart, 0);
    return { delivered, seconds, latencies: measuring.latencies };
  }

  /** Waits until every event written has arrived: nothing is left for the next side. */
  async drain(): Promise<void> {
    const deadline = Date.now() + DRAIN_MS;
    while (this.written.size > 0) {
      if (Date.now() > deadline) throw new Error(`${this.written.size} events of ${this.side} never arrived.`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  private async write(count: number): Promise<void> {
    const first = this.next;
    this.next += count;
    const prefix = `evt_${this.side}_`;
    await this.pg.query({
      name: 'bench_events',
      text: `INSERT INTO events (id, account_id, environment_id, type, data)
             SELECT $1 || n, $2, $3, 'fax.delivered', $4::jsonb FROM generate_series($5::int, $6::int) AS n`,
      values: [prefix, this.owner.accountId, this.owner.environmentId, JSON.stringify({ object: { id: 'fax_bench', object: 'fax', status: 'delivered' } }), first, first + count - 1],
    });
    const now = performance.now();
    for (let n = first; n < first + count; n += 1) this.written.set(prefix + n, now);
  }
}

/** The floor as a process, started like an app (and profiled like one under BENCH_PROFILE_DIR). */
async function startFloor(databaseUrl: string, cleanups: Cleanup[]): Promise<{ stop(): Promise<void> }> {
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE_DIR)}`] : [];
  const child = spawn(process.execPath, [...APP_NODE_FLAGS, ...profile, join(__dirname, 'webhooks-floor.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = new LogTail(40);
  const stop = () => stopChild(child, 'SIGTERM', 15_000);
  cleanups.push(stop);
  await new Promise<void>((ready, failed) => {
    child.stdout.on('data', (chunk: Buffer) => tail.push(chunk.toString()).includes('ready') && ready());
    child.stderr.on('data', (chunk: Buffer) => tail.push(chunk.toString()));
    child.once('exit', (code) => failed(new Error(`the floor exited (code ${code}):\n${tail}`)));
  });
  child.once('exit', (code) => code !== 0 && console.error(`the floor exited (code ${code}):\n${tail}`));
  return { stop };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

runBench('bench:webhooks', WATCHDOG_MS, async (cleanups) => {
  const stores = await startStores(cleanups);
  const prisma = new PrismaService({ databaseUrl: stores.databaseUrl, poolSize: 2 });
  cleanups.push(() => prisma.$disconnect());
  const pg = pgPool(stores.databaseUrl, cleanups, 2);
  const redis = new Redis(stores.redisUrl);
  cleanups.push(async () => void redis.disconnect());
  const acct = await createTestAccount(prisma, { name: 'Bench Co' });
  const owner = { accountId: acct.accountId, environmentId: acct.sandboxEnvironmentId };

  let outbox: Outbox | undefined;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      outbox?.arrived(String(req.headers['webhook-id']));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  cleanups.push(() => new Promise((done) => receiver.close(() => done())));
  await createTestWebhookEndpoint(prisma, owner, `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`);

  console.log(`fax.delivered events to 1 endpoint (receiver in this process, 204); ${flags.inflight} events in flight at most,`);
  console.log(`written ${WRITE_BATCH} per INSERT at most; ${flags.warmup} s warm-up, ${flags.duration} s measured; latency: INSERT committed → POST received`);
  console.log(`before: ${machineLoad()}\n`);

  const measure = async (side: string, start: () => Promise<{ stop(): Promise<void> }>): Promise<Side & { perEvent: RoundTrips }> => {
    outbox = new Outbox(pg, owner, side);
    const running = await start();
    const before = await roundTrips(pg, redis);
    const result = await outbox.run(flags.warmup, flags.duration);
    await outbox.drain();
    await running.stop();
    // A backend reports its counts as its connection closes (otherwise up to a second later).
    await new Promise((done) => setTimeout(done, 500));
    const after = await roundTrips(pg, redis);
    const written = outbox.next;
    return { ...result, perEvent: { statements: (after.statements - before.statements) / written, redisCommands: (after.redisCommands - before.redisCommands) / written } };
  };
  const port = await freePort();
  const env = { ...appEnv(stores), WORKER_HTTP_PORT: String(port), ALLOW_PRIVATE_WEBHOOK_URLS: 'true' };
  const platform = await measure('platform', () => startApp('webhook-dispatcher', env, port, cleanups));
  const floor = await measure('floor', () => startFloor(stores.databaseUrl, cleanups));

  const perSecond = (side: Side) => side.delivered / side.seconds;
  const row = (name: string, side: Side & { perEvent: RoundTrips }) => {
    const sorted = side.latencies.sort((a, b) => a - b);
    const { statements, redisCommands } = side.perEvent;
    return [name, format(perSecond(side)), format(percentile(sorted, 50), 1), format(percentile(sorted, 99), 1), format(statements, 2), format(redisCommands, 2)];
  };
  printTable([
    ['', 'events/s', 'p50 ms', 'p99 ms', 'pg stmts/event', 'redis cmds/event'],
    row('webhook-dispatcher (NestJS, Prisma)', platform),
    row('lower bound (pg, node:http)', floor),
  ]);
  console.log(`\nmintfax / lower bound: ${format(perSecond(platform) / perSecond(floor), 2)}\n`);
  console.log(`after: ${machineLoad()}`);

  const { rows } = await pg.query<{ owed: string; attempts: string; undelivered: string }>(
    `SELECT (SELECT count(*) FROM webhook_deliveries) AS owed,
            (SELECT count(*) FROM webhook_attempts WHERE status <> 'succeeded') AS undelivered,
            (SELECT count(*) FROM webhook_attempts) AS attempts`,
  );
  const left = rows[0];
  if (left.owed !== '0' || left.undelivered !== '0') throw new Error(`Deliveries left owed or failed after the run: ${JSON.stringify(left)}`);
  console.log(`\nrows: ${left.attempts} attempts, all succeeded; no delivery left owed`);
});
