// `npm run bench:webhooks`: events relayed from the outbox and delivered, signed, to one local
// endpoint per second, end to end: N events are written first, then the dispatcher starts and the
// clock runs until the receiver has every one of them. Starts a throwaway Postgres and redis-server
// under the temp dir unless DATABASE_URL / REDIS_URL are set; stops them at the end.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, webhookDispatcherConfigSpec } from '@mintfax/config';
import { applyMigrations, PrismaService, ulid } from '@mintfax/db';
import { generateWebhookSecret } from '@mintfax/events';
import { startPostgres, startRedis } from '@mintfax/local-services';
import { createTestAccount } from '@mintfax/testing';
import { bootstrap } from '../../apps/webhook-dispatcher/src/main';

const EVENTS = Number(process.argv[2] ?? 5_000);
const WATCHDOG_MS = 5 * 60_000;

async function main(): Promise<void> {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch((error: Error) => console.error(error.message));
  };
  const watchdog = setTimeout(() => {
    console.error(`bench:webhooks: still running after ${WATCHDOG_MS / 1000} s, giving up.`);
    void cleanUp().finally(() => process.exit(1));
  }, WATCHDOG_MS);
  watchdog.unref();

  try {
    const dir = mkdtempSync(join(tmpdir(), 'mintfax-bench-'));
    // The unprivileged postgres user (when we are root) must reach the data dir inside.
    chmodSync(dir, 0o755);
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const postgres = await startPostgres({ dataDir: join(dir, 'postgres'), database: 'bench', ephemeral: true });
      cleanups.push(() => postgres.stop());
      databaseUrl = postgres.url;
    }
    let redisUrl = process.env.REDIS_URL;
    if (!redisUrl) {
      const redis = await startRedis({ dir: join(dir, 'redis') });
      cleanups.push(() => redis.stop());
      redisUrl = redis.url;
    }
    await applyMigrations(databaseUrl);

    const received = new Set<string>();
    let finished!: () => void;
    const allReceived = new Promise<void>((resolve) => (finished = resolve));
    const receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.add(String(req.headers['webhook-id']));
        if (received.size === EVENTS) finished();
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => receiver.close(() => resolve())));

    const prisma = new PrismaService({ databaseUrl, poolSize: 5 });
    cleanups.push(() => prisma.$disconnect());
    const { accountId, sandboxEnvironmentId: environmentId } = await createTestAccount(prisma, { name: 'Bench Co' });
    await prisma.webhookEndpoint.create({
      data: {
        id: `we_${ulid()}`,
        accountId,
        environmentId,
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
        events: ['*'],
        secret: generateWebhookSecret(),
      },
    });
    const object = JSON.stringify({ object: { id: 'fax_bench', object: 'fax', status: 'delivered' } });
    await prisma.$executeRaw`
      INSERT INTO events (id, account_id, environment_id, type, data)
      SELECT 'evt_' || lpad(n::text, 26, '0'), ${accountId}, ${environmentId}, 'fax.delivered', ${object}::jsonb
        FROM generate_series(1, ${EVENTS}) AS n`;

    const config = loadConfig(webhookDispatcherConfigSpec, {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: `bench${Date.now()}`,
      HOST: '127.0.0.1',
      WORKER_HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    });
    const started = performance.now();
    const dispatcher = await bootstrap(config);
    cleanups.push(() => dispatcher.close());
    await allReceived;
    const seconds = (performance.now() - started) / 1000;

    console.log(`${EVENTS} events, 1 endpoint, WEBHOOK_CONCURRENCY ${config.concurrency}: delivered in ${seconds.toFixed(2)} s`);
    console.log(`${Math.round(EVENTS / seconds)} events delivered per second (relay, sign, POST, attempt log)`);
  } finally {
    clearTimeout(watchdog);
    await cleanUp();
  }
}

main().catch((error: Error) => {
  console.error(`bench:webhooks: ${error.stack ?? error.message}`);
  process.exit(1);
});
