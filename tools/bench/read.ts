// `npm run bench:read [-- --duration 10 --connections 32 --faxes 3000]`: GET /v1/faxes/{id} (a fax with
// two attempts) and GET /v1/faxes?limit=20 per second through the api-gateway (NestJS on Fastify,
// Prisma, auth, rate limit), and through the lower bound: a bare node:http server in this process
// doing the same key lookup (the very statement of libs/accounts, by the key's hash), the same
// rate-limit call (rate-limiter-flexible's one Lua round trip to Redis) and the route's selects
// (the fax, then its attempts; the page of 21 to tell `has_more`), through plain `pg` as named
// prepared statements, answering the rows as JSON. Same autocannon load on both, one side at a time.
import { createServer, type Server } from 'node:http';
import { findApiKeyByHash, hashApiKey } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { createRateLimiter, isOverLimit } from '@mintfax/platform';
import { createTestAccount, createTestFax, type TestAccount } from '@mintfax/testing';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';

import {
  appEnv,
  format,
  freePort,
  listen,
  machineLoad,
  parseFlags,
  pgPool,
  prepared,
  printTable,
  recordedStatement,
  RATE_LIMIT,
  REDIS_PREFIX,
  runBench,
  startApp,
  startStores,
  WARM_UP_S,
} from './support';

const flags = parseFlags('bench:read', { duration: 10, connections: 32, faxes: 3000, warmup: WARM_UP_S });
const PAGE = 20;
const WATCHDOG_MS = 5 * 60_000 + 4 * (flags.warmup + flags.duration) * 1000;

const FAX = { name: 'read_fax', text: 'SELECT * FROM faxes WHERE id = $1' };
const ATTEMPTS = { name: 'read_attempts', text: 'SELECT * FROM fax_attempts WHERE fax_id = $1 ORDER BY number' };
const LIST = { name: 'read_list', text: 'SELECT * FROM faxes WHERE environment_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2' };

/** The lower bound: key lookup, rate limit, the route's selects, JSON; no framework, Prisma or DTOs. */
async function lowerBoundServer(pg: Pool, redis: Redis): Promise<Server> {
  const limiter = createRateLimiter(redis, REDIS_PREFIX, 'floor', { points: RATE_LIMIT, durationSeconds: 1 });
  const lookUp = prepared((await recordedStatement((db) => findApiKeyByHash(db, ''))).statement);
  return createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const key = String(request.headers.authorization).replace(/^Bearer /, '');
    (async () => {
      const [identity] = (await pg.query<{ id: string; environment_id: string }>({ ...lookUp, values: [hashApiKey(key)] })).rows;
      if (!identity) return reply(401, { error: { code: 'api_key_invalid' } });
      await limiter.consume(identity.id);
      const url = new URL(request.url ?? '/', 'http://floor');
      const id = url.pathname.match(/^\/v1\/faxes\/([^/]+)$/)?.[1];
      if (id) {
        const [fax] = (await pg.query({ ...FAX, values: [id] })).rows;
        if (!fax || fax.environment_id !== identity.environment_id) return reply(404, { error: { code: 'not_found' } });
        const attempts = (await pg.query({ ...ATTEMPTS, values: [id] })).rows;
        return reply(200, { ...fax, attempts });
      }
      const rows = (await pg.query({ ...LIST, values: [identity.environment_id, Number(url.searchParams.get('limit') ?? PAGE) + 1] })).rows;
      reply(200, { object: 'list', data: rows.slice(0, PAGE), has_more: rows.length > PAGE });
    })().catch((error: Error) => (isOverLimit(error) ? reply(429, {}) : reply(500, { error: { message: error.message } })));
  });
}

