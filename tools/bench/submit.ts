// `npm run bench:submit [-- --duration 20 --connections 32 --accounts 1000]`: POST /v1/faxes per second
// through the api-gateway (NestJS on Fastify, auth, rate limit, document workers, enqueue), and through
// the lower bound: a bare node:http server in this process doing the same necessary work in a straight
// line: the key lookup (the very statement of libs/accounts), the rate-limit call (rate-limiter-flexible's
// one Lua round trip), the fax-ready PDF (the same prepareDocument, called in-process: since uploads are
// normalised, that work is the contract's, not overhead), the very statement libs/faxes submitFax
// builds, and the BullMQ add, through plain `pg` (named prepared statements) and `ioredis`. A second
// floor skips the document, to show what the PDF costs. Both run on one hot pool, then across
// `--accounts` accounts (each request another account's key and pool). Same autocannon load on each
// side (a worker thread fires it). Throwaway Postgres and Redis; everything is stopped at the end.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { findApiKeyByHash, hashApiKey } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { DEFAULT_SEND_OPTIONS, submitFax } from '@mintfax/faxes';
import { createRateLimiter, isOverLimit } from '@mintfax/platform';
import { FAX_DISPATCH_JOB_NAME, FAX_DISPATCH_JOB_OPTIONS, QUEUES } from '@mintfax/queue';
import { createTestAccount, pdfDocument, type TestAccount } from '@mintfax/testing';
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
// In-process on purpose: the floor has no worker pool (the platform's only way in is DocumentPool).
import { prepareDocument } from '../../libs/documents/src/prepare-document';
import {
  appEnv,
  checkAllMoney,
  format,
  freePort,
  listen,
  parseFlags,
  pgPool,
  prepared,
  printTable,
  recordedStatement,
  RATE_LIMIT,
  REDIS_PREFIX,
  runBench,
  machineLoad,
  SANDBOX_GRANT,
  startApp,
  startStores,
  WARM_UP_S,
} from './support';

const flags = parseFlags('bench:submit', { duration: 20, connections: 32, accounts: 1000, warmup: WARM_UP_S });
const TO = '+15005550001';
// The gateway's default PRICE_PER_PAGE; +15005550001 bills one page whatever the document holds.
const PRICE_PER_PAGE = 1;
const PAGES = 1;
const WATCHDOG_MS = 4 * 60_000 + 7 * (flags.warmup + flags.duration) * 1000 + flags.accounts * 100;

/** Who sends: one key (a hot pool) or one per account, each request the next. */
type Senders = TestAccount[];

/** One measured run: a warm-up first (see WARM_UP_S), not counted. */
async function load(url: string, senders: Senders, body: string): Promise<{ result: autocannon.Result; accepted: number }> {
  const options = {
    url: `${url}/v1/faxes`,
    requests: senders.map((sender) => ({
      method: 'POST' as const,
      headers: { authorization: `Bearer ${sender.sandboxKey}`, 'content-type': 'application/json' },
      body,
    })),
    connections: flags.connections,
    workers: 1,
  };
  await submitOnce(url, senders[0].sandboxKey, body);
  const warmUp = await autocannon({ ...options, duration: flags.warmup });
  const result = await autocannon({ ...options, duration: flags.duration });
  return { result, accepted: warmUp['2xx'] + result['2xx'] + 1 };
}

