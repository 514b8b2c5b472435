import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWebhook, RESPONSE_BODY_LIMIT_BYTES } from './webhook-post';

describe('postWebhook', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/slow') return; // never answers
      if (req.url === '/big') return void res.writeHead(500).end('x'.repeat(10 * RESPONSE_BODY_LIMIT_BYTES));
      if (req.url === '/redirect') return void res.writeHead(302, { location: 'http://127.0.0.1:1/' }).end();
      req.pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const open = { allowPrivate: true };

  it('POSTs the body with the given headers and keeps the answer', async () => {
    const response = await postWebhook(`${base}/echo`, '{"a":1}', { 'webhook-id': 'evt_1' }, open);
    expect(response).toMatchObject({ status: 200, body: '{"a":1}', error: null });
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('keeps only the first kilobyte of a long answer', async () => {
    const response = await postWebhook(`${base}/big`, '{}', {}, open);
    expect(response.status).toBe(500);
    expect(response.body).toHaveLength(RESPONSE_BODY_LIMIT_BYTES);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const response = await postWebhook(`${base}/slow`, '{}', {}, open, 200);
    expect(response).toMatchObject({ status: null, body: null, error: 'no answer within 0.2 s' });
  });

  it('does not follow redirects', async () => {
    expect(await postWebhook(`${base}/redirect`, '{}', {}, open)).toMatchObject({ status: 302 });
  });

  it('refuses internal targets under a closed policy, by address and by name, without sending', async () => {
    const closed = { allowPrivate: false };
    expect(await postWebhook(`${base}/echo`, '{}', {}, closed)).toMatchObject({ status: null, error: expect.stringMatching(/internal address 127\.0\.0\.1/) });
    const port = (server.address() as AddressInfo).port;
    expect(await postWebhook(`http://localhost:${port}/echo`, '{}', {}, closed)).toMatchObject({
      status: null,
      error: expect.stringMatching(/localhost resolves to the internal address/),
    });
  });

  it('reports an unreachable receiver as an error', async () => {
    expect(await postWebhook('http://127.0.0.1:1/', '{}', {}, open)).toMatchObject({ status: null, error: expect.stringMatching(/ECONNREFUSED/) });
  });
});
