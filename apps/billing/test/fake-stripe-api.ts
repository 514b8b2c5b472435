import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The x-www-form-urlencoded body, one entry per parameter (`line_items[0][quantity]`: `1`). */
  form: Record<string, string>;
}

export interface FakeStripeApi {
  /** `http://127.0.0.1:<port>`: the STRIPE_API_BASE of the app under test. */
  url: string;
  requests: ReceivedRequest[];
  /** How to answer from now on; by default a created Checkout session `cs_test_fake_<n>`. */
  respondWith(answer: Answer): void;
  /** Forgets the requests and goes back to the default answer. */
  reset(): void;
  close(): Promise<void>;
}

type Answer = (request: ReceivedRequest, count: number) => { status: number; body: unknown };

const createdSession: Answer = (_request, count) => {
  const id = `cs_test_fake_${count}`;
  return { status: 200, body: { id, object: 'checkout.session', url: `https://checkout.stripe.test/c/pay/${id}` } };
};

/** A local HTTP server standing in for api.stripe.com, recording what the SDK sends. */
export async function startFakeStripeApi(): Promise<FakeStripeApi> {
  const requests: ReceivedRequest[] = [];
  let answer = createdSession;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
      };
      requests.push(received);
      const { status, body } = answer(received, requests.length);
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_fake' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith: (next) => {
      answer = next;
    },
    reset: () => {
      requests.length = 0;
      answer = createdSession;
    },
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
