import { gatewayConfigSpec, loadConfig } from '@mintfax/config';
import { Prisma, type PrismaService } from '@mintfax/db';
import {
  createTestAccount,
  createTestEnvironment,
  jpegDocument,
  pdfDocument,
  serviceEnv,
  spawnApp,
  testPrisma,
  tiffDocument,
  useTestInfrastructure,
  type SpawnedApp,
  type TestAccount,
} from '@mintfax/testing';
import type { INestApplication } from '@nestjs/common';
import { bootstrap as startGateway } from '../src/main';

// The fax pipeline end to end: the gateway and a real fax-worker process on one database and
// Redis, the sandbox carrier with no simulated delay.
describe('faxes', () => {
  const infra = useTestInfrastructure();
  let gateway: INestApplication;
  let worker: SpawnedApp;
  let prisma: PrismaService;
  let base: string;
  let acct: TestAccount;
  let onePage: Buffer;

  beforeAll(async () => {
    const env = { ...serviceEnv(infra()), SANDBOX_CARRIER_DELAY_MS: '0', SANDBOX_RETRY_BACKOFF_MS: '0', RATE_LIMIT_SANDBOX: '100000', RATE_LIMIT_LIVE: '100000', UPLOADS_PER_ACCOUNT: '1000' };
    gateway = await startGateway(loadConfig(gatewayConfigSpec, { ...env, GATEWAY_PORT: '0' }));
    worker = spawnApp('fax-worker', { ...env, WORKER_HTTP_PORT: '0', FAX_WORKER_CONCURRENCY: '8' });
    base = await gateway.getUrl();
    prisma = testPrisma(infra().databaseUrl);
    acct = await createTestAccount(prisma, { activated: true, liveCredits: 100 });
    onePage = await pdfDocument(1);
  });

  afterAll(async () => {
    await gateway?.close();
    await worker?.stop();
    await prisma?.$disconnect();
  });

  const json = (key: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/v1/faxes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const send = (key: string, to: string, document: Buffer = onePage, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    json(key, { to, file: { content_base64: document.toString('base64'), filename: 'doc.pdf' }, ...extra }, headers);
  const get = (key: string, path: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });

  async function settled(key: string, id: string): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const fax = (await (await get(key, `/v1/faxes/${id}`)).json()) as Record<string, unknown>;
      if (fax.status === 'delivered' || fax.status === 'failed') return fax;
      if (Date.now() > deadline) throw new Error(`fax ${id} still ${String(fax.status)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function sandboxPool() {
    return prisma.pool.findUniqueOrThrow({ where: { accountId_type: { accountId: acct.accountId, type: 'sandbox' } } });
  }

  describe('sandbox magic numbers, through the worker', () => {
    it.each([
      ['+15005550001', { status: 'delivered', attempts: 1, pages: 1, charged: 1, failure_code: null }],
      ['+15005550002', { status: 'failed', attempts: 3, charged: 0, failure_code: 'busy' }],
      ['+15005550003', { status: 'failed', attempts: 3, charged: 0, failure_code: 'no_answer' }],
      ['+15005550004', { status: 'delivered', attempts: 2, charged: 1, failure_code: null }],
      ['+15005550005', { status: 'failed', attempts: 3, charged: 0, failure_code: 'line_quality' }],
      ['+15005550007', { status: 'delivered', attempts: 1, pages: 3, cost: 3, charged: 3 }],
      ['+15005550008', { status: 'failed', attempts: 1, charged: 0, failure_code: 'invalid_number' }],
      ['+15005551234', { status: 'delivered', attempts: 1, charged: 1 }],
    ])('%s ends as the sandbox table says', async (to, expected) => {
      const response = await send(acct.sandboxKey, to);
      expect(response.status).toBe(201);
      const queued = (await response.json()) as { id: string; status: string };
      expect(queued.status).toBe('queued');
      const fax = await settled(acct.sandboxKey, queued.id);
      expect(fax).toMatchObject(expected);
      expect((fax.attempts_log as unknown[]).length).toBe(expected.attempts);
      const hold = await prisma.hold.findFirstOrThrow({ where: { faxId: queued.id } });
      expect(hold.status).toBe(expected.status === 'delivered' ? 'captured' : 'released');
    });

    it('emits the events of each transition in order', async () => {
      const { id } = (await (await send(acct.sandboxKey, '+15005550004')).json()) as { id: string };
      await settled(acct.sandboxKey, id);
      const events = await prisma.event.findMany({ where: { faxId: id }, orderBy: { seq: 'asc' } });
      expect(events.map((event) => event.type)).toEqual([
        'fax.queued',
        'fax.submitted',
        'fax.in_progress',
        'fax.retry_scheduled',
        'fax.submitted',
        'fax.in_progress',
        'fax.delivered',
      ]);
    });

    it('refuses +15005550006 with insufficient_balance and writes nothing', async () => {
      const before = await sandboxPool();
      const faxes = await prisma.fax.count();
      const response = await send(acct.sandboxKey, '+15005550006');
      expect(response.status).toBe(402);
      expect(await response.json()).toMatchObject({ error: 'insufficient_balance', context: { available: expect.any(Number), required: expect.any(Number) } });
      expect(await prisma.fax.count()).toBe(faxes);
      expect(await sandboxPool()).toEqual(before);
    });

    it('refuses +15005550099 and non-magic numbers on `to`, writing nothing', async () => {
      const faxes = await prisma.fax.count();
      for (const to of ['+15005550099', '+14155552671']) {
        const response = await send(acct.sandboxKey, to);
        expect(response.status).toBe(422);
        const body = (await response.json()) as { error: string; context: { errors: Record<string, string[]> } };
        expect(body.error).toBe('validation_failed');
        expect(Object.keys(body.context.errors)).toEqual(['to']);
      }
      expect(await prisma.fax.count()).toBe(faxes);
    });
  });

  describe('documents', () => {
    it('accepts multipart uploads and counts TIFF pages', async () => {
      const form = new FormData();
      form.append('to', '+15005550001');
      form.append('metadata', JSON.stringify({ order: '42' }));
      form.append('file', new Blob([tiffDocument(4)]), 'scan.tiff');
      const response = await fetch(`${base}/v1/fax`, { method: 'POST', headers: { authorization: `Bearer ${acct.sandboxKey}` }, body: form });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({
        to: '+15005550001',
        pages: 1, // +15005550001 always bills one page
        metadata: { order: '42' },
        document: { content_type: 'image/tiff', size_bytes: tiffDocument(4).length },
      });
      const other = await send(acct.sandboxKey, '+15005550042', tiffDocument(4));
      expect(await other.json()).toMatchObject({ pages: 4, cost: 4, document: { content_type: 'image/tiff' } });
    });

    it('counts PDF pages and takes JPEG as one page', async () => {
      expect(await (await send(acct.sandboxKey, '+15005550042', await pdfDocument(5))).json()).toMatchObject({ pages: 5, cost: 5 });
      expect(await (await send(acct.sandboxKey, '+15005550042', jpegDocument())).json()).toMatchObject({
        pages: 1,
        document: { content_type: 'image/jpeg' },
      });
    });

    it.each([
      ['an empty file', Buffer.alloc(0), /empty|required/i],
      ['a text file', Buffer.from('hello, this is not a fax'), /PDF, TIFF or JPEG/],
      ['a damaged PDF', Buffer.concat([onePageHeader(), Buffer.from('garbage')]), /damaged/],
      ['a truncated JPEG', jpegDocument().subarray(0, 10), /truncated|damaged/],
    ])('refuses %s on `file` with a message a person understands', async (_name, bytes, message) => {
      const form = new FormData();
      form.append('to', '+15005550001');
      form.append('file', new Blob([bytes]), 'upload.bin');
      const response = await fetch(`${base}/v1/faxes`, { method: 'POST', headers: { authorization: `Bearer ${acct.sandboxKey}` }, body: form });
      expect(response.status).toBe(422);
      const body = (await response.json()) as { context: { errors: Record<string, string[]> } };
      expect(body.context.errors.file?.join(' ')).toMatch(message);
    });

    it('refuses a file over 10 MB without storing anything', async () => {
      const faxes = await prisma.fax.count();
      const big = Buffer.concat([await pdfDocument(1), Buffer.alloc(10 * 1024 * 1024)]);
      const form = new FormData();
      form.append('to', '+15005550001');
      form.append('file', new Blob([big]), 'big.pdf');
      const response = await fetch(`${base}/v1/faxes`, { method: 'POST', headers: { authorization: `Bearer ${acct.sandboxKey}` }, body: form });
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ error: 'validation_failed', context: { errors: { file: [expect.stringContaining('10 MB')] } } });
      expect(await prisma.fax.count()).toBe(faxes);
    });
  });

  describe('reading, resending and deleting', () => {
    it('serves the image, resends with a new hold, deletes only terminal faxes', async () => {
      const { id } = (await (await send(acct.sandboxKey, '+15005550001')).json()) as { id: string };
      const image = await get(acct.sandboxKey, `/v1/fax/${id}/image`);
      expect(image.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await image.arrayBuffer()).equals(onePage)).toBe(true);
      await settled(acct.sandboxKey, id);

      const resent = await fetch(`${base}/v1/faxes/${id}/resend`, { method: 'POST', headers: { authorization: `Bearer ${acct.sandboxKey}` } });
      expect(resent.status).toBe(201);
      const copy = (await resent.json()) as { id: string; resend_of: string; to: string };
      expect(copy).toMatchObject({ resend_of: id, to: '+15005550001' });
      expect(await prisma.hold.count({ where: { faxId: copy.id } })).toBe(1);

      const deleted = await fetch(`${base}/v1/faxes/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${acct.sandboxKey}` } });
      expect(deleted.status).toBe(204);
      expect((await get(acct.sandboxKey, `/v1/faxes/${id}`)).status).toBe(404);
      expect(await prisma.event.findFirst({ where: { faxId: id, type: 'fax.deleted' } })).not.toBeNull();
    });

    it('refuses to delete a fax that is not terminal', async () => {
      const fax = await prisma.$transaction((tx) =>
        tx.fax.create({
          data: {
            id: 'fax_stuckinflight', accountId: acct.accountId, environmentId: acct.sandboxEnvironmentId, environmentType: 'sandbox',
            to: '+15005550001', status: 'in_progress', pages: 1, cost: 1, maxAttempts: 3, contentType: 'application/pdf', sizeBytes: 1, sha256: 'x',
          },
        }),
      );
      const response = await fetch(`${base}/v1/faxes/${fax.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${acct.sandboxKey}` } });
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: 'fax_not_terminal', context: { status: 'in_progress' } });
    });

    it('lists newest first with cursors and a status filter', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) ids.push(((await (await send(acct.sandboxKey, '+15005550001')).json()) as { id: string }).id);
      const page = (await (await get(acct.sandboxKey, '/v1/faxes?limit=2')).json()) as { object: string; data: { id: string }[]; has_more: boolean };
      expect(page).toMatchObject({ object: 'list', has_more: true });
      expect(page.data.map((f) => f.id)).toEqual([ids[2], ids[1]]);
      const next = (await (await get(acct.sandboxKey, `/v1/faxes?limit=1&starting_after=${ids[1]}`)).json()) as { data: { id: string }[] };
      expect(next.data.map((f) => f.id)).toEqual([ids[0]]);
      const before = (await (await get(acct.sandboxKey, `/v1/faxes?limit=5&ending_before=${ids[0]}`)).json()) as { data: { id: string }[] };
      expect(before.data.map((f) => f.id)).toEqual([ids[2], ids[1]]);
      const failed = (await (await get(acct.sandboxKey, '/v1/faxes?status=failed&limit=100')).json()) as { data: { status: string }[] };
      expect(failed.data.every((f) => f.status === 'failed')).toBe(true);
      expect((await get(acct.sandboxKey, '/v1/faxes?status=lost')).status).toBe(422);
    });
  });

  describe('isolation', () => {
    it('answers 403 for another environment of the same type, 404 across the wall or account', async () => {
      const { id } = (await (await send(acct.sandboxKey, '+15005550001')).json()) as { id: string };
      const second = await createTestEnvironment(prisma, acct.accountId, { name: 'Second' });
      const stranger = await createTestAccount(prisma);
      expect((await get(second.key, `/v1/faxes/${id}`)).status).toBe(403);
      expect((await get(acct.liveKey, `/v1/faxes/${id}`)).status).toBe(404);
      expect((await get(stranger.sandboxKey, `/v1/faxes/${id}`)).status).toBe(404);
      expect((await get(stranger.sandboxKey, `/v1/faxes/${id}/image`)).status).toBe(404);
    });

    it('fails live faxes with carrier_not_configured and releases their hold', async () => {
      const response = await send(acct.liveKey, '+14155552671');
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as { id: string };
      expect(await settled(acct.liveKey, id)).toMatchObject({ status: 'failed', failure_code: 'carrier_not_configured', attempts: 1 });
      const pool = await prisma.pool.findUniqueOrThrow({ where: { accountId_type: { accountId: acct.accountId, type: 'live' } } });
      expect(pool.held).toBe(0n);
      expect(pool.balance).toBe(100n);
    });
  });

  describe('idempotency', () => {
    it('replays the same request and refuses the key for a different one', async () => {
      const headers = { 'idempotency-key': 'order-1' };
      const first = await send(acct.sandboxKey, '+15005550001', onePage, {}, headers);
      const again = await send(acct.sandboxKey, '+15005550001', onePage, {}, headers);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual(await first.json());
      const other = await send(acct.sandboxKey, '+15005550042', onePage, {}, headers);
      expect(other.status).toBe(409);
      expect(await other.json()).toMatchObject({ error: 'idempotency_key_reuse' });
    });

    it('creates one fax and one hold when the same key is fired 20 times at once', async () => {
      const before = await prisma.fax.count();
      const responses = await Promise.all(Array.from({ length: 20 }, () => send(acct.sandboxKey, '+15005550001', onePage, {}, { 'idempotency-key': 'burst' })));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      const ids = new Set<string>();
      for (const response of responses) if (response.status === 201) ids.add(((await response.json()) as { id: string }).id);
      expect(ids.size).toBe(1);
      expect(await prisma.fax.count()).toBe(before + 1);
      expect(await prisma.hold.count({ where: { faxId: [...ids][0] } })).toBe(1);
    });

    it('replays a request sent again through the other spelling of the route', async () => {
      const body = JSON.stringify({ to: '+15005550001', file: { content_base64: onePage.toString('base64'), filename: 'a.pdf' } });
      const headers = { authorization: `Bearer ${acct.sandboxKey}`, 'content-type': 'application/json', 'idempotency-key': 'alias' };
      const first = await fetch(`${base}/v1/faxes`, { method: 'POST', headers, body });
      const again = await fetch(`${base}/v1/fax`, { method: 'POST', headers, body });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    });

    it('replays an error the request earned, such as 402, with the same code', async () => {
      const first = await send(acct.sandboxKey, '+15005550006', onePage, {}, { 'idempotency-key': 'no-money' });
      expect(first.status).toBe(402);
      const again = await send(acct.sandboxKey, '+15005550006', onePage, {}, { 'idempotency-key': 'no-money' });
      expect(again.status).toBe(402);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toMatchObject({ error: 'insufficient_balance', context: { sandbox_simulation: true } });
    });

    it('never stores a new API key: a replay answers with it blanked', async () => {
      const create = () =>
        fetch(`${base}/v1/account/keys`, {
          method: 'POST',
          headers: { authorization: `Bearer ${acct.accountKey}`, 'content-type': 'application/json', 'idempotency-key': 'new-key' },
          body: JSON.stringify({ name: 'ci', scope_kind: 'test', environment_id: acct.sandboxEnvironmentId }),
        });
      const first = (await (await create()).json()) as { id: string; key: string | null };
      expect(first.key).toMatch(/^mfx_test_/);
      const again = await create();
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toMatchObject({ id: first.id, key: null });
      const stored = await prisma.idempotencyRecord.findMany({ where: { key: 'new-key' } });
      expect(JSON.stringify(stored.map((record) => record.responseBody))).not.toContain('mfx_');
    });

    it('answers with the fax its request made when the answer was never stored, once the lease ends, with no second hold', async () => {
      const first = await send(acct.sandboxKey, '+15005550001', onePage, {}, { 'idempotency-key': 'unstored' });
      const fax = (await first.json()) as { id: string };
      // As a gateway killed between the commit and storing the answer leaves it.
      await prisma.idempotencyRecord.updateMany({
        where: { key: 'unstored' },
        data: { status: 'in_progress', responseStatus: null, responseBody: Prisma.DbNull, leasedUntil: new Date(Date.now() + 60_000) },
      });
      const during = await send(acct.sandboxKey, '+15005550001', onePage, {}, { 'idempotency-key': 'unstored' });
      expect(during.status).toBe(409);
      expect(await during.json()).toMatchObject({ error: 'idempotency_key_in_progress' });
      expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);

      await prisma.idempotencyRecord.updateMany({ where: { key: 'unstored' }, data: { leasedUntil: new Date(Date.now() - 1) } });
      const after = await send(acct.sandboxKey, '+15005550001', onePage, {}, { 'idempotency-key': 'unstored' });
      expect(after.status).toBe(201);
      expect(after.headers.get('idempotent-replayed')).toBe('true');
      expect(((await after.json()) as { id: string }).id).toBe(fax.id);
      expect(await prisma.fax.count({ where: { idempotencyKey: 'unstored' } })).toBe(1);
      expect(await prisma.hold.count({ where: { faxId: fax.id } })).toBe(1);
      // From now on the answer is stored: a replay like any other.
      const stored = await send(acct.sandboxKey, '+15005550001', onePage, {}, { 'idempotency-key': 'unstored' });
      expect(stored.headers.get('idempotent-replayed')).toBe('true');
      expect(((await stored.json()) as { id: string }).id).toBe(fax.id);
    });

    it('runs the request again when a key was left in progress with no fax behind it, once the lease ends', async () => {
      const first = await send(acct.sandboxKey, '+15005550001', onePage, {}, { 'idempotency-key': 'died-early' });
      // The same request's record, as a gateway killed before the submission committed leaves it.
      const { requestHash } = await prisma.idempotencyRecord.findFirstOrThrow({ where: { key: 'died-early' } });
      await prisma.fax.update({ where: { id: ((await first.json()) as { id: string }).id }, data: { idempotencyKey: null } });
      await prisma.idempotencyRecord.updateMany({
        where: { key: 'died-early' },
        data: { status: 'in_progress', responseStatus: null, responseBody: Prisma.DbNull, leasedUntil: new Date(Date.now() - 1) },
      });
      const retry = await send(acct.sandboxKey, '+15005550001', onePage, {}, { 'idempotency-key': 'died-early' });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
      const created = (await retry.json()) as { id: string };
      expect(await prisma.fax.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ idempotencyKey: 'died-early' });
      expect(await prisma.idempotencyRecord.findFirstOrThrow({ where: { key: 'died-early' } })).toMatchObject({ requestHash, status: 'completed' });
    });

    it('lets a key go once its window is over: a fax older than 24 hours is not replayed', async () => {
      const first = (await (await send(acct.sandboxKey, '+15005550001', onePage, {}, { 'idempotency-key': 'yesterday' })).json()) as { id: string };
      await prisma.idempotencyRecord.deleteMany({ where: { key: 'yesterday' } });
      await prisma.$executeRaw`UPDATE faxes SET created_at = now() - interval '25 hours' WHERE id = ${first.id}`;
      const again = await send(acct.sandboxKey, '+15005550001', onePage, {}, { 'idempotency-key': 'yesterday' });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBeNull();
      expect(((await again.json()) as { id: string }).id).not.toBe(first.id);
    });

    it('does not store requests that fail validation', async () => {
      const bad = await send(acct.sandboxKey, 'not-a-number', onePage, {}, { 'idempotency-key': 'fix-me' });
      expect(bad.status).toBe(422);
      const good = await send(acct.sandboxKey, '+15005550001', onePage, {}, { 'idempotency-key': 'fix-me' });
      expect(good.status).toBe(201);
      expect(good.headers.get('idempotent-replayed')).toBeNull();
    });
  });

  it('never overdraws a small pool under 200 concurrent submissions', async () => {
    const small = await createTestAccount(prisma, { sandboxGrant: 50 });
    const responses = await Promise.all(Array.from({ length: 200 }, () => send(small.sandboxKey, '+15005550042')));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 402)).toHaveLength(150);
    const pool = await prisma.pool.findUniqueOrThrow({ where: { accountId_type: { accountId: small.accountId, type: 'sandbox' } } });
    expect(pool.balance - pool.held).toBeGreaterThanOrEqual(0n);
    const open = await prisma.hold.aggregate({ where: { poolId: pool.id, status: 'held' }, _sum: { amount: true } });
    expect(pool.held).toBe(open._sum.amount ?? 0n);
  });
});

function onePageHeader(): Buffer {
  return Buffer.from('%PDF-1.7\n');
}
