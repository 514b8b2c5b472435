import { gatewayConfigSpec, loadConfig } from '@mintfax/config';
import { Prisma, type PrismaService } from '@mintfax/db';
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import {
  createTestAccount,
  createTestEnvironment,
  jpegDocument,
  pdfDecompressionBomb,
  pdfDocument,
  pdfPageText,
  pdfWithManyObjects,
  pngDocument,
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

  /** Each page's [width, height] in points, rounded to the hundredth. */
  async function pageSizes(pdf: Buffer): Promise<number[][]> {
    const document = await PDFDocument.load(pdf);
    return document.getPages().map((page) => [page.getWidth(), page.getHeight()].map((n) => Math.round(n * 100) / 100));
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

    it('shows the attempts log of a retried fax, first attempt first, as the worker wrote it', async () => {
      const { id } = (await (await send(acct.sandboxKey, '+15005550004')).json()) as { id: string };
      const fax = await settled(acct.sandboxKey, id);
      const rows = await prisma.faxAttempt.findMany({ where: { faxId: id }, orderBy: { number: 'asc' } });
      expect(rows).toHaveLength(2);
      expect(fax.attempts_log).toEqual(
        rows.map((row) => ({
          number: row.number,
          outcome: row.outcome,
          failure_code: row.failureCode,
          failure_message: row.failureMessage,
          pages_sent: row.pagesSent,
          started_at: row.startedAt.toISOString(),
          ended_at: row.endedAt?.toISOString() ?? null,
        })),
      );
      expect(fax.attempts_log).toMatchObject([{ number: 1, outcome: 'failed' }, { number: 2, outcome: 'delivered' }]);
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
    it('turns a multipart TIFF into a fax-ready Letter PDF, describing the upload as its source', async () => {
      const tiff = tiffDocument(4, { width: 1728, height: 2200 });
      const form = new FormData();
      form.append('to', '+15005550042');
      form.append('metadata', JSON.stringify({ order: '42' }));
      form.append('file', new Blob([tiff]), 'scan.tiff');
      const response = await fetch(`${base}/v1/fax`, { method: 'POST', headers: { authorization: `Bearer ${acct.sandboxKey}` }, body: form });
      expect(response.status).toBe(201);
      const fax = (await response.json()) as { id: string; document: { sha256: string; size_bytes: number } };
      expect(fax).toMatchObject({
        pages: 4,
        cost: 4,
        metadata: { order: '42' },
        page_size: 'letter',
        document: {
          content_type: 'application/pdf',
          source: { content_type: 'image/tiff', size_bytes: tiff.length, sha256: createHash('sha256').update(tiff).digest('hex'), filename: 'scan.tiff' },
        },
      });
      const image = await get(acct.sandboxKey, `/v1/faxes/${fax.id}/image`);
      expect(image.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await image.arrayBuffer());
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(fax.document.sha256);
      expect(await pageSizes(pdf)).toEqual(Array(4).fill([612, 792]));
    });

    it('bills the fax-ready page count of each input type, on the page size asked for', async () => {
      const cases: [Buffer, number][] = [
        [await pdfDocument(5), 5],
        [jpegDocument(), 1],
        [pngDocument(40, 20), 1],
        [tiffDocument(3), 3],
      ];
      for (const [bytes, pages] of cases) {
        const fax = (await (await send(acct.sandboxKey, '+15005550042', bytes, { page_size: 'a4' })).json()) as { id: string };
        expect(fax).toMatchObject({ pages, cost: pages, page_size: 'a4', document: { content_type: 'application/pdf' } });
        const pdf = Buffer.from(await (await get(acct.sandboxKey, `/v1/faxes/${fax.id}/image`)).arrayBuffer());
        expect(await pageSizes(pdf)).toEqual(Array(pages).fill([595.28, 841.89]));
      }
    });

    it.each([
      ['an empty file', Buffer.alloc(0), /empty|required/i],
      ['a text file', Buffer.from('hello, this is not a fax'), /PDF, TIFF, JPEG or PNG/],
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

    it('refuses a decompression bomb and a PDF of 200,000 objects on `file`, answering /healthz meanwhile', async () => {
      const before = await prisma.fax.count();
      const health: number[] = [];
      let uploading = true;
      const probe = (async () => {
        while (uploading) {
          health.push((await fetch(`${base}/healthz`)).status);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      const [bomb, crowded] = await Promise.all([
        send(acct.sandboxKey, '+15005550042', pdfDecompressionBomb()),
        send(acct.sandboxKey, '+15005550042', pdfWithManyObjects()),
      ]);
      uploading = false;
      await probe;
      const fileErrors = async (response: Response) => ((await response.json()) as { context: { errors: { file: string[] } } }).context.errors.file.join(' ');
      expect(bomb.status).toBe(422);
      expect(await fileErrors(bomb)).toMatch(/too large when decompressed/);
      expect(crowded.status).toBe(422);
      expect(await fileErrors(crowded)).toMatch(/too complex/);
      expect(health.length).toBeGreaterThan(0);
      expect(health.every((status) => status === 200)).toBe(true);
      expect(await prisma.fax.count()).toBe(before);
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
      const { id, document } = (await (await send(acct.sandboxKey, '+15005550001')).json()) as { id: string; document: { sha256: string } };
      const image = await get(acct.sandboxKey, `/v1/fax/${id}/image`);
      expect(image.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await image.arrayBuffer());
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(document.sha256);
      expect(await pageSizes(pdf)).toEqual([[612, 792]]);
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
            sourceContentType: 'application/pdf', sourceSizeBytes: 1, sourceSha256: 'x',
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

  describe('send options and cover pages', () => {
    const image = async (id: string) => Buffer.from(await (await get(acct.sandboxKey, `/v1/faxes/${id}/image`)).arrayBuffer());
    const cover = { template: 'standard', recipient_name: 'Dr. Roe', subject: 'Lab results 4711', message: 'Please call back.' };

    it('stores, echoes and lists by the options; a cover page is page one and billed like any page', async () => {
      const response = await send(acct.sandboxKey, '+15005550042', await pdfDocument(2), {
        csid: 'ACME CLINIC',
        resolution: 'standard',
        tags: ['lab', 'urgent'],
        cover_page: cover,
      });
      expect(response.status).toBe(201);
      const fax = (await response.json()) as { id: string };
      expect(fax).toMatchObject({ pages: 3, cost: 3, csid: 'ACME CLINIC', resolution: 'standard', page_size: 'letter', tags: ['lab', 'urgent'], cover_page: cover });
      const first = await pdfPageText(await image(fax.id), 0);
      expect(first).toContain('Dr. Roe');
      expect(first).toContain('Lab results 4711');
      expect(first).toMatch(/3 \(including this cover page\)/);

      const tagged = (await (await get(acct.sandboxKey, '/v1/faxes?tag=urgent&limit=100')).json()) as { data: { id: string; tags: string[] }[] };
      expect(tagged.data.map((item) => item.id)).toContain(fax.id);
      expect(tagged.data.every((item) => item.tags.includes('urgent'))).toBe(true);
      const untagged = (await (await get(acct.sandboxKey, '/v1/faxes?tag=nobody-uses-this&limit=100')).json()) as { data: unknown[] };
      expect(untagged.data).toEqual([]);
    });

    it('leaves the private fields off a hipaa cover page, which prints the confidentiality notice', async () => {
      const hipaa = { ...cover, template: 'hipaa' };
      const fax = (await (await send(acct.sandboxKey, '+15005550042', onePage, { cover_page: hipaa })).json()) as { id: string };
      expect(fax).toMatchObject({ pages: 2, cost: 2, cover_page: hipaa });
      const first = await pdfPageText(await image(fax.id), 0);
      expect(first).toContain('CONFIDENTIAL');
      for (const secret of ['Dr. Roe', 'Lab results 4711', 'Please call back.']) expect(first).not.toContain(secret);
    });

    it('keeps the magic numbers that fix a billed page count, cover page or not', async () => {
      const one = await send(acct.sandboxKey, '+15005550001', await pdfDocument(4), { cover_page: cover });
      expect(await one.json()).toMatchObject({ pages: 1, cost: 1 });
      const three = await send(acct.sandboxKey, '+15005550007', onePage, { cover_page: cover });
      expect(await three.json()).toMatchObject({ pages: 3, cost: 3 });
    });

    it('takes tags as a repeated multipart field or one JSON array string, and a cover template with its texts as fields', async () => {
      const form = (tags: string[]) => {
        const body = new FormData();
        body.append('to', '+15005550042');
        for (const tag of tags) body.append('tags', tag);
        body.append('cover_page', 'standard');
        body.append('subject', 'Invoice 12');
        body.append('file', new Blob([onePage]), 'a.pdf');
        return fetch(`${base}/v1/faxes`, { method: 'POST', headers: { authorization: `Bearer ${acct.sandboxKey}` }, body });
      };
      expect(await (await form(['a', 'b'])).json()).toMatchObject({ tags: ['a', 'b'], cover_page: { template: 'standard', subject: 'Invoice 12' }, pages: 2 });
      expect(await (await form(['["c","d"]'])).json()).toMatchObject({ tags: ['c', 'd'] });
    });

    it('refuses bad options with a 422 naming each field, and writes nothing', async () => {
      const before = await prisma.fax.count();
      const response = await send(acct.sandboxKey, '+15005550042', onePage, {
        csid: 'Ünïcode station id that is far too long',
        page_size: 'legal',
        resolution: 'ultra',
        tags: Array.from({ length: 11 }, (_, i) => `t${i}`),
        cover_page: { template: 'fancy', subject: 'x'.repeat(201), colour: 'red' },
      });
      expect(response.status).toBe(422);
      const { context } = (await response.json()) as { context: { errors: Record<string, string[]> } };
      expect(Object.keys(context.errors).sort()).toEqual(['cover_page.colour', 'cover_page.subject', 'cover_page.template', 'csid', 'page_size', 'resolution', 'tags']);
      const orphan = await send(acct.sandboxKey, '+15005550042', onePage, { subject: 'no cover to print it on' });
      expect(orphan.status).toBe(422);
      expect(((await orphan.json()) as { context: { errors: Record<string, string[]> } }).context.errors).toHaveProperty('subject');
      expect(await prisma.fax.count()).toBe(before);
    });

    it('keeps every option on resend, with one fresh cover page in place of the old', async () => {
      const original = (await (await send(acct.sandboxKey, '+15005550042', await pdfDocument(2), { cover_page: cover, tags: ['keep'], csid: 'KEEP', page_size: 'a4' })).json()) as {
        id: string;
      };
      const copy = (await (await fetch(`${base}/v1/faxes/${original.id}/resend`, { method: 'POST', headers: { authorization: `Bearer ${acct.sandboxKey}` } })).json()) as {
        id: string;
      };
      expect(copy).toMatchObject({ resend_of: original.id, pages: 3, cost: 3, cover_page: cover, tags: ['keep'], csid: 'KEEP', page_size: 'a4' });
      const pdf = await image(copy.id);
      expect(await pageSizes(pdf)).toEqual(Array(3).fill([595.28, 841.89]));
      expect(await pdfPageText(pdf, 1)).not.toContain('Lab results 4711');
    });

    it("uses the environment's page size, cover page and sender when a fax names none", async () => {
      const staging = await createTestEnvironment(prisma, acct.accountId, { name: 'Cover defaults' });
      const patched = await fetch(`${base}/v1/account/environments/${staging.environmentId}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${acct.accountKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ page_size: 'a4', cover_page: 'standard', sender: { name: 'Jane Roe', company: 'Acme Clinic', fax: '+15005550123' } }),
      });
      expect(patched.status).toBe(200);
      expect(await patched.json()).toMatchObject({ page_size: 'a4', cover_page: 'standard', sender: { name: 'Jane Roe', company: 'Acme Clinic', fax: '+15005550123' } });
      const fax = (await (await send(staging.key, '+15005550042', onePage)).json()) as { id: string };
      expect(fax).toMatchObject({ page_size: 'a4', pages: 2, cover_page: { template: 'standard', subject: null } });
      const pdf = Buffer.from(await (await get(staging.key, `/v1/faxes/${fax.id}/image`)).arrayBuffer());
      expect(await pdfPageText(pdf, 0)).toContain('Acme Clinic');
      const refused = await fetch(`${base}/v1/account/environments/${staging.environmentId}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${acct.accountKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ page_size: 'legal', sender: { fax: '555' } }),
      });
      expect(refused.status).toBe(422);
      expect(Object.keys(((await refused.json()) as { context: { errors: object } }).context.errors).sort()).toEqual(['page_size', 'sender.fax']);
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
