import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PrismaService } from '@mintfax/db';
import {
  createTestAccount,
  createTestFax,
  droppingProxy,
  pdfDocument,
  Receiver,
  startTestPlatform,
  testPrisma,
  useTestInfrastructure,
  waitFor,
  type TestAccount,
  type TestPlatform,
} from '@mintfax/testing';
import {
  AuthenticationError,
  ConflictError,
  InvalidRequestError,
  Mintfax,
  NotFoundError,
  PaymentRequiredError,
  PermissionError,
  WaitTimeoutError,
  webhooks,
  WebhookVerificationError,
  type MintfaxError,
} from '../src';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The error a promise rejects with. */
const failure = (pending: Promise<unknown>): Promise<MintfaxError> => pending.then(
  () => Promise.reject(new Error('expected a rejection')),
  (error: MintfaxError) => error,
);

// The SDK against the platform as a customer runs it: the gateway, a fax-worker and the
// webhook-dispatcher as processes, over real HTTP.
describe('@mintfax/sdk', () => {
  const infra = useTestInfrastructure();
  let platform: TestPlatform;
  let prisma: PrismaService;
  let acct: TestAccount;
  let mintfax: Mintfax;
  let onePage: Buffer;
  let dir: string;

  beforeAll(async () => {
    [platform, onePage] = await Promise.all([startTestPlatform(infra(), { workers: ['fax-worker', 'webhook-dispatcher'] }), pdfDocument(1)]);
    prisma = testPrisma(infra().databaseUrl);
    acct = await createTestAccount(prisma);
    mintfax = new Mintfax(acct.sandboxKey, { baseUrl: platform.url });
    dir = mkdtempSync(join(tmpdir(), 'mintfax-sdk-'));
  }, 90_000);

  afterAll(async () => {
    await platform?.stop();
    await prisma?.$disconnect();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sends a fax from bytes and waits until it is delivered', async () => {
    const fax = await mintfax.faxes.send({ to: '+15005550001', file: onePage });
    expect(fax).toMatchObject({ object: 'fax', status: 'queued', to: '+15005550001', pages: 1 });

    const seen: string[] = [];
    const done = await mintfax.faxes.waitFor(fax.id, { interval: 50, onUpdate: (update) => seen.push(update.status) });
    expect(done).toMatchObject({ id: fax.id, status: 'delivered', charged: 1 });
    expect(seen.at(-1)).toBe('delivered');
  });

  it('sends a file from a path with send options, and follows its retry to delivery', async () => {
    const path = join(dir, 'invoice.pdf');
    writeFileSync(path, onePage);
    const fax = await mintfax.faxes.send({
      to: '+15005550004',
      path,
      tags: ['billing', 'q3'],
      metadata: { order: '4711' },
      csid: 'ACME FAX',
      page_size: 'a4',
      cover_page: 'standard',
      recipient_name: 'Dr. Roe',
      subject: 'Invoice 4711',
    });
    expect(fax).toMatchObject({
      tags: ['billing', 'q3'],
      metadata: { order: '4711' },
      csid: 'ACME FAX',
      page_size: 'a4',
      pages: 2,
      cover_page: { template: 'standard', recipient_name: 'Dr. Roe', subject: 'Invoice 4711' },
      document: { source: { filename: 'invoice.pdf', content_type: 'application/pdf' } },
    });
    const done = await mintfax.faxes.waitFor(fax.id, { interval: 50 });
    expect(done.status).toBe('delivered');
    expect(done.attempts_log?.map((attempt) => attempt.failure_code)).toEqual(['transient', null]);
  });

  it('lists every fax across pages, newest first, one request per page', async () => {
    const tag = `list-${Date.now()}`;
    const sent: string[] = [];
    for (let i = 0; i < 5; i += 1) sent.push((await mintfax.faxes.send({ to: '+15005550001', file: onePage, tags: [tag] })).id);
    let pageRequests = 0;
    const counting = new Mintfax(acct.sandboxKey, {
      baseUrl: platform.url,
      fetch: (input, init) => {
        if (input instanceof Request && new URL(input.url).pathname === '/v1/faxes') pageRequests += 1;
        return fetch(input, init);
      },
    });

    const listed = await collect(counting.faxes.list({ tag, limit: 2 }));
    expect(listed.map((fax) => fax.id)).toEqual([...sent].reverse());
    expect(pageRequests).toBe(3);
  });

  it('throws one error class per HTTP class, carrying code, action, docs and request id', async () => {
    const unknownKey = await failure(new Mintfax(`mfx_test_${'0'.repeat(40)}`, { baseUrl: platform.url }).faxes.get('fax_1'));
    expect(unknownKey).toBeInstanceOf(AuthenticationError);
    expect(unknownKey).toMatchObject({ code: 'api_key_invalid', status: 401, action: 'check_credentials', docs: expect.stringMatching(/\/errors\/api-key-invalid$/) });
    expect(unknownKey.requestId).toMatch(/^req_/);

    const notFound = await failure(mintfax.faxes.get('fax_01J9XYZQ8KH7B3R0WXAZP8VW6F'));
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect(notFound).toMatchObject({ code: 'not_found', status: 404, action: 'verify_id' });

    const badNumber = await failure(mintfax.faxes.send({ to: '+15005550099', file: onePage }));
    expect(badNumber).toBeInstanceOf(InvalidRequestError);
    expect(badNumber).toMatchObject({ code: 'validation_failed', status: 422, context: { errors: { to: [expect.any(String)] } } });

    const broke = await failure(mintfax.faxes.send({ to: '+15005550006', file: onePage }));
    expect(broke).toBeInstanceOf(PaymentRequiredError);
    expect(broke).toMatchObject({ code: 'insufficient_balance', status: 402, action: 'top_up_balance' });

    const inactive = await failure(new Mintfax(acct.liveKey, { baseUrl: platform.url }).faxes.list().next());
    expect(inactive).toBeInstanceOf(PermissionError);
    expect(inactive).toMatchObject({ code: 'account_not_activated', status: 403, action: 'activate_account' });

    const owner = await createTestAccount(prisma);
    const queued = await createQueuedFax(owner);
    const notTerminal = await failure(new Mintfax(owner.sandboxKey, { baseUrl: platform.url }).faxes.delete(queued));
    expect(notTerminal).toBeInstanceOf(ConflictError);
    expect(notTerminal).toMatchObject({ code: 'fax_not_terminal', status: 409, context: { status: 'queued' } });
  });

  it('gives up waiting with WaitTimeoutError while the fax is still under way', async () => {
    const owner = await createTestAccount(prisma);
    const queued = await createQueuedFax(owner);
    const error = await new Mintfax(owner.sandboxKey, { baseUrl: platform.url }).faxes.waitFor(queued, { timeout: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ fax: { id: queued, status: 'queued' } });
  });

  it('retries a submission whose answer was lost with the same Idempotency-Key: one fax, one hold', async () => {
    const owner = await createTestAccount(prisma);
    const proxy = await droppingProxy(platform.url);
    try {
      const client = new Mintfax(owner.sandboxKey, { baseUrl: proxy.url, retryDelayMs: { base: 10, max: 50 } });
      const fax = await client.faxes.send({ to: '+15005550001', file: onePage });

      expect(proxy.requestHeads).toHaveLength(2);
      const [first, retry] = proxy.requestHeads.map((head) => /^idempotency-key: *(.+)$/im.exec(head)?.[1]);
      expect(first).toBeDefined();
      expect(retry).toBe(first);
      const direct = new Mintfax(owner.sandboxKey, { baseUrl: platform.url });
      expect((await collect(direct.faxes.list())).map(({ id }) => id)).toEqual([fax.id]);
      expect(await prisma.hold.count({ where: { faxId: fax.id } })).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('verifies a webhook delivery with the endpoint secret, and refuses one changed on the way', async () => {
    const receiver = await Receiver.start();
    try {
      const created = await mintfax.api.POST('/v1/webhooks', { body: { url: receiver.on('/hooks', () => 204), events: ['fax.delivered'] } });
      const secret = created.data?.secret as string;
      const fax = await mintfax.faxes.send({ to: '+15005550001', file: onePage });

      const delivery = await waitFor('the fax.delivered webhook', async () =>
        receiver.at('/hooks').find((candidate) => candidate.body.includes(fax.id)),
      );
      const event = webhooks.verify(delivery.body, delivery.headers, secret);
      expect(event).toMatchObject({ object: 'event', type: 'fax.delivered', data: { object: { id: fax.id, status: 'delivered' } } });
      expect(mintfax.webhooks.verify(Buffer.from(delivery.body), new Headers(delivery.headers), secret)).toEqual(event);

      const tampered = delivery.body.replace('"delivered"', '"failed"');
      expect(() => webhooks.verify(tampered, delivery.headers, secret)).toThrow(WebhookVerificationError);
      expect(() => webhooks.verify(delivery.body, delivery.headers, webhooks.generateSecret())).toThrow(WebhookVerificationError);
      expect(() => webhooks.verify(delivery.body, {}, secret)).toThrow(/webhook-id header is missing/);
    } finally {
      await receiver.close();
    }
  });

  it('runs the example program (tools/examples/sdk-send-and-wait.ts) to a delivered fax', async () => {
    const path = join(dir, 'example.pdf');
    writeFileSync(path, onePage);
    const example = join(__dirname, '..', '..', '..', 'dist', 'tools', 'examples', 'sdk-send-and-wait.js');
    const { stdout } = await promisify(execFile)(process.execPath, [example, path], {
      env: { ...process.env, MINTFAX_API_KEY: acct.sandboxKey, MINTFAX_BASE_URL: platform.url },
    });
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^fax_\w+ delivered$/);
  });

  /** A queued fax no worker takes while the test runs: written as the gateway commits it, never enqueued. */
  const createQueuedFax = (owner: TestAccount) => createTestFax(prisma, { accountId: owner.accountId, environmentId: owner.sandboxEnvironmentId });
});
