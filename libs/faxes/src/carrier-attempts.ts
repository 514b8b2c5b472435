import type { Fax, FaxAttempt, Prisma } from '@mintfax/db';

type Db = Prisma.TransactionClient;

/** The attempt a fax mid-attempt is on. */
export function openAttempt(db: Db, fax: Pick<Fax, 'id' | 'attempts'>): Promise<FaxAttempt | null> {
  return db.faxAttempt.findFirst({ where: { faxId: fax.id, number: fax.attempts, endedAt: null } });
}

/**
 * Stores on attempt `number` of the fax the id its carrier gave the fax, once: true when the
 * attempt now holds this id (a callback that came first may have stored it), false when the
 * attempt ended without it.
 */
export async function recordCarrierFaxId(db: Db, faxId: string, number: number, carrierFaxId: string): Promise<boolean> {
  const { count } = await db.faxAttempt.updateMany({ where: { faxId, number, endedAt: null, carrierFaxId: null }, data: { carrierFaxId } });
  if (count === 1) return true;
  return (await db.faxAttempt.count({ where: { faxId, number, carrierFaxId } })) === 1;
}

/** An open attempt a carrier took: its fax is left to the carrier's reports, not to job recovery. */
export const HANDED_TO_CARRIER = { endedAt: null, carrierFaxId: { not: null } } satisfies Prisma.FaxAttemptWhereInput;

/**
 * Faxes a carrier took that have not moved, nor been polled, since before `quietBefore`, oldest
 * first, each with its open attempt: the sweep asks the carrier where they stand.
 */
export async function faxesAwaitingCarrier(db: Db, quietBefore: Date, limit: number): Promise<{ fax: Fax; attempt: FaxAttempt & { carrierFaxId: string } }[]> {
  const faxes = await db.fax.findMany({
    where: {
      status: { in: ['submitted', 'in_progress'] },
      updatedAt: { lt: quietBefore },
      attemptsLog: { some: { ...HANDED_TO_CARRIER, OR: [{ carrierPolledAt: null }, { carrierPolledAt: { lt: quietBefore } }] } },
    },
    include: { attemptsLog: { where: HANDED_TO_CARRIER } },
    orderBy: { updatedAt: 'asc' },
    take: limit,
  });
  return faxes.flatMap(({ attemptsLog: [attempt], ...fax }) => (attempt?.carrierFaxId ? [{ fax, attempt: { ...attempt, carrierFaxId: attempt.carrierFaxId } }] : []));
}

export async function markPolled(db: Db, attemptId: bigint, now: Date): Promise<void> {
  await db.faxAttempt.update({ where: { id: attemptId }, data: { carrierPolledAt: now } });
}