/** Fails early, with the response, when one submission is not accepted: a benchmark of 4xx is worthless. */
async function submitOnce(url: string, key: string, body: string): Promise<void> {
  const response = await fetch(`${url}/v1/faxes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
  });
  if (response.status !== 201) throw new Error(`POST ${url}/v1/faxes answered ${response.status}: ${await response.text()}`);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

interface KeyRow {
  id: string;
  account_id: string;
  environment_id: string;
  max_attempts: number;
}

/** The lower bound: what a submission must do, in a straight line, with no framework. */
async function lowerBoundServer(pg: Pool, redis: Redis, { documents }: { documents: boolean }): Promise<Server> {
  const lookUp = prepared((await recordedStatement((db) => findApiKeyByHash(db, ''))).statement);
  const limiter = createRateLimiter(redis, REDIS_PREFIX, 'floor', { points: RATE_LIMIT, durationSeconds: 1 });
  const queue = new Queue(QUEUES.faxDispatch, { prefix: REDIS_PREFIX, connection: redis });
  return createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    (async () => {
      const text = await readBody(request);
      const key = String(request.headers.authorization).replace(/^Bearer /, '');
      const [identity] = (await pg.query<KeyRow>({ ...lookUp, values: [hashApiKey(key)] })).rows;
      if (!identity) return reply(401, { error: { code: 'api_key_invalid' } });
      await limiter.consume(identity.id);
      const { to, file } = JSON.parse(text) as { to: string; file: { content_base64: string; filename: string } };
      const upload = Buffer.from(file.content_base64, 'base64');
      const sha256 = createHash('sha256').update(upload).digest('hex');
      const source = { contentType: 'application/pdf' as const, sizeBytes: upload.length, sha256, filename: file.filename };
      const pdf = documents ? await prepareDocument({ bytes: upload, filename: file.filename, pageSize: 'letter' }) : null;
      const { statement, result: fax } = await recordedStatement(
        (db) =>
          submitFax(db, {
            accountId: identity.account_id,
            environmentId: identity.environment_id,
            environmentType: 'sandbox',
            to,
            from: null,
            pages: PAGES,
            pricePerPage: PRICE_PER_PAGE,
            maxAttempts: identity.max_attempts,
            metadata: {},
            document: pdf ? { bytes: pdf.pdf, contentType: 'application/pdf', sha256: pdf.sha256 } : { bytes: upload, contentType: 'application/pdf', sha256 },
            source: pdf?.source ?? source,
            options: DEFAULT_SEND_OPTIONS,
          }),
        [{ pool_id: '', balance: 0n, held: 0n }],
      );
      const { rowCount } = await pg.query(prepared(statement));
      if (rowCount !== 1) return reply(402, { error: { code: 'insufficient_balance' } });
      await queue.add(FAX_DISPATCH_JOB_NAME, { faxId: fax.id }, { jobId: fax.id, ...FAX_DISPATCH_JOB_OPTIONS });
      reply(201, fax);
    })().catch((error: Error) => (isOverLimit(error) ? reply(429, {}) : reply(500, { error: { message: error.message } })));
  });
}

/** `count` accounts with a funded sandbox pool each, made eight at a time. */
async function accounts(prisma: PrismaService, count: number): Promise<Senders> {
  const made: Senders = [];
  while (made.length < count) {
    const batch = Math.min(8, count - made.length);
    made.push(...(await Promise.all(Array.from({ length: batch }, (_, i) => createTestAccount(prisma, { name: `Bench ${made.length + i}`, sandboxGrant: SANDBOX_GRANT })))));
  }
  return made;
}

type Run = { result: autocannon.Result; accepted: number };

runBench('bench:submit', WATCHDOG_MS, async (cleanups) => {
  const stores = await startStores(cleanups);
  const prisma = new PrismaService({ databaseUrl: stores.databaseUrl, poolSize: 8 });
  cleanups.push(() => prisma.$disconnect());
  const pg = pgPool(stores.databaseUrl, cleanups);
  const scenarios = [
    { name: 'one hot pool', senders: await accounts(prisma, 1) },
    { name: `${flags.accounts} accounts`, senders: await accounts(prisma, flags.accounts) },
  ];
  const pdf = await pdfDocument(1);
  const body = JSON.stringify({ to: TO, file: { content_base64: pdf.toString('base64'), filename: 'bench.pdf' } });
  const { rows } = await pg.query<{ server_version: string }>('SHOW server_version');
  console.log(`Postgres ${rows[0].server_version} (embedded, ephemeral: fsync and synchronous_commit off), redis-server; pool size 10 on both sides`);
  console.log(
    `POST /v1/faxes, JSON with a ${pdf.length}-byte one-page PDF in base64 to ${TO}; autocannon ${flags.connections} connections, ` +
      `${flags.warmup} s warm-up, ${flags.duration} s measured, per scenario and side; each scenario runs on the gateway, then on the lower bound`,
  );
  console.log(`before: ${machineLoad()}\n`);

  const port = await freePort();
  const gateway = await startApp('api-gateway', { ...appEnv(stores), GATEWAY_PORT: String(port), RATE_LIMIT_SANDBOX: String(RATE_LIMIT), UPLOADS_PER_ACCOUNT: '1000' }, port, cleanups);
  const redis = new Redis(stores.redisUrl, { maxRetriesPerRequest: null });
  cleanups.push(async () => void redis.disconnect());
  const floor = async (documents: boolean, senders: Senders): Promise<Run> => {
    const bare = await listen(await lowerBoundServer(pg, redis, { documents }), cleanups);
    const run = await load(bare.url, senders, body);
    // Requests cut off by the end of the run still commit: let them, before anything is counted.
    await bare.close();
    return run;
  };
  // Each scenario on both sides back to back, so that the machine's drift falls on both alike; the
  // gateway sits idle (no load, no workers of its own) while the lower bound runs.
  const viaGateway: Run[] = [];
  const viaFloor: Run[] = [];
  for (const scenario of scenarios) {
    viaGateway.push(await load(gateway.url, scenario.senders, body));
    gateway.assertRunning();
    viaFloor.push(await floor(true, scenario.senders));
  }
  await gateway.stop();
  const withoutDocuments = await floor(false, scenarios[0].senders);

  const perSecond = ({ result }: Run) => result['2xx'] / result.duration;
  const row = (name: string, run: Run) => [
    name,
    format(perSecond(run)),
    format(run.result.latency.p50, 1),
    format(run.result.latency.p99, 1),
    String(run.result.non2xx),
    String(run.result.errors + run.result.timeouts),
  ];
  printTable([
    ['', '2xx/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
    ...scenarios.flatMap((scenario, i) => [
      row(`${scenario.name}: api-gateway`, viaGateway[i]),
      row(`${scenario.name}: lower bound`, viaFloor[i]),
    ]),
    row('one hot pool: lower bound without the PDF', withoutDocuments),
  ]);
  console.log('');
  scenarios.forEach((scenario, i) => {
    const ratio = perSecond(viaGateway[i]) / perSecond(viaFloor[i]);
    const p99 = viaGateway[i].result.latency.p99 / viaFloor[i].result.latency.p99;
    console.log(`${scenario.name}: mintfax / lower bound ${format(ratio, 2)} (target 0.8), p99 ${format(p99, 2)}× the lower bound's (target at most 1.5)`);
  });
  console.log(`\nafter: ${machineLoad()}`);

  // Every accepted submission wrote its hold, ledger row, fax, document and fax.queued together.
  const counts = await pg.query<{ faxes: string; holds: string; documents: string; queued: string; entries: string }>(
    `SELECT (SELECT count(*) FROM faxes) AS faxes, (SELECT count(*) FROM holds) AS holds,
            (SELECT count(*) FROM fax_documents) AS documents, (SELECT count(*) FROM events WHERE type = 'fax.queued') AS queued,
            (SELECT count(*) FROM ledger_entries WHERE type = 'hold') AS entries`,
  );
  const written = counts.rows[0];
  if (new Set(Object.values(written)).size !== 1) throw new Error(`Submissions were written partly: ${JSON.stringify(written)}`);
  const accepted = [...viaGateway, ...viaFloor, withoutDocuments].reduce((sum, run) => sum + run.accepted, 0);
  console.log(`\nrows: ${written.faxes} faxes, each with its hold, ledger row, document and fax.queued (${accepted} 201s counted;`);
  console.log('  requests cut off when a run ends may commit uncounted)');
  console.log(await checkAllMoney(pg));
});
