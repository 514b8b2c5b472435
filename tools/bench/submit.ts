// `npm run bench:submit [-- --duration 20 --connections 32]`: POST /v1/faxes per second through the
// api-gateway (NestJS on Fastify, Prisma, auth, rate limit, document inspection, enqueue), and
// through the lower bound: a bare node:http server in this process that parses the same JSON,
// decodes the document and sends the very statement libs/faxes submitFax builds, through plain
// `pg` as a named prepared statement. Same autocannon load on both (a worker thread fires it).
// Throwaway Postgres and Redis under the temp dir; everything is stopped at the end.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrismaService, type Prisma } from '@mintfax/db';
import { DEFAULT_SEND_OPTIONS, submitFax } from '@mintfax/faxes';
import { createTestAccount, pdfDocument, type TestAccount } from '@mintfax/testing';
import autocannon from 'autocannon';
import type { Pool } from 'pg';
import {
  appEnv,
  checkMoney,
  format,
  freePort,
  parseFlags,
  pgPool,
  prepared,
  printTable,
  runBench,
  machineLoad,
  SANDBOX_GRANT,
  startApp,
  startStores,
  type Cleanup,
} from './support';

const flags = parseFlags('bench:submit', { duration: 20, connections: 32 });
const WARM_UP_S = 2;
const TO = '+15005550001';
// The gateway's default PRICE_PER_PAGE; +15005550001 bills one page whatever the document holds.
const PRICE_PER_PAGE = 1;
const PAGES = 1;
const WATCHDOG_MS = 3 * 60_000 + 2 * (WARM_UP_S + flags.duration) * 1000;

