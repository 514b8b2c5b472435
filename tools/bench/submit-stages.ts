// `node dist/tools/bench/submit-stages.js [-- --requests 300]`: where the time of one submission goes,
// one request at a time (no queueing): the whole POST /v1/faxes through the api-gateway, then each
// stage of it run alone in this process against the same stores (the key lookup, the failure check
// and rate-limit call, the body's JSON and its checks, the fax-ready PDF through the worker pool and
// in-process, the submission statement, the BullMQ add, the answer's JSON). What the stages do not
// account for is the framework and HTTP: Fastify, NestJS's guards, interceptors and pipes.
import { findApiKeyByHash, hashApiKey } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { DocumentPool } from '@mintfax/documents';
import { DEFAULT_SEND_OPTIONS, parseSubmission, submitFax } from '@mintfax/faxes';
import { createRateLimiter } from '@mintfax/platform';
import { FAX_DISPATCH_JOB_NAME, FAX_DISPATCH_JOB_OPTIONS, QUEUES } from '@mintfax/queue';
import { createTestAccount, pdfDocument } from '@mintfax/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { prepareDocument } from '../../libs/documents/src/prepare-document';
import { appEnv, format, freePort, machineLoad, parseFlags, printTable, REDIS_PREFIX, runBench, SANDBOX_GRANT, startApp, startStores } from './support';

const flags = parseFlags('bench:submit-stages', { requests: 300 });
const WARM_UP = 50;

/** Mean milliseconds of `step`, run one at a time after a warm-up. */
async function timed(step: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARM_UP; i += 1) await step();
  const started = performance.now();
  for (let i = 0; i < flags.requests; i += 1) await step();
  return (performance.now() - started) / flags.requests;
}

runBench('bench:submit-stages', 10 * 60_000, async (cleanups) => {
  const stores = await startStores(cleanups);
  const prisma = new PrismaService({ databaseUrl: stores.databaseUrl, poolSize: 4 });
  cleanups.push(() => prisma.$disconnect());
  const acct = await createTestAccount(prisma, { name: 'Stages Co', sandboxGrant: SANDBOX_GRANT });
  const pdf = await pdfDocument(1);
  const text = JSON.stringify({ to: '+15005550001', file: { content_base64: pdf.toString('base64'), filename: 'bench.pdf' } });
  console.log(`before: ${machineLoad()}`);

  const port = await freePort();
  const gateway = await startApp('api-gateway', { ...appEnv(stores), GATEWAY_PORT: String(port), RATE_LIMIT_SANDBOX: '100000', UPLOADS_PER_ACCOUNT: '1000' }, port, cleanups);
  const whole = await timed(async () => {
    const response = await fetch(`${gateway.url}/v1/faxes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${acct.sandboxKey}`, 'content-type': 'application/json' },
      body: text,
    });
    if (response.status !== 201) throw new Error(`POST /v1/faxes answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  });
  await gateway.stop();

  const redis = new Redis(stores.redisUrl, { maxRetriesPerRequest: null });
  cleanups.push(async () => void redis.disconnect());
  const limiter = createRateLimiter(redis, REDIS_PREFIX, 'stages', { points: 100_000, durationSeconds: 1 });
  const queue = new Queue(QUEUES.faxDispatch, { prefix: REDIS_PREFIX, connection: redis });
  const pool = new DocumentPool();
  cleanups.push(() => pool.close());
  const keyHash = hashApiKey(acct.sandboxKey);
  const identity = await findApiKeyByHash(prisma, keyHash);
  const environment = identity?.environment;
  if (!environment) throw new Error('The sandbox key was not found.');
  const submission = parseSubmission(JSON.parse(text), false, 'sandbox');
  const prepared = await prepareDocument({ bytes: submission.file.bytes, filename: submission.file.filename, pageSize: 'letter' });
  const submit = () =>
    submitFax(prisma, {
      accountId: acct.accountId,
      environmentId: environment.id,
      environmentType: 'sandbox',
      to: submission.to,
      from: null,
      pages: prepared.pages,
      pricePerPage: 1,
      maxAttempts: environment.maxAttempts,
      metadata: {},
      document: { bytes: prepared.pdf, contentType: 'application/pdf', sha256: prepared.sha256 },
      source: prepared.source,
      options: DEFAULT_SEND_OPTIONS,
    });
  const fax = await submit();
  let job = 0;

  const stages: [string, number][] = [
    ['key lookup (one named statement)', await timed(() => findApiKeyByHash(prisma, keyHash))],
    ['failure check + rate-limit call (one round trip)', await timed(() => Promise.all([redis.get(limiter.getKey('127.0.0.1')), limiter.consume(keyHash.slice(0, 32))]))],
    ['body: JSON.parse + checks + base64', await timed(async () => parseSubmission(JSON.parse(text), false, 'sandbox'))],
    ['fax-ready PDF through the worker pool', await timed(() => pool.prepareDocument({ bytes: submission.file.bytes, filename: 'bench.pdf', pageSize: 'letter' }))],
    ['  of which the PDF work itself (in-process)', await timed(() => prepareDocument({ bytes: submission.file.bytes, filename: 'bench.pdf', pageSize: 'letter' }))],
    ['submission statement (hold, fax, document, event)', await timed(submit)],
    ['BullMQ add', await timed(() => queue.add(FAX_DISPATCH_JOB_NAME, { faxId: `stage_${(job += 1)}` }, { jobId: `stage_${job}`, ...FAX_DISPATCH_JOB_OPTIONS }))],
    ['answer: the fax object as JSON', await timed(async () => JSON.stringify(fax))],
  ];
  const counted = stages.filter(([name]) => !name.startsWith(' ')).reduce((sum, [, ms]) => sum + ms, 0);
  printTable([
    ['one request at a time', 'ms'],
    ['POST /v1/faxes through the api-gateway', format(whole, 3)],
    ...stages.map(([name, ms]) => [name, format(ms, 3)]),
    ['the rest: HTTP, Fastify, NestJS (guards, interceptors, pipes), awaits', format(whole - counted, 3)],
  ]);
  console.log(`after: ${machineLoad()}`);
});
