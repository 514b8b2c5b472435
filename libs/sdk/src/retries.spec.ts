import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiServerError, ConflictError, ConnectionError, InvalidRequestError, RateLimitError } from './errors';
import { Mintfax } from './mintfax';
import type { ClientOptions } from './transport';

interface Answer {
  /** `silent`: read the request and never answer. */
  status: number | 'silent';
  body?: unknown;
  headers?: Record<string, string>;
}

const envelope = (error: string, action = 'wait_and_retry') => ({ error, message: `${error} happened`, action, docs: `http://docs/errors/${error}`, request_id: 'req_1' });
const FAX = { id: 'fax_1', object: 'fax', status: 'queued' };

// The retry policy against a scripted HTTP server: what is retried, with which key, and what is not.
describe('retries', () => {
  let server: Server;
  let script: Answer[];
  let received: IncomingHttpHeaders[];
  let bodies: string[];

  beforeAll(async () => {
    server = createServer((request, response) => {
      received.push(request.headers);
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
      request.on('end', () => {
        bodies.push(body);
        const answer = script.shift() ?? { status: 500, body: envelope('internal_server_error') };
        if (answer.status === 'silent') return;
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? FAX));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  beforeEach(() => {
    received = [];
    bodies = [];
  });

  afterAll(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });

  /** A client whose own backoff is a minute: a test that finishes did not wait for it. */
  const client = (options: ClientOptions = {}) =>
    new Mintfax('mfx_test_x', { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, retryDelayMs: { base: 60_000, max: 60_000 }, ...options });
  const send = (mintfax = client()) => mintfax.faxes.send({ to: '+15005550001', file: new Uint8Array([37, 80, 68, 70]) });

  it('retries 429 after its Retry-After, and 5xx, with the same Idempotency-Key on every attempt', async () => {
    script = [
      { status: 429, body: envelope('rate_limit_exceeded'), headers: { 'retry-after': '0' } },
      { status: 503, body: envelope('internal_server_error'), headers: { 'retry-after': '0' } },
      { status: 201 },
    ];
    await expect(send()).resolves.toEqual(FAX);
    const keys = received.map((headers) => headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives each submission a key of its own, and none to reads', async () => {
    script = [{ status: 201 }, { status: 201 }, { status: 200 }];
    await send();
    await send();
    await client().faxes.get('fax_1');
    const [first, second, read] = received.map((headers) => headers['idempotency-key']);
    expect(first).not.toBe(second);
    expect(read).toBeUndefined();
  });

  it('retries while the first request with the key is still running, then gets its answer', async () => {
    script = [{ status: 409, body: envelope('idempotency_key_in_progress'), headers: { 'retry-after': '0' } }, { status: 201 }];
    await expect(send()).resolves.toEqual(FAX);
    expect(received).toHaveLength(2);
  });

  it('abandons an attempt that gets no answer in time and sends it again, same key, body whole', async () => {
    script = [{ status: 'silent' }, { status: 'silent' }];
    const error = await send(client({ maxRetries: 1, timeout: 200, retryDelayMs: { base: 1, max: 1 } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'connection_failed', status: null });
    expect(received).toHaveLength(2);
    expect(received[1]['idempotency-key']).toBe(received[0]['idempotency-key']);
    expect(bodies[1]).toBe(bodies[0]);
    expect(bodies[0]).toContain('%PDF');
  });

  it('does not retry what a retry cannot fix', async () => {
    script = [{ status: 422, body: envelope('validation_failed', 'fix_request') }];
    await expect(send()).rejects.toBeInstanceOf(InvalidRequestError);
    script = [{ status: 409, body: envelope('idempotency_key_reuse', 'use_new_idempotency_key') }];
    await expect(send()).rejects.toBeInstanceOf(ConflictError);
    expect(received).toHaveLength(2);
  });

  it('stops after maxRetries with the last error, its Retry-After included', async () => {
    script = Array.from({ length: 3 }, () => ({ status: 429, body: envelope('rate_limit_exceeded'), headers: { 'retry-after': '0' } }));
    const error = await send(client({ maxRetries: 2 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'rate_limit_exceeded', status: 429, retryAfter: 0, requestId: 'req_1' });
    expect(received).toHaveLength(3);
  });

  it('reports an answer that is not the API envelope as unexpected, by its status class', async () => {
    script = [{ status: 502, body: '<html>Bad Gateway</html>' }];
    const error = await send(client({ maxRetries: 0 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiServerError);
    expect(error).toMatchObject({ code: 'unexpected_response', status: 502, action: 'retry_or_contact_support' });
  });
});
