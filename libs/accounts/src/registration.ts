import type { Prisma, PrismaClient } from '@mintfax/db';
import { createAccount, type NewAccount } from './create-account';
import { checkVerificationCode, consumeVerificationCode, invalidVerificationCode, normalizeEmail } from './verification-codes';

/**
 * `POST /v1/account/register/verify`: checks the code, then consumes it and creates the whole
 * account in ONE transaction, so a failure leaves neither a used code nor half an account.
 */
export async function completeRegistration(
  prisma: PrismaClient,
  { email, code, sandboxGrant }: { email: string; code: string; sandboxGrant: number },
): Promise<NewAccount> {
  // Outside the transaction: a wrong guess must spend its try even though nothing else is written.
  const check = await checkVerificationCode(prisma, { email, code });
  if (!check.valid) throw invalidVerificationCode();
  const created = await prisma.$transaction(async (tx) => {
    if (!(await consumeVerificationCode(tx, check.id))) return null;
    // Registration never issues a code for a known email; this only catches a race with another verification.
    if (await isEmailRegistered(tx, email)) return null;
    return createAccount(tx, { name: check.name, email: normalizeEmail(email), sandboxGrant });
  });
  if (!created) throw invalidVerificationCode();
  return created;
}

/** Whether a user already has this email, however it is written. */
export async function isEmailRegistered(db: Prisma.TransactionClient, email: string): Promise<boolean> {
  return (await db.user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true } })) !== null;
}
