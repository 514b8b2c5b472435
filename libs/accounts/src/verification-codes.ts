import { createHash, randomInt } from 'node:crypto';
import { deleteInBatches, type CodePurpose, type Prisma } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';

/** docs/api/authentication.md "Registration": a code lives 10 minutes and allows 5 wrong tries. */
export const VERIFICATION_CODE_TTL_MS = 10 * 60 * 1000;
export const VERIFICATION_MAX_WRONG_TRIES = 5;
/** A step-up code confirms one account-key change within this long. */
export const STEP_UP_CODE_TTL_MS = 5 * 60 * 1000;
/** Expired codes linger an hour, so clock skew never removes a code a gateway still accepts. */
const PRUNE_MARGIN_MS = 60 * 60 * 1000;

/** Emails are compared case-insensitively: `Dev@Acme.com` and `dev@acme.com` are one user. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Six digits, leading zeros kept, from the CSPRNG. */
export function generateVerificationCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Only this hash is stored. The email is mixed in so equal codes of two people never share a hash. */
export function hashVerificationCode(email: string, code: string): string {
  return createHash('sha256').update(`${normalizeEmail(email)}:${code}`, 'utf8').digest('hex');
}

/** Stores a fresh code for `email`; being the newest row of its purpose, it supersedes every earlier one. */
export async function issueVerificationCode(
  db: Prisma.TransactionClient,
  {
    email,
    name,
    purpose = 'register',
    ttlMs = VERIFICATION_CODE_TTL_MS,
    now = new Date(),
  }: { email: string; name: string; purpose?: CodePurpose; ttlMs?: number; now?: Date },
): Promise<string> {
  const code = generateVerificationCode();
  await db.verificationCode.create({
    data: {
      email: normalizeEmail(email),
      purpose,
      name,
      codeHash: hashVerificationCode(email, code),
      expiresAt: new Date(now.getTime() + ttlMs),
      createdAt: now,
    },
  });
  return code;
}

export type CodeCheck = { valid: true; id: bigint; name: string } | { valid: false };

/**
 * Checks `code` against the newest code of `email` for `purpose`. A wrong guess spends one of its
 * tries with a conditional UPDATE, so concurrent guesses cannot share a try.
 */
export async function checkVerificationCode(
  db: Prisma.TransactionClient,
  { email, code, purpose = 'register', now = new Date() }: { email: string; code: string; purpose?: CodePurpose; now?: Date },
): Promise<CodeCheck> {
  const newest = await db.verificationCode.findFirst({
    where: { email: normalizeEmail(email), purpose },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { id: true, name: true, codeHash: true, attempts: true, expiresAt: true, consumedAt: true },
  });
  if (!newest || newest.consumedAt || newest.expiresAt <= now || newest.attempts >= VERIFICATION_MAX_WRONG_TRIES) {
    return { valid: false };
  }
  if (newest.codeHash !== hashVerificationCode(email, code)) {
    await db.verificationCode.updateMany({
      where: { id: newest.id, attempts: { lt: VERIFICATION_MAX_WRONG_TRIES } },
      data: { attempts: { increment: 1 } },
    });
    return { valid: false };
  }
  return { valid: true, id: newest.id, name: newest.name };
}

/**
 * Marks a code used, guarded on it still being usable: of two concurrent verifications with the
 * right code, exactly one gets `true`. Run it in the transaction that creates the account.
 */
export async function consumeVerificationCode(tx: Prisma.TransactionClient, id: bigint, now = new Date()): Promise<boolean> {
  const { count } = await tx.verificationCode.updateMany({
    where: { id, consumedAt: null, expiresAt: { gt: now }, attempts: { lt: VERIFICATION_MAX_WRONG_TRIES } },
    data: { consumedAt: now },
  });
  return count === 1;
}

/** Housekeeping: codes expired more than the margin before `now`, in batches. */
export function pruneVerificationCodes(db: Prisma.TransactionClient, now: Date, batchSize: number): Promise<number> {
  return deleteInBatches(db, { table: 'verification_codes', column: 'expires_at' }, new Date(now.getTime() - PRUNE_MARGIN_MS), batchSize);
}

/** Any code that cannot be used, whatever the reason: a guesser learns nothing from the answer. */
export function invalidVerificationCode(): ApiError {
  return new ApiError('validation_failed', { errors: { code: ['The code is wrong, expired or already used; request a new one.'] } });
}
