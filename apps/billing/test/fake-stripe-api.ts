import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliver, stripeEvent } from './stripe-test-events';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The x-www-form-urlencoded body, one entry per parameter (`line_items[0][quantity]`: `1`). */
  form: Record<string, string>;
}

export interface FakePaymentIntent {
  id: string;
  object: 'payment_intent';
  status: string;
  amount: number;
  currency: string;
  customer: string | null;
  payment_method: string | null;
  metadata: Record<string, string>;
  last_payment_error: { code: string; decline_code?: string; message: string } | null;
}

export interface FakeStripeApi {
  /** `http://127.0.0.1:<port>`: the STRIPE_API_BASE of the app under test. */
  url: string;
  requests: ReceivedRequest[];
  /** The PaymentIntents created (off-session charges), oldest first; a replayed idempotency key adds none. */
  paymentIntents: FakePaymentIntent[];
  /** How to answer from now on; by default Stripe's behaviour for Checkout sessions and PaymentIntents (see below). */
  respondWith(answer: Answer): void;
  /**
   * Like Stripe, sends `payment_intent.succeeded` / `payment_intent.payment_failed` for each
   * PaymentIntent it creates to `url`, signed with `secret`; `copies` deliveries of each event at once.
   */
  sendEventsTo(webhook: { url: string; secret: string; copies?: number }): void;
  /** Once every event delivery started so far is answered: billing's answers (`{ received, outcome }`), in the order sent. */
  deliveriesSettled(): Promise<string[]>;
  /** The card the PaymentIntent of a Checkout payment was made with (TEST_CARDS.succeeds unless set). */
  setCheckoutCard(paymentIntentId: string, card: string): void;
  /** Forgets the requests, PaymentIntents and webhook, and goes back to the default answer. */
  reset(): void;
  close(): Promise<void>;
}

type Answer = (request: ReceivedRequest, count: number) => { status: number; body: unknown };

/** Stripe's test cards, as saved PaymentMethods, and what an off-session charge of each does. */
export const TEST_CARDS = {
  succeeds: 'pm_card_visa',
  declined: 'pm_card_chargeDeclined',
  /** Stripe refuses an off-session charge the bank wants authenticated (`authentication_required`). */
  authenticationRequired: 'pm_card_authenticationRequired',
  /** Answered with a PaymentIntent left `requires_action` rather than an error. */
  requiresAction: 'pm_fake_requiresAction',
} as const;

const randomId = (prefix: string) => `${prefix}_fake_${randomBytes(8).toString('hex')}`;

const createdSession: Answer = (_request, count) => {
  const id = `cs_test_fake_${count}`;
  return { status: 200, body: { id, object: 'checkout.session', url: `https://checkout.stripe.test/c/pay/${id}` } };
};

