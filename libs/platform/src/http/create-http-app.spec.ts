import {
  ApiError,
  ERROR_CATALOG,
  ERROR_CODES,
  ErrorDocsModule,
  errorDocsSlug,
  type ErrorEnvelope,
} from '@mintfax/errors';
import { Body, Controller, Get, Module, Post, Req, type RawBodyRequest } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import { IsBase64, IsString, ValidateNested } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createHttpApp } from './create-http-app';

const REQUEST_ID = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;
const DOCS_BASE_URL = 'http://docs.test/docs';

class FileDto {
  @IsBase64()
  content_base64!: string;

  @IsString()
  filename!: string;
}

class CreateThingDto {
  @IsString()
  to!: string;

  @ValidateNested()
  @Type(() => FileDto)
  file!: FileDto;
}

@Controller()
class ProbeController {
  @Post('things')
  create(@Body() body: CreateThingDto): { to: string; isDto: boolean } {
    return { to: body.to, isDto: body instanceof CreateThingDto };
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret database password in /srv/internal.ts');
  }

  @Get('limited')
  limited(): never {
    throw new ApiError('rate_limit_exceeded', { limit: 25 }, { headers: { 'Retry-After': '3' } });
  }

  @Get('healthz')
  health(): { ok: true } {
    return { ok: true };
  }

  @Post('raw')
  raw(@Req() request: RawBodyRequest<FastifyRequest>): { rawLength: number | undefined } {
    return { rawLength: request.rawBody?.length };
  }
}

@Module({ imports: [ErrorDocsModule], controllers: [ProbeController] })
class ProbeModule {}

interface LogLine {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

async function startApp(options: { bodyLimitBytes?: number; rawBody?: boolean } = {}) {
  const logs: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const app = await createHttpApp(ProbeModule, { docsBaseUrl: DOCS_BASE_URL, logger, ...options });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, logs, url: (path: string) => `http://127.0.0.1:${port}${path}` };
}

interface Envelope extends Omit<ErrorEnvelope, 'context'> {
  context?: { errors?: Record<string, string[]>; [key: string]: unknown };
}

async function readEnvelope(response: Response): Promise<Envelope> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as Envelope;
  expect(body.request_id).toMatch(REQUEST_ID);
  expect(body.request_id).toBe(response.headers.get('x-request-id'));
  expect(body.docs).toBe(`${DOCS_BASE_URL}/errors/${errorDocsSlug(body.error)}`);
  return body;
}

const postJson = (body: string, contentType = 'application/json') => ({
  method: 'POST',
  headers: { 'content-type': contentType },
  body,
});

