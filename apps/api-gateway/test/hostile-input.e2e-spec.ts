import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PrismaService } from '@mintfax/db';
import { createTestAccount, pdfDocument, serviceEnv, testPrisma, useTestInfrastructure, type TestAccount } from '@mintfax/testing';
import { startGateway, type Gateway } from './support/gateway';
import { httpRequest, rawHttp } from './support/raw-http';

interface Envelope {
  error: string;
  message: string;
  request_id: string;
  context?: { errors?: Record<string, string[]> };
}

// Input no honest client sends: each gets its documented 4xx envelope and writes nothing.
describe('hostile input', () => {
  const infra = useTestInfrastructure();
  let gateway: Gateway;
  let app: NestFastifyApplication;
  let prisma: PrismaService;
  let acct: TestAccount;
  let pdf: Buffer;

  beforeAll(async () => {
    gateway = await startGateway(serviceEnv(infra()));
    app = gateway.app;
    prisma = testPrisma(infra().databaseUrl);
    acct = await createTestAccount(prisma);
    pdf = await pdfDocument(1);
  });

  afterAll(async () => {
    await app?.close();
    await prisma?.$disconnect();
  });

  const raw = (path: string, body: string | Buffer, contentType: string, key = acct.sandboxKey) =>
    fetch(`${gateway.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': contentType }, body });

  async function expectError(response: Response, status: number, error: string, field?: string): Promise<Envelope> {
    const body = (await response.json()) as Envelope;
    expect({ status: response.status, error: body.error }).toEqual({ status, error });
    expect(body.request_id).toMatch(/^req_/);
    if (field) expect(Object.keys(body.context?.errors ?? {})).toContain(field);
    return body;
  }

  const fax = (extra: Record<string, unknown>) => ({ to: '+15005550001', file: { content_base64: pdf.toString('base64'), filename: 'doc.pdf' }, ...extra });

  it.each([
    ['a NUL in a metadata value', () => ({ metadata: { ref: 'a\u0000b' } }), 'metadata.ref'],
    ['a lone surrogate in a metadata value', () => ({ metadata: { ref: 'a\ud800b' } }), 'metadata.ref'],
    ['a NUL in a metadata key', () => ({ metadata: { 'a\u0000': 'b' } }), 'metadata'],
    ['a NUL in the filename', () => ({ file: { content_base64: pdf.toString('base64'), filename: 'a\u0000.pdf' } }), 'file.filename'],
  ])('refuses %s with 422 naming the field, and sends no fax', async (_, extra, field) => {
    const before = await prisma.fax.count({ where: { environmentId: acct.sandboxEnvironmentId } });
    await expectError(await gateway.call('POST', '/v1/faxes', { key: acct.sandboxKey, body: fax(extra()) }), 422, 'validation_failed', field);
    expect(await prisma.fax.count({ where: { environmentId: acct.sandboxEnvironmentId } })).toBe(before);
  });

  it.each([
    ['url', { url: 'https://example.com/\u0000', events: ['*'] }],
    ['description', { url: 'https://example.com/hook', events: ['*'], description: 'x\ud800' }],
  ])('refuses a webhook whose %s holds characters no text can', async (field, body) => {
    await expectError(await gateway.call('POST', '/v1/webhooks', { key: acct.sandboxKey, body }), 422, 'validation_failed', field);
    expect(await prisma.webhookEndpoint.count({ where: { environmentId: acct.sandboxEnvironmentId } })).toBe(0);
  });

  it('refuses an environment name with a NUL', async () => {
    const body = { name: 'Prod\u0000', type: 'sandbox' };
    await expectError(await gateway.call('POST', '/v1/account/environments', { key: acct.accountKey, body }), 422, 'validation_failed', 'name');
  });

  it.each(['/v1/faxes/%00', '/v1/events/%00', '/v1/webhooks/%00', '/v1/webhooks/we_%0A/attempts', '/v1/faxes/' + 'x'.repeat(80)])(
    'answers 404 for the id that cannot exist in %s',
    async (path) => {
      await expectError(await gateway.call('GET', path, { key: acct.sandboxKey }), 404, 'not_found');
    },
  );

  it('answers a path that is not UTF-8 as invalid_request', async () => {
    await expectError(await gateway.call('GET', '/v1/faxes/fax_%ED%A0%80', { key: acct.sandboxKey }), 400, 'invalid_request');
  });

  it.each(['/v1/faxes?starting_after=%00', '/v1/events?ending_before=%00', '/v1/webhooks?starting_after=we_%00'])(
    'answers 422 for a cursor that cannot exist in %s',
    async (path) => {
      const field = path.includes('ending_before') ? 'ending_before' : 'starting_after';
      await expectError(await gateway.call('GET', path, { key: acct.sandboxKey }), 422, 'validation_failed', field);
    },
  );

  it('refuses multipart without a boundary as invalid_request', async () => {
    await expectError(await raw('/v1/faxes', 'to=+15005550001', 'multipart/form-data'), 400, 'invalid_request');
  });

  it('refuses multipart with no parts as invalid_request', async () => {
    await expectError(await raw('/v1/faxes', '--xyz--\r\n', 'multipart/form-data; boundary=xyz'), 400, 'invalid_request');
  });

  it('refuses multipart cut short as invalid_request', async () => {
    const body = Buffer.concat([
      Buffer.from('--xyz\r\nContent-Disposition: form-data; name="to"\r\n\r\n+15005550001\r\n'),
      Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n'),
      pdf.subarray(0, 100),
    ]);
    await expectError(await raw('/v1/faxes', body, 'multipart/form-data; boundary=xyz'), 400, 'invalid_request');
    expect(await prisma.fax.count({ where: { environmentId: acct.sandboxEnvironmentId, to: '+15005550001', filename: 'a.pdf' } })).toBe(0);
  });

  it('refuses multipart on a route that takes JSON, and creates nothing', async () => {
    const body = '--xyz\r\ncontent-disposition: form-data; name="url"\r\n\r\nhttps://example.com/hook\r\n--xyz--\r\n';
    // Only fax submission reads multipart: elsewhere the body is unread, so no field arrived.
    await expectError(await raw('/v1/webhooks', body, 'multipart/form-data; boundary=xyz'), 422, 'validation_failed', 'url');
    expect(await prisma.webhookEndpoint.count({ where: { environmentId: acct.sandboxEnvironmentId } })).toBe(0);
  });

  it('refuses JSON nested thousands deep as invalid_request', async () => {
    const deep = '{"to":"+15005550001","metadata":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}';
    await expectError(await raw('/v1/faxes', deep, 'application/json'), 400, 'invalid_request');
    const deepArray = '[' .repeat(100_000) + ']'.repeat(100_000);
    await expectError(await raw('/v1/webhooks', deepArray, 'application/json'), 400, 'invalid_request');
  });

  describe('refused by the HTTP parser before any route', () => {
    async function expectParserRefusal(request: string, status: number, error: string) {
      const response = await rawHttp(gateway.base, request);
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const body = JSON.parse(response.body) as Envelope & { action: string; docs: string };
      expect(body).toMatchObject({ error, action: 'fix_request', docs: expect.stringContaining(`/errors/${error.replace(/_/g, '-')}`) });
      expect(body.message).toEqual(expect.any(String));
      expect(body.request_id).toMatch(/^req_[0-9A-Z]{26}$/);
      expect(response.headers['x-request-id']).toBe(body.request_id);
    }

    it('answers headers over 16 KB with 431 request_headers_too_large in the envelope', async () => {
      const request = httpRequest('GET', '/v1/environment', { authorization: `Bearer ${acct.sandboxKey}`, 'x-padding': 'a'.repeat(20_000) });
      await expectParserRefusal(request, 431, 'request_headers_too_large');
    });

    it.each([
      ['a request line that is not HTTP', 'HELLO WORLD\r\n\r\n'],
      ['a header line without a colon', 'GET /v1/environment HTTP/1.1\r\nhost: localhost\r\nno colon here\r\n\r\n'],
      ['a Content-Length that is not a number', 'POST /v1/faxes HTTP/1.1\r\nhost: localhost\r\ncontent-length: ten\r\n\r\n'],
    ])('answers %s with 400 invalid_request in the envelope', async (_, request) => {
      await expectParserRefusal(request, 400, 'invalid_request');
    });
  });
});
