import type { Prisma } from '@mintfax/db';
import { alreadyRegisteredMail, signInCodeMail, stepUpCodeMail, unknownAddressMail, verificationCodeMail, type Mailer } from '@mintfax/mail';
import { isEmailRegistered } from './registration';
import { issueVerificationCode, normalizeEmail, STEP_UP_CODE_TTL_MS, VERIFICATION_CODE_TTL_MS } from './verification-codes';

const MINUTE_MS = 60_000;

// Each sends exactly one mail whether or not the address has an account, so the HTTP answer, the
// same in both cases, never tells anyone which addresses are registered.

/** Registration: a code to create the account, or a note that the address already has one. */
export async function mailRegistrationCode(db: Prisma.TransactionClient, mailer: Mailer, { name, email }: { name: string; email: string }): Promise<void> {
  const address = normalizeEmail(email);
  if (await isEmailRegistered(db, address)) return mailer.send(alreadyRegisteredMail(address));
  const code = await issueVerificationCode(db, { email: address, name });
  await mailer.send(verificationCodeMail(address, code));
}

/** Dashboard sign-in: a code for a known address, a pointer to registration for an unknown one. */
export async function mailSignInCode(db: Prisma.TransactionClient, mailer: Mailer, email: string): Promise<void> {
  const address = normalizeEmail(email);
  if (!(await isEmailRegistered(db, address))) return mailer.send(unknownAddressMail(address));
  const code = await issueVerificationCode(db, { email: address, name: '', purpose: 'sign_in' });
  await mailer.send(signInCodeMail(address, code, VERIFICATION_CODE_TTL_MS / MINUTE_MS));
}

/** A step-up code for the signed-in user's own address, valid STEP_UP_CODE_TTL_MS. */
export async function mailStepUpCode(db: Prisma.TransactionClient, mailer: Mailer, email: string): Promise<void> {
  const code = await issueVerificationCode(db, { email, name: '', purpose: 'step_up', ttlMs: STEP_UP_CODE_TTL_MS });
  await mailer.send(stepUpCodeMail(normalizeEmail(email), code, STEP_UP_CODE_TTL_MS / MINUTE_MS));
}