describe('createHttpApp', () => {
  let app: NestFastifyApplication;
  let logs: LogLine[];
  let url: (path: string) => string;

  beforeAll(async () => {
    ({ app, logs, url } = await startApp());
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers an unknown route with a 404 not_found envelope carrying the X-Request-Id', async () => {
    const response = await fetch(url('/v1/nope'));
    expect(response.status).toBe(404);
    const body = await readEnvelope(response);
    expect(body).toMatchObject({ error: 'not_found', action: 'verify_id', message: 'No route matches GET /v1/nope.' });
  });

  it('answers a malformed URL with a 400 invalid_request envelope', async () => {
    const response = await fetch(url('/v1/faxes/%zz'));
    expect(response.status).toBe(400);
    expect((await readEnvelope(response)).error).toBe('invalid_request');
  });

  it('sets a fresh X-Request-Id on successful responses and ignores one sent by the client', async () => {
    const response = await fetch(url('/healthz'), { headers: { 'x-request-id': 'req_spoofed' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(REQUEST_ID);
  });

  it('answers malformed JSON with 400 invalid_request', async () => {
    const response = await fetch(url('/things'), postJson('{"to": '));
    expect(response.status).toBe(400);
    const body = await readEnvelope(response);
    expect(body).toMatchObject({ error: 'invalid_request', action: 'fix_request' });
    expect(body.message).toMatch(/not valid JSON/);
  });

  it('answers an empty JSON body with 400 invalid_request', async () => {
    const response = await fetch(url('/things'), postJson(''));
    expect(response.status).toBe(400);
    expect((await readEnvelope(response)).error).toBe('invalid_request');
  });

  it.each(['text/plain', 'application/xml'])('answers a %s body with 400 invalid_request naming the type', async (type) => {
    const response = await fetch(url('/things'), postJson('to=x', type));
    expect(response.status).toBe(400);
    const body = await readEnvelope(response);
    expect(body.error).toBe('invalid_request');
    expect(body.message).toContain(type);
  });

  it('answers DTO validation failures with 422 and the messages of each field, nested ones dotted', async () => {
    const response = await fetch(url('/things'), postJson(JSON.stringify({ file: { content_base64: '%%%' }, extra: 1 })));
    expect(response.status).toBe(422);
    const body = await readEnvelope(response);
    expect(body.error).toBe('validation_failed');
    expect(Object.keys(body.context?.errors ?? {}).sort()).toEqual(['extra', 'file.content_base64', 'file.filename', 'to']);
    expect(body.context?.errors?.['file.content_base64']).toEqual([expect.stringMatching(/base64/)]);
  });

  it('hands a valid body to the handler as the DTO class', async () => {
    const dto = { to: '+15005550001', file: { content_base64: 'aGk=', filename: 'a.pdf' } };
    const response = await fetch(url('/things'), postJson(JSON.stringify(dto)));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ to: '+15005550001', isDto: true });
  });

  it('answers a thrown plain Error with 500 and no internal detail, and logs it with its stack', async () => {
    const response = await fetch(url('/boom'));
    expect(response.status).toBe(500);
    const text = await response.clone().text();
    expect(text).not.toMatch(/secret|internal\.ts|stack|at /);
    const body = await readEnvelope(response);
    expect(body).toMatchObject({ error: 'internal_server_error', action: 'retry_or_contact_support' });
    expect(body).not.toHaveProperty('context');
    const logged = logs.find((line) => line.level === 50 && line.request_id === body.request_id);
    expect(logged?.err).toMatchObject({ message: expect.stringMatching(/secret/), stack: expect.stringMatching(/boom/) });
  });

  it('answers an ApiError with its status, context and headers', async () => {
    const response = await fetch(url('/limited'));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    const body = await readEnvelope(response);
    expect(body).toMatchObject({ error: 'rate_limit_exceeded', action: 'wait_and_retry', context: { limit: 25 } });
  });

  it('logs each finished request as one line, but not health probes', async () => {
    const response = await fetch(url('/v1/logged?x=1'));
    const requestId = response.headers.get('x-request-id');
    await fetch(url('/healthz'));
    const line = logs.find((l) => l.msg === 'request completed' && l.request_id === requestId);
    expect(line).toMatchObject({ level: 30, method: 'GET', url: '/v1/logged?x=1', status: 404 });
    expect(line?.duration_ms).toEqual(expect.any(Number));
    expect(logs.some((l) => l.msg === 'request completed' && l.url === '/healthz')).toBe(false);
  });

  it.each(ERROR_CODES)('serves an HTML docs page for %s', async (code) => {
    const response = await fetch(url(`/docs/errors/${errorDocsSlug(code)}`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain(code);
    expect(html).toContain(String(ERROR_CATALOG[code].status));
    expect(html).toContain(ERROR_CATALOG[code].action);
  });

  it('serves an index of every error', async () => {
    const response = await fetch(url('/docs/errors'));
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const code of ERROR_CODES) expect(html).toContain(`/docs/errors/${errorDocsSlug(code)}`);
  });

  it('answers an unknown docs slug with a 404 not_found envelope', async () => {
    const response = await fetch(url('/docs/errors/no-such-error'));
    expect(response.status).toBe(404);
    expect(await readEnvelope(response)).toMatchObject({ error: 'not_found', context: { slug: 'no-such-error' } });
  });
});

describe('createHttpApp with a body limit and raw bodies', () => {
  let app: NestFastifyApplication;
  let url: (path: string) => string;

  beforeAll(async () => {
    ({ app, url } = await startApp({ bodyLimitBytes: 64, rawBody: true }));
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers a body over the limit with 400 invalid_request naming the limit', async () => {
    const response = await fetch(url('/raw'), postJson(JSON.stringify({ padding: 'x'.repeat(100) })));
    expect(response.status).toBe(400);
    const body = await readEnvelope(response);
    expect(body.error).toBe('invalid_request');
    expect(body.message).toContain('64 bytes');
  });

  it('keeps the raw body when asked', async () => {
    const response = await fetch(url('/raw'), postJson('{"a": 1}'));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ rawLength: 8 });
  });
});
