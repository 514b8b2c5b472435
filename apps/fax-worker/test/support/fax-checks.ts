import type { EnvironmentType, PrismaService } from '@mintfax/db';
import { FAX_DISPATCH_JOB_NAME, FAX_DISPATCH_JOB_OPTIONS, faxDispatchJobId } from '@mintfax/queue';
import { waitFor } from '@mintfax/testing';
import type { Queue } from 'bullmq';

/** What the gateway adds for a committed fax: its first attempt's job, with the production job options. */
export async function enqueueFirstAttempt(queue: Queue, faxId: string): Promise<void> {
  await queue.add(FAX_DISPATCH_JOB_NAME, { faxId }, { jobId: faxDispatchJobId(faxId, 0), ...FAX_DISPATCH_JOB_OPTIONS });
}

export async function waitUntilTerminal(prisma: PrismaService, faxIds: string[], timeoutMs: number): Promise<void> {
  await waitFor(
    'every fax terminal',
    async () => ((await prisma.fax.count({ where: { id: { in: faxIds }, status: { in: ['delivered', 'failed'] } } })) === faxIds.length ? true : undefined),
    timeoutMs,
  );
}

/** Every hold settled exactly once, and the account's pool of `type` agrees with its ledger. */
export async function expectMoneySettled(prisma: PrismaService, accountId: string, faxIds: string[], type: EnvironmentType = 'sandbox'): Promise<void> {
  const holds = await prisma.hold.findMany({ where: { faxId: { in: faxIds } } });
  expect(holds).toHaveLength(faxIds.length);
  expect(holds.every((hold) => hold.status !== 'held')).toBe(true);
  for (const hold of holds) {
    const settlements = await prisma.ledgerEntry.count({ where: { holdId: hold.id, type: { in: ['capture', 'release'] } } });
    expect(settlements).toBe(1);
  }
  const pool = await prisma.pool.findUniqueOrThrow({ where: { accountId_type: { accountId, type } } });
  const ledger = await prisma.ledgerEntry.aggregate({ where: { poolId: pool.id }, _sum: { amount: true } });
  expect(pool.balance).toBe(ledger._sum.amount);
  const open = await prisma.hold.aggregate({ where: { poolId: pool.id, status: 'held' }, _sum: { amount: true } });
  expect(pool.held).toBe(open._sum.amount ?? 0n);
}

/**
 * Each terminal fax logged its attempts 1…n in order, none missing or twice, every one ended,
 * each but the last failed and the last ending as the fax did, within `max_attempts`; and it
 * announced its end once.
 */
export async function expectAttemptsInOrder(prisma: PrismaService, faxIds: string[]): Promise<void> {
  for (const id of faxIds) {
    const fax = await prisma.fax.findUniqueOrThrow({ where: { id }, include: { attemptsLog: { orderBy: { number: 'asc' } } } });
    const attempts = fax.attemptsLog;
    expect(attempts.map((attempt) => attempt.number)).toEqual(Array.from({ length: fax.attempts }, (_, i) => i + 1));
    expect(fax.attempts).toBeLessThanOrEqual(fax.maxAttempts);
    expect(attempts.every((attempt) => attempt.endedAt !== null)).toBe(true);
    for (let i = 1; i < attempts.length; i += 1) expect(attempts[i].startedAt >= attempts[i - 1].endedAt!).toBe(true);
    expect(attempts.slice(0, -1).every((attempt) => attempt.outcome === 'failed')).toBe(true);
    expect(attempts.at(-1)?.outcome).toBe(fax.status);
    expect(await prisma.event.count({ where: { faxId: id, type: { in: ['fax.delivered', 'fax.failed'] } } })).toBe(1);
  }
}
