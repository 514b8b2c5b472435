import type { PrismaClient, Prisma } from '@mintfax/db';
import { startDashboardSession } from './dashboard-sessions';
import { checkVerificationCode, consumeVerificationCode, invalidVerificationCode, normalizeEmail } from './verification-codes';

/** A user of the dashboard: who signs in, and the account they act for. */
export interface DashboardUser {
  id: number;
  email: string;
  accountId: string;
}

export function findUserByEmail(db: Prisma.TransactionClient, email: string): Promise<DashboardUser | null> {
  return db.user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true, email: true, accountId: true } });
}

/**
 * Signs in with a mailed sign-in code: the code is consumed and the session started in ONE
 * transaction, so a code starts at most one session.
 */
export async function completeSignIn(
  prisma: PrismaClient,
  { email, code }: { email: string; code: string },
): Promise<{ user: DashboardUser; sessionId: string; token: string }> {
  // Outside the transaction: a wrong guess must spend its try even though nothing else is written.
  const check = await checkVerificationCode(prisma, { email, code, purpose: 'sign_in' });
  if (!check.valid) throw invalidVerificationCode();
  const started = await prisma.$transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user || !(await consumeVerificationCode(tx, check.id))) return null;
    return { user, ...(await startDashboardSession(tx, { userId: user.id, accountId: user.accountId })) };
  });
  if (!started) throw invalidVerificationCode();
  return started;
}

/**
 * Runs `change` with a step-up code of `email` consumed in the same transaction: the code confirms
 * exactly one change, and a change that fails leaves it unused.
 */
export async function withStepUpCode<T>(
  prisma: PrismaClient,
  { email, code }: { email: string; code: string },
  change: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  const check = await checkVerificationCode(prisma, { email, code, purpose: 'step_up' });
  if (!check.valid) throw invalidVerificationCode();
  const done = await prisma.$transaction(async (tx) => ((await consumeVerificationCode(tx, check.id)) ? { value: await change(tx) } : null));
  if (!done) throw invalidVerificationCode();
  return done.value;
}