/** One measured run: a warm-up (JIT, prepared statements, pool connections) first, not counted. */
async function load(url: string, key: string, body: string): Promise<{ result: autocannon.Result; accepted: number }> {
  const options = {
    url: `${url}/v1/faxes`,
    method: 'POST' as const,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
    connections: flags.connections,
    workers: 1,
  };
  const warmUp = await autocannon({ ...options, duration: WARM_UP_S });
  const result = await autocannon({ ...options, duration: flags.duration });
  return { result, accepted: warmUp['2xx'] + result['2xx'] };
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

/**
 * Stands in for Prisma's client: keeps the statement submitFax would send and answers as if the
 * guard passed, so the lower bound can send that very statement itself and check the row count.
 */
function recordingClient(): { client: Prisma.TransactionClient; statement(): Prisma.Sql } {
  let recorded: Prisma.Sql | undefined;
  const client = {
    $queryRaw: async (sql: Prisma.Sql) => {
      recorded = sql;
      return [{ pool_id: '', balance: 0n, held: 0n }];
    },
  };
  return {
    client: client as unknown as Prisma.TransactionClient,
    statement: () => {
      if (!recorded) throw new Error('submitFax sent no statement.');
      return recorded;
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The lower bound: only what the write needs, no framework, auth, rate limit, PDF parsing or queue. */
function lowerBoundServer(pg: Pool, acct: TestAccount, maxAttempts: number): Server {
  return createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    readBody(request)
      .then(async (text) => {
        const { to, file } = JSON.parse(text) as { to: string; file: { content_base64: string; filename: string } };
        const bytes = Buffer.from(file.content_base64, 'base64');
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const recorder = recordingClient();
        const fax = await submitFax(recorder.client, {
          accountId: acct.accountId,
          environmentId: acct.sandboxEnvironmentId,
          environmentType: 'sandbox',
          to,
          from: null,
          pages: PAGES,
          pricePerPage: PRICE_PER_PAGE,
          maxAttempts,
          metadata: {},
          document: { bytes, contentType: 'application/pdf', sha256 },
          source: { contentType: 'application/pdf', sizeBytes: bytes.length, sha256, filename: file.filename },
          options: DEFAULT_SEND_OPTIONS,
        });
        const { rowCount } = await pg.query(prepared(recorder.statement()));
        if (rowCount !== 1) return reply(402, { error: { code: 'insufficient_balance' } });
        reply(201, fax);
      })
      .catch((error: Error) => reply(500, { error: { message: error.message } }));
  });
}

/** Listens on a free port; the returned close resolves once requests in flight are answered. */
async function listen(server: Server, cleanups: Cleanup[]): Promise<{ url: string; close(): Promise<void> }> {
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

runBench('bench:submit', WATCHDOG_MS, async (cleanups) => {
  const stores = await startStores(cleanups);
  const prisma = new PrismaService({ databaseUrl: stores.databaseUrl, poolSize: 2 });
  cleanups.push(() => prisma.$disconnect());
  const acct = await createTestAccount(prisma, { name: 'Bench Co', sandboxGrant: SANDBOX_GRANT });
  const pg = pgPool(stores.databaseUrl, cleanups);
  const environment = await pg.query<{ max_attempts: number }>('SELECT max_attempts FROM environments WHERE id = $1', [acct.sandboxEnvironmentId]);
  const pdf = await pdfDocument(1);
  const body = JSON.stringify({ to: TO, file: { content_base64: pdf.toString('base64'), filename: 'bench.pdf' } });
  const { rows } = await pg.query<{ server_version: string }>('SHOW server_version');
  console.log(`Postgres ${rows[0].server_version} (embedded, ephemeral: fsync and synchronous_commit off), redis-server; pool size 10 on both sides`);
  console.log(
    `POST /v1/faxes, JSON with a ${pdf.length}-byte one-page PDF in base64 to ${TO}; autocannon ${flags.connections} connections, ` +
      `${WARM_UP_S} s warm-up, ${flags.duration} s measured`,
  );

  console.log(`before: ${machineLoad()}\n`);
  const port = await freePort();
  const gateway = await startApp('api-gateway', { ...appEnv(stores), GATEWAY_PORT: String(port), RATE_LIMIT_SANDBOX: '100000', UPLOADS_PER_ACCOUNT: '1000' }, port, cleanups);
  await submitOnce(gateway.url, acct.sandboxKey, body);
  const viaGateway = await load(gateway.url, acct.sandboxKey, body);
  gateway.assertRunning();
  // Off (draining what is in flight) before the lower bound runs: the two sides never share the cores.
  await gateway.stop();

  const server = lowerBoundServer(pg, acct, environment.rows[0].max_attempts);
  const bare = await listen(server, cleanups);
  await submitOnce(bare.url, acct.sandboxKey, body);
  const viaPg = await load(bare.url, acct.sandboxKey, body);
  // Requests cut off by the end of the run still commit: let them, before anything is counted.
  await bare.close();

  const perSecond = (result: autocannon.Result) => result['2xx'] / result.duration;
  const row = (name: string, { result }: { result: autocannon.Result }) => [
    name,
    format(perSecond(result)),
    format(result.latency.p50, 1),
    format(result.latency.p99, 1),
    String(result.non2xx),
    String(result.errors + result.timeouts),
  ];
  printTable([
    ['', '2xx/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
    row('api-gateway (NestJS, Prisma)', viaGateway),
    row('lower bound (node:http, pg)', viaPg),
  ]);
  console.log(`\nmintfax / lower bound: ${format(perSecond(viaGateway.result) / perSecond(viaPg.result), 2)}\n`);

  console.log(`after: ${machineLoad()}`);

  // Every accepted submission wrote its hold, ledger row, fax, document and fax.queued together.
  const counts = await pg.query<{ faxes: string; holds: string; documents: string; queued: string; entries: string }>(
    `SELECT (SELECT count(*) FROM faxes) AS faxes, (SELECT count(*) FROM holds) AS holds,
            (SELECT count(*) FROM fax_documents) AS documents, (SELECT count(*) FROM events WHERE type = 'fax.queued') AS queued,
            (SELECT count(*) FROM ledger_entries WHERE type = 'hold') AS entries`,
  );
  const written = counts.rows[0];
  if (new Set(Object.values(written)).size !== 1) throw new Error(`Submissions were written partly: ${JSON.stringify(written)}`);
  const accepted = viaGateway.accepted + viaPg.accepted + 2;
  console.log(`\nrows: ${written.faxes} faxes, each with its hold, ledger row, document and fax.queued (${accepted} 201s counted;`);
  console.log('  requests cut off when a run ends may commit uncounted)');
  console.log(await checkMoney(pg, acct.accountId));
});
