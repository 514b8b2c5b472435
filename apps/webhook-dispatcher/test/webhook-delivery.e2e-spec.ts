import type { INestApplication } from '@nestjs/common';
import { loadConfig, webhookDispatcherConfigSpec } from '@mintfax/config';
import type { PrismaService } from '@mintfax/db';
import { bullOptions, QUEUES, webhookJobId } from '@mintfax/queue';
import {
  createTestAccount,
  createTestEvent,
  createTestWebhookEndpoint,
  serviceEnv,
  testPrisma,
  useTestInfrastructure,
  type TestAccount,
} from '@mintfax/testing';
import { Queue } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { bootstrap } from '../src/main';
import { eventually, Receiver } from './support/receiver';

describe('webhook dispatcher', () => {
  const infra = useTestInfrastructure();
  let prisma: PrismaService;
  let receiver: Receiver;
  let queue: Queue;

  const startDispatcher = (env: Record<string, string> = {}): Promise<INestApplication> =>
    bootstrap(
      loadConfig(webhookDispatcherConfigSpec, {
        ...serviceEnv(infra()),
        WORKER_HTTP_PORT: '0',
        // 5 s, 5 min, … 10 h become 0 ms, 3 ms, … 360 ms: the whole schedule in about a second.
        WEBHOOK_RETRY_SCALE: '0.00001',
        ...env,
      }),
    );

  const sandboxOf = (acct: TestAccount) => ({ accountId: acct.accountId, environmentId: acct.sandboxEnvironmentId });
  const attemptsOf = (endpointId: string, eventId: string) =>
    prisma.webhookAttempt.findMany({ where: { endpointId, eventId }, orderBy: { attemptNumber: 'asc' } });

  beforeAll(async () => {
    prisma = testPrisma(infra().databaseUrl);
    receiver = await Receiver.start();
    const { prefix, connection } = bullOptions(infra().redisUrl, infra().redisPrefix);
    queue = new Queue(QUEUES.webhookDelivery, { prefix, connection });
  });

  afterAll(async () => {
    await queue.close();
    await receiver.close();
    await prisma.$disconnect();
  });

  describe('while running', () => {
    let dispatcher: INestApplication;

    beforeAll(async () => {
      dispatcher = await startDispatcher();
    });

    afterAll(() => dispatcher.close());

    it('posts the event JSON signed per Standard Webhooks, verifiable with the endpoint secret', async () => {
      const acct = await createTestAccount(prisma);
      const endpoint = await createTestWebhookEndpoint(prisma, sandboxOf(acct), receiver.on('/signed', () => 204));
      const eventId = await createTestEvent(prisma, sandboxOf(acct));

      const [delivery] = await eventually('the delivery', () => (receiver.at('/signed').length > 0 ? receiver.at('/signed') : undefined));
      expect(delivery.headers['webhook-id']).toBe(eventId);
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(new Webhook(endpoint.secret).verify(delivery.body, delivery.headers)).toEqual({
        id: eventId,
        object: 'event',
        type: 'fax.delivered',
        created_at: expect.stringMatching(/Z$/),
        environment_id: acct.sandboxEnvironmentId,
        data: { object: expect.objectContaining({ object: 'fax' }) },
      });
      expect(() => new Webhook(Buffer.alloc(32, 7).toString('base64')).verify(delivery.body, delivery.headers)).toThrow();
      const attempts = await eventually('the attempt to complete', async () => {
        const rows = await attemptsOf(endpoint.id, eventId);
        return rows[0]?.status === 'succeeded' ? rows : undefined;
      });
      expect(attempts).toEqual([expect.objectContaining({ attemptNumber: 1, responseStatus: 204, nextRetryAt: null, error: null })]);
    });

    it('retries an endpoint that answered 500, delivers on the next attempt and logs both', async () => {
      const acct = await createTestAccount(prisma);
      const endpoint = await createTestWebhookEndpoint(prisma, sandboxOf(acct), receiver.on('/flaky', (n) => (n === 1 ? 500 : 200)));
      const eventId = await createTestEvent(prisma, sandboxOf(acct));

      const attempts = await eventually('two attempts', async () => {
        const rows = await attemptsOf(endpoint.id, eventId);
        return rows.length === 2 && rows[1].status === 'succeeded' ? rows : undefined;
      });
      expect(attempts[0]).toMatchObject({
        attemptNumber: 1,
        status: 'failed',
        responseStatus: 500,
        responseBody: 'answered 500',
        error: 'HTTP 500',
        nextRetryAt: expect.any(Date),
      });
      expect(attempts[0].durationMs).toEqual(expect.any(Number));
      expect(attempts[1]).toMatchObject({ attemptNumber: 2, status: 'succeeded', responseStatus: 200, responseBody: 'ok', nextRetryAt: null });
      expect(receiver.at('/flaky').map((delivery) => delivery.headers['webhook-id'])).toEqual([eventId, eventId]);
    });

    it('gives up after the eighth failed attempt and marks it failed', async () => {
      const acct = await createTestAccount(prisma);
      const endpoint = await createTestWebhookEndpoint(prisma, sandboxOf(acct), receiver.on('/down', () => 503));
      const eventId = await createTestEvent(prisma, sandboxOf(acct));

      const attempts = await eventually('eight finished attempts', async () => {
        const rows = await attemptsOf(endpoint.id, eventId);
        return rows.length === 8 && rows[7].status !== 'pending' ? rows : undefined;
      });
      expect(attempts.map((row) => [row.attemptNumber, row.status, row.responseStatus])).toEqual(
        [1, 2, 3, 4, 5, 6, 7, 8].map((n) => [n, 'failed', 503]),
      );
      expect(attempts.slice(0, 7).every((row) => row.nextRetryAt !== null)).toBe(true);
      expect(attempts[7].nextRetryAt).toBeNull();
      expect(await queue.getJob(webhookJobId({ eventId, endpointId: endpoint.id, attempt: 9 }))).toBeUndefined();
    });

    it('sends nothing to a disabled endpoint', async () => {
      const acct = await createTestAccount(prisma);
      const disabled = await createTestWebhookEndpoint(prisma, sandboxOf(acct), receiver.on('/disabled', () => 200), { enabled: false });
      await createTestWebhookEndpoint(prisma, sandboxOf(acct), receiver.on('/enabled-sibling', () => 200));
      const eventId = await createTestEvent(prisma, sandboxOf(acct));

      // Both endpoints' jobs would come from the same claim, so once the sibling has it the fan-out is over.
      await eventually('the enabled sibling', () => (receiver.at('/enabled-sibling').length > 0 ? true : undefined));
      expect(await queue.getJob(webhookJobId({ eventId, endpointId: disabled.id, attempt: 1 }))).toBeUndefined();
      expect(await attemptsOf(disabled.id, eventId)).toEqual([]);
      expect(receiver.at('/disabled')).toEqual([]);
    });

    it("never sends an environment's events to another environment's endpoints", async () => {
      const acct = await createTestAccount(prisma);
      const stranger = await createTestAccount(prisma);
      const live = await createTestWebhookEndpoint(prisma, { accountId: acct.accountId, environmentId: acct.liveEnvironmentId }, receiver.on('/live', () => 200));
      const foreign = await createTestWebhookEndpoint(prisma, sandboxOf(stranger), receiver.on('/foreign', () => 200));
      await createTestWebhookEndpoint(prisma, sandboxOf(acct), receiver.on('/own', () => 200));
      const eventId = await createTestEvent(prisma, sandboxOf(acct));

      await eventually('the own endpoint', () => (receiver.at('/own').length > 0 ? true : undefined));
      for (const other of [live, foreign]) {
        expect(await queue.getJob(webhookJobId({ eventId, endpointId: other.id, attempt: 1 }))).toBeUndefined();
      }
      expect(receiver.at('/live')).toEqual([]);
      expect(receiver.at('/foreign')).toEqual([]);
    });

    it('sends only the event types an endpoint subscribed to', async () => {
      const acct = await createTestAccount(prisma);
      await createTestWebhookEndpoint(prisma, sandboxOf(acct), receiver.on('/failures', () => 200), { events: ['fax.failed'] });
      await createTestEvent(prisma, sandboxOf(acct), 'fax.queued');
      const failed = await createTestEvent(prisma, sandboxOf(acct), 'fax.failed');

      await eventually('the fax.failed event', () => (receiver.at('/failures').length > 0 ? true : undefined));
      // Claimed in outbox order: fax.queued was fanned out (to nobody) no later than fax.failed.
      expect(receiver.at('/failures').map((delivery) => delivery.headers['webhook-id'])).toEqual([failed]);
    });

    it('signs with both secrets during a rotation, each signature verifying with its own secret', async () => {
      const acct = await createTestAccount(prisma);
      const previous = await createTestWebhookEndpoint(prisma, sandboxOf(acct), 'http://127.0.0.1:1/unused', { enabled: false });
      const endpoint = await createTestWebhookEndpoint(prisma, sandboxOf(acct), receiver.on('/rotating', () => 200), {
        previousSecret: previous.secret,
        previousSecretExpiresAt: new Date(Date.now() + 3_600_000),
      });
      await createTestEvent(prisma, sandboxOf(acct));

      const [delivery] = await eventually('the delivery', () => (receiver.at('/rotating').length > 0 ? receiver.at('/rotating') : undefined));
      const signatures = delivery.headers['webhook-signature'].split(' ');
      expect(signatures).toHaveLength(2);
      const [current, old] = signatures;
      expect(() => new Webhook(endpoint.secret).verify(delivery.body, { ...delivery.headers, 'webhook-signature': current })).not.toThrow();
      expect(() => new Webhook(previous.secret).verify(delivery.body, { ...delivery.headers, 'webhook-signature': old })).not.toThrow();
      expect(() => new Webhook(endpoint.secret).verify(delivery.body, { ...delivery.headers, 'webhook-signature': old })).toThrow();
    });

    it('signs with the new secret alone once the previous one has expired', async () => {
      const acct = await createTestAccount(prisma);
      const endpoint = await createTestWebhookEndpoint(prisma, sandboxOf(acct), receiver.on('/rotated', () => 200), {
        previousSecret: Buffer.alloc(32, 1).toString('base64'),
        previousSecretExpiresAt: new Date(Date.now() - 1_000),
      });
      await createTestEvent(prisma, sandboxOf(acct));

      const [delivery] = await eventually('the delivery', () => (receiver.at('/rotated').length > 0 ? receiver.at('/rotated') : undefined));
      expect(delivery.headers['webhook-signature'].split(' ')).toHaveLength(1);
      expect(() => new Webhook(endpoint.secret).verify(delivery.body, delivery.headers)).not.toThrow();
    });
  });

  it('loses nothing when stopped mid-delivery: the next dispatcher delivers every event', async () => {
    const acct = await createTestAccount(prisma);
    const endpoint = await createTestWebhookEndpoint(
      prisma,
      sandboxOf(acct),
      receiver.on('/restart', (n) => (n === 1 ? 'hold' : 200)),
    );
    // One delivery at a time, so the events after the held one are still waiting in the queue.
    const first = await startDispatcher({ WEBHOOK_CONCURRENCY: '1' });
    const before = [];
    for (let i = 0; i < 3; i += 1) before.push(await createTestEvent(prisma, sandboxOf(acct)));
    await eventually('a request held by the receiver', () => (receiver.held.length > 0 ? true : undefined));

    const stopping = first.close();
    // The receiver goes away mid-request while the dispatcher shuts down.
    receiver.held.splice(0).forEach(({ res }) => res.destroy());
    await stopping;
    const during = [await createTestEvent(prisma, sandboxOf(acct)), await createTestEvent(prisma, sandboxOf(acct))];

    const second = await startDispatcher();
    try {
      const all = [...before, ...during];
      const delivered = await eventually('every event at the endpoint', async () => {
        const rows = await prisma.webhookAttempt.findMany({ where: { endpointId: endpoint.id, status: 'succeeded' } });
        const ids = new Set(rows.map((row) => row.eventId));
        return all.every((id) => ids.has(id)) ? ids : undefined;
      });
      expect([...delivered].sort()).toEqual([...all].sort());
      const cut = await attemptsOf(endpoint.id, receiver.at('/restart')[0].headers['webhook-id']);
      expect(cut.map((row) => [row.attemptNumber, row.status])).toEqual([
        [1, 'failed'],
        [2, 'succeeded'],
      ]);
    } finally {
      await second.close();
    }
  });

  it('counts the outbox not yet claimed and the first attempts under way in the webhook-delivery depth on /metrics', async () => {
    const acct = await createTestAccount(prisma);
    await createTestWebhookEndpoint(prisma, sandboxOf(acct), receiver.on('/depth', () => 'hold'));
    const dispatcher = await startDispatcher({ WEBHOOK_CONCURRENCY: '1' });
    try {
      const depth = async () => {
        const text = await (await fetch(`${await dispatcher.getUrl()}/metrics`)).text();
        const jobs = (state: string) => Number(new RegExp(`mintfax_queue_jobs\\{[^}]*queue="webhook-delivery"[^}]*state="${state}"[^}]*\\} (\\d+)`).exec(text)?.[1]);
        return { waiting: jobs('waiting'), active: jobs('active') };
      };
      const before = await depth();
      for (let i = 0; i < 6; i += 1) await createTestEvent(prisma, sandboxOf(acct));
      await eventually('a delivery held by the receiver', () => (receiver.held.length > 0 ? true : undefined));

      // One attempt is being made and three are claimed behind it (four times WEBHOOK_CONCURRENCY); two events wait in the outbox.
      expect(
        await eventually('the depth', async () => {
          const now = await depth();
          return now.active === before.active + 4 ? now : undefined;
        }),
      ).toEqual({ waiting: before.waiting + 2, active: before.active + 4 });
    } finally {
      await eventually('every request answered', () => {
        receiver.held.splice(0).forEach(({ res }) => res.writeHead(200).end('ok'));
        return receiver.at('/depth').length === 6 ? true : undefined;
      });
      await dispatcher.close();
    }
  });
});
