import type { PrismaService } from '@mintfax/db';
import { createTestAccount, createTestEvent, createTestWebhookEndpoint, testPrisma, useTestInfrastructure, type TestAccount } from '@mintfax/testing';
import type { EventType } from './event-types';
import { relayOutbox } from './outbox-relay';
import { webhookJobId, type WebhookAttemptJob } from '@mintfax/queue';
import { FIRST_ATTEMPT_LEASE_MS, oweWebhookAttempt, releaseFirstAttempts } from './webhook-deliveries';

describe('relayOutbox', () => {
  const infra = useTestInfrastructure();
  let prisma: PrismaService;

  beforeAll(() => {
    prisma = testPrisma(infra().databaseUrl);
  });

  // Each test starts from an empty outbox, so it sees only its own events.
  beforeEach(() => prisma.$executeRaw`UPDATE events SET dispatched_at = now() WHERE dispatched_at IS NULL`);

  afterAll(() => prisma.$disconnect());

  const sandbox = (acct: TestAccount) => ({ accountId: acct.accountId, environmentId: acct.sandboxEnvironmentId });
  const endpoint = async (where: { accountId: string; environmentId: string }, data: { events?: string[]; enabled?: boolean } = {}) =>
    (await createTestWebhookEndpoint(prisma, where, undefined, data)).id;
  const event = (where: { accountId: string; environmentId: string }, type: EventType = 'fax.delivered') =>
    createTestEvent(prisma, where, type);
  /** One claim; `then` runs inside its transaction, after the claim, before the commit. */
  const relay = (limit?: number, then: (jobs: WebhookAttemptJob[]) => Promise<void> = async () => undefined) =>
    prisma.$transaction(async (tx) => {
      const result = await relayOutbox(tx, limit);
      await then(result.jobs);
      return result;
    });
  const owed = (eventIds: string[]) =>
    prisma.webhookDelivery.findMany({ where: { eventId: { in: eventIds } }, select: { eventId: true, endpointId: true, nextAttempt: true } });

  it('fans each event out, oldest first, to the enabled endpoints of its environment that subscribe to its type, records each delivery as owed, and marks the event dispatched', async () => {
    const acct = await createTestAccount(prisma);
    const stranger = await createTestAccount(prisma);
    const everything = await endpoint(sandbox(acct));
    const failures = await endpoint(sandbox(acct), { events: ['fax.failed'] });
    await endpoint(sandbox(acct), { enabled: false });
    await endpoint({ accountId: acct.accountId, environmentId: acct.liveEnvironmentId });
    await endpoint(sandbox(stranger));
    const queued = await event(sandbox(acct), 'fax.queued');
    const failed = await event(sandbox(acct), 'fax.failed');

    const { claimed, jobs } = await relay();
    expect(claimed).toBe(2);
    expect(jobs).toEqual([
      { eventId: queued, endpointId: everything, attempt: 1 },
      { eventId: failed, endpointId: everything, attempt: 1 },
      { eventId: failed, endpointId: failures, attempt: 1 },
    ]);
    expect(await owed([queued, failed])).toEqual(
      expect.arrayContaining(jobs.map(({ eventId, endpointId }) => ({ eventId, endpointId, nextAttempt: 1 }))),
    );
    expect(await owed([queued, failed])).toHaveLength(3);
    const rows = await prisma.event.findMany({ where: { id: { in: [queued, failed] } } });
    expect(rows.every((row) => row.dispatchedAt !== null)).toBe(true);
    expect((await relay()).claimed).toBe(0);
  });

  it('leases the first attempts to the claiming dispatcher: owed now, due only when the lease ends, unless released', async () => {
    const acct = await createTestAccount(prisma);
    const endpointId = await endpoint(sandbox(acct));
    const [first, second, retried] = [await event(sandbox(acct)), await event(sandbox(acct)), await event(sandbox(acct))];
    const claimedAt = Date.now();
    const { jobs } = await relay();
    const due = async (eventId: string) => (await prisma.webhookDelivery.findUniqueOrThrow({ where: { eventId_endpointId: { eventId, endpointId } } })).dueAt.getTime();
    for (const { eventId } of jobs) expect(await due(eventId)).toBeGreaterThan(claimedAt + FIRST_ATTEMPT_LEASE_MS - 5_000);

    // A retry owed meanwhile is not a first attempt: releasing leaves its time alone.
    const retryAt = new Date(Date.now() + 3_600_000);
    await oweWebhookAttempt(prisma, { eventId: retried, endpointId, attempt: 2 }, retryAt);
    await releaseFirstAttempts(prisma, jobs.filter(({ eventId }) => eventId !== second));
    expect(await due(first)).toBeLessThanOrEqual(Date.now());
    expect(await due(second)).toBeGreaterThan(claimedAt + FIRST_ATTEMPT_LEASE_MS - 5_000);
    expect(await due(retried)).toBe(retryAt.getTime());
  });

  it('leaves the events undispatched and nothing owed when the claim rolls back, and claims the same deliveries again', async () => {
    const acct = await createTestAccount(prisma);
    await endpoint(sandbox(acct));
    const id = await event(sandbox(acct));

    const first: string[] = [];
    await expect(
      relay(undefined, async (jobs) => {
        first.push(...jobs.map(webhookJobId));
        throw new Error('dispatcher died before commit');
      }),
    ).rejects.toThrow('dispatcher died before commit');
    expect((await prisma.event.findUniqueOrThrow({ where: { id } })).dispatchedAt).toBeNull();
    expect(await owed([id])).toEqual([]);

    const second = await relay();
    expect(second.claimed).toBe(1);
    expect(second.jobs.map(webhookJobId)).toEqual(first);
    expect(first).toHaveLength(1);
    expect(await owed([id])).toHaveLength(1);
  });

  it('lets concurrent claims share the outbox: rows one holds are skipped by the other', async () => {
    const acct = await createTestAccount(prisma);
    await endpoint(sandbox(acct));
    const ids = [];
    for (let i = 0; i < 4; i += 1) ids.push(await event(sandbox(acct)));

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const holding = new Promise<void>((resolve) => (entered = resolve));
    const a: string[] = [];
    const b: string[] = [];
    const slow = relay(2, async (jobs) => {
      a.push(...jobs.map((job) => job.eventId));
      entered();
      await held;
    });
    await holding;
    b.push(...(await relay(10)).jobs.map((job) => job.eventId));
    release();
    await slow;

    expect(a).toEqual(ids.slice(0, 2));
    expect(b).toEqual(ids.slice(2));
  });
});