/** A local HTTP server standing in for api.stripe.com, recording what the SDK sends. */
export async function startFakeStripeApi(): Promise<FakeStripeApi> {
  const requests: ReceivedRequest[] = [];
  const paymentIntents: FakePaymentIntent[] = [];
  const byIdempotencyKey = new Map<string, { status: number; body: unknown }>();
  const deliveries: Promise<string>[] = [];
  const checkoutCards = new Map<string, string>();
  let webhook: { url: string; secret: string; copies: number } | undefined;

  const sendEvent = (type: string, intent: FakePaymentIntent) => {
    if (!webhook) return;
    const { url, secret, copies } = webhook;
    const event = stripeEvent(type, { ...intent });
    for (let i = 0; i < copies; i += 1) deliveries.push(deliver(url, event.body, { secret }).then((response) => response.text()));
  };

  /** An off-session, confirmed PaymentIntent for a saved card, as Stripe answers it. */
  const createPaymentIntent = (request: ReceivedRequest): { status: number; body: unknown } => {
    const key = String(request.headers['idempotency-key'] ?? '');
    const replay = key && byIdempotencyKey.get(key);
    if (replay) return replay;
    const { form } = request;
    const metadata = Object.fromEntries(
      Object.entries(form)
        .filter(([name]) => name.startsWith('metadata['))
        .map(([name, value]) => [name.slice('metadata['.length, -1), value]),
    );
    const card = form.payment_method ?? null;
    const intent: FakePaymentIntent = {
      id: randomId('pi'),
      object: 'payment_intent',
      status: 'succeeded',
      amount: Number(form.amount),
      currency: form.currency,
      customer: form.customer ?? null,
      payment_method: card,
      metadata,
      last_payment_error: null,
    };
    let answer: { status: number; body: unknown } = { status: 200, body: { ...intent } };
    const refuse = (code: string, message: string, declineCode?: string) => {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = { code, ...(declineCode && { decline_code: declineCode }), message };
      const error = { type: 'card_error', code, ...(declineCode && { decline_code: declineCode }), message, payment_intent: { ...intent } };
      answer = { status: 402, body: { error } };
    };
    if (card === TEST_CARDS.declined) refuse('card_declined', 'Your card was declined.', 'generic_decline');
    if (card === TEST_CARDS.authenticationRequired) refuse('authentication_required', 'Your card was declined. This transaction requires authentication.');
    if (card === TEST_CARDS.requiresAction) {
      intent.status = 'requires_action';
      answer = { status: 200, body: { ...intent } };
    }
    paymentIntents.push(intent);
    if (key) byIdempotencyKey.set(key, answer);
    if (intent.status === 'succeeded') sendEvent('payment_intent.succeeded', intent);
    if (intent.status === 'requires_payment_method') sendEvent('payment_intent.payment_failed', intent);
    return answer;
  };

  /** A PaymentIntent it made, or the one a Checkout payment made with the test card that succeeds. */
  const retrievePaymentIntent = (id: string): { status: number; body: unknown } => {
    const made = paymentIntents.find((intent) => intent.id === id);
    const card = checkoutCards.get(id) ?? TEST_CARDS.succeeds;
    return { status: 200, body: made ?? { id, object: 'payment_intent', status: 'succeeded', customer: null, payment_method: card } };
  };

  /** Stripe cancels a PaymentIntent that has not succeeded, once. */
  const cancelPaymentIntent = (id: string): { status: number; body: unknown } => {
    const intent = paymentIntents.find((candidate) => candidate.id === id);
    if (!intent) return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such payment_intent: '${id}'` } } };
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      const message = `This PaymentIntent's status is ${intent.status}; it cannot be canceled.`;
      return { status: 400, body: { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message } } };
    }
    intent.status = 'canceled';
    return { status: 200, body: intent };
  };

  const stripeBehaviour: Answer = (request, count) => {
    if (request.method === 'POST' && request.path === '/v1/payment_intents') return createPaymentIntent(request);
    const cancel = request.method === 'POST' && /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(request.path);
    if (cancel) return cancelPaymentIntent(cancel[1]);
    const retrieve = request.method === 'GET' && /^\/v1\/payment_intents\/([^/?]+)/.exec(request.path);
    if (retrieve) return retrievePaymentIntent(retrieve[1]);
    return createdSession(request, count);
  };

  let answer = stripeBehaviour;
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
    paymentIntents,
    respondWith: (next) => {
      answer = next;
    },
    sendEventsTo: ({ url, secret, copies = 1 }) => {
      webhook = { url, secret, copies };
    },
    deliveriesSettled: () => Promise.all(deliveries),
    setCheckoutCard: (paymentIntentId, card) => {
      checkoutCards.set(paymentIntentId, card);
    },
    reset: () => {
      requests.length = 0;
      paymentIntents.length = 0;
      byIdempotencyKey.clear();
      checkoutCards.clear();
      deliveries.length = 0;
      webhook = undefined;
      answer = stripeBehaviour;
    },
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
