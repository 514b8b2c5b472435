import type { PrismaService } from '@mintfax/db';
import { createTestAccount, useTestPrisma } from '@mintfax/testing';
import { randomUUID } from 'node:crypto';
import { runHousekeeping } from './housekeeping';

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
const DAY = 24 * HOUR;
const WINDOW_DAYS = 7;

describe('housekeeping', () => {
  const db = useTestPrisma();
  let prisma: PrismaService;

  beforeAll(() => {
    prisma = db();
  });

  it('deletes exactly what is past its window, in batches, and nothing newer', async () => {
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const account = await createTestAccount(prisma);
    const owner = { accountId: account.accountId, environmentId: account.sandboxEnvironmentId };
    const endpoint = await prisma.webhookEndpoint.create({
      data: { id: `we_${randomUUID()}`, ...owner, url: 'https://example.test/hook', events: ['*'], secret: 'whsec_test' },
    });
    // Five of each past the window (the batch is 2, so a run takes several), and rows just inside it.
    const stale = [1, 2, 3, 4, 5].map((n) => n * SECOND);
    const fresh = [-1 * SECOND, 0];

    const idempotency = (createdAt: Date) =>
      prisma.idempotencyRecord.create({ data: { scope: owner.environmentId, key: randomUUID(), requestHash: 'h', createdAt } });
    const code = (expiresAt: Date) =>
      prisma.verificationCode.create({ data: { email: `${randomUUID()}@example.test`, name: 'n', codeHash: 'h', expiresAt, createdAt: ago(HOUR) } });
    const event = (createdAt: Date) =>
      prisma.event.create({ data: { id: `evt_${randomUUID()}`, ...owner, type: 'fax.queued', data: {}, createdAt } });
    const session = (lastSeenAt: Date) =>
      prisma.dashboardSession.create({
        data: { id: `ses_${randomUUID()}`, userId: account.userId, accountId: account.accountId, tokenHash: randomUUID(), lastSeenAt },
      });
    const attempt = (createdAt: Date) =>
      prisma.webhookAttempt.create({ data: { id: `wa_${randomUUID()}`, endpointId: endpoint.id, eventId: `evt_${randomUUID()}`, attemptNumber: 1, status: 'succeeded', createdAt } });

    for (const extra of stale) {
      await idempotency(ago(DAY + extra));
      await code(ago(HOUR + extra));
      await session(ago(DAY + extra));
      await event(ago(WINDOW_DAYS * DAY + extra));
      await attempt(ago(WINDOW_DAYS * DAY + extra));
    }
    const kept = {
      idempotency: await Promise.all(fresh.map((extra) => idempotency(ago(DAY + extra)))),
      // Expired, but within the hour's margin; and one still valid.
      codes: await Promise.all([...fresh.map((extra) => code(ago(HOUR + extra))), code(new Date(now.getTime() + 10 * 60 * SECOND))]),
      // Idle for just under a day (long over, kept a while for the logs); and one in use.
      sessions: await Promise.all([...fresh.map((extra) => session(ago(DAY + extra))), session(now)]),
      events: await Promise.all(fresh.map((extra) => event(ago(WINDOW_DAYS * DAY + extra)))),
      attempts: await Promise.all(fresh.map((extra) => attempt(ago(WINDOW_DAYS * DAY + extra)))),
    };
    const ids = <T extends { id: unknown }>(rows: T[]) => rows.map((row) => row.id).sort();

    const counts = await runHousekeeping(prisma, now, WINDOW_DAYS, 2);

    expect(counts).toEqual({ idempotency_records: 5, verification_codes: 5, dashboard_sessions: 5, webhook_attempts: 5, events: 5 });
    expect(ids(await prisma.idempotencyRecord.findMany())).toEqual(ids(kept.idempotency));
    expect(ids(await prisma.verificationCode.findMany())).toEqual(ids(kept.codes));
    expect(ids(await prisma.dashboardSession.findMany())).toEqual(ids(kept.sessions));
    expect(ids(await prisma.webhookAttempt.findMany())).toEqual(ids(kept.attempts));
    expect(ids(await prisma.event.findMany({ where: { createdAt: { lt: ago(DAY) } } }))).toEqual(ids(kept.events));
  });

  it('skips a row another run is deleting instead of waiting for it', async () => {
    const now = new Date();
    const old = () => prisma.idempotencyRecord.create({ data: { scope: 'env_x', key: randomUUID(), requestHash: 'h', createdAt: new Date(now.getTime() - 2 * DAY) } });
    const [held, free] = [await old(), await old()];

    const find = (id: bigint) => prisma.idempotencyRecord.findUnique({ where: { id } });

    await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM idempotency_records WHERE id = ${held.id} FOR UPDATE`;
      await runHousekeeping(prisma, now, WINDOW_DAYS);
      expect(await find(free.id)).toBeNull();
      expect(await find(held.id)).not.toBeNull();
    });

    await runHousekeeping(prisma, now, WINDOW_DAYS);
    expect(await find(held.id)).toBeNull();
  });
});