/** Many faxes in the environment, a third of them with two attempts; returns one that has attempts. */
async function seed(prisma: PrismaService, pg: Pool, acct: TestAccount): Promise<string> {
  const owner = { accountId: acct.accountId, environmentId: acct.sandboxEnvironmentId };
  const ids: string[] = [];
  for (let i = 0; i < flags.faxes; i += 8) {
    ids.push(...(await Promise.all(Array.from({ length: Math.min(8, flags.faxes - i) }, () => createTestFax(prisma, owner)))));
  }
  await pg.query(
    `INSERT INTO fax_attempts (fax_id, number, outcome, failure_code, failure_message, pages_sent, started_at, ended_at)
     SELECT id, n, CASE n WHEN 1 THEN 'failed' ELSE 'delivered' END, CASE n WHEN 1 THEN 'busy' END,
            CASE n WHEN 1 THEN 'The line was busy.' END, n - 1, now(), now()
       FROM unnest($1::text[]) WITH ORDINALITY AS f(id, i), generate_series(1, 2) AS n WHERE f.i % 3 = 0`,
    [ids],
  );
  return ids[ids.length - 1 - ((ids.length - 1) % 3)];
}

async function load(url: string, path: string, key: string): Promise<autocannon.Result> {
  const options = { url: url + path, headers: { authorization: `Bearer ${key}` }, connections: flags.connections, workers: 1 };
  const check = await fetch(url + path, { headers: options.headers });
  if (check.status !== 200) throw new Error(`GET ${url}${path} answered ${check.status}: ${await check.text()}`);
  await autocannon({ ...options, duration: flags.warmup });
  return autocannon({ ...options, duration: flags.duration });
}

runBench('bench:read', WATCHDOG_MS, async (cleanups) => {
  const stores = await startStores(cleanups);
  const prisma = new PrismaService({ databaseUrl: stores.databaseUrl, poolSize: 8 });
  cleanups.push(() => prisma.$disconnect());
  const pg = pgPool(stores.databaseUrl, cleanups);
  const acct = await createTestAccount(prisma, { name: 'Bench Co', sandboxGrant: 1_000_000_000 });
  const faxId = await seed(prisma, pg, acct);
  await pg.query('VACUUM ANALYZE');
  const routes = [
    { name: 'GET /v1/faxes/{id}', path: `/v1/faxes/${faxId}` },
    { name: `GET /v1/faxes?limit=${PAGE}`, path: `/v1/faxes?limit=${PAGE}` },
  ];
  console.log(`${flags.faxes} faxes in the key's environment, a third with two attempts; the fax read has two.`);
  console.log(`autocannon ${flags.connections} connections, ${flags.warmup} s warm-up, ${flags.duration} s measured per route and side, each route on the gateway then on the lower bound; pool size 10 on both sides`);
  console.log(`before: ${machineLoad()}\n`);

  const port = await freePort();
  const gateway = await startApp('api-gateway', { ...appEnv(stores), GATEWAY_PORT: String(port), RATE_LIMIT_SANDBOX: String(RATE_LIMIT) }, port, cleanups);
  const redis = new Redis(stores.redisUrl);
  cleanups.push(async () => void redis.disconnect());
  const bare = (await listen(await lowerBoundServer(pg, redis), cleanups)).url;
  // Each route on both sides back to back, so that the machine's drift falls on both alike; the
  // gateway sits idle while the lower bound runs, and the lower bound while the gateway does.
  const viaGateway: autocannon.Result[] = [];
  const viaPg: autocannon.Result[] = [];
  for (const route of routes) {
    viaGateway.push(await load(gateway.url, route.path, acct.sandboxKey));
    gateway.assertRunning();
    viaPg.push(await load(bare, route.path, acct.sandboxKey));
  }
  await gateway.stop();

  const perSecond = (result: autocannon.Result) => result['2xx'] / result.duration;
  const rows = routes.flatMap((route, i) => {
    const row = (side: string, result: autocannon.Result) => [
      `${route.name}  ${side}`,
      format(perSecond(result)),
      format(result.latency.p50, 1),
      format(result.latency.p99, 1),
      String(result.non2xx + result.errors + result.timeouts),
    ];
    return [
      row('api-gateway', viaGateway[i]),
      row('lower bound', viaPg[i]),
      [`${route.name}  mintfax / lower bound`, format(perSecond(viaGateway[i]) / perSecond(viaPg[i]), 2), '', '', ''],
    ];
  });
  printTable([['', '2xx/s', 'p50 ms', 'p99 ms', 'failed'], ...rows]);
  console.log(`\nafter: ${machineLoad()}`);
});
