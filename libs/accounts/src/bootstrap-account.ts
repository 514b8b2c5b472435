import { violatesUniqueIndex, type Prisma, type PrismaClient } from '@mintfax/db';
import { createAccount, createApiKey } from './create-account';
import { normalizeEmail } from './verification-codes';

export interface BootstrappedAccount {
  accountId: string;
  environmentId: string;
  /** `mfx_test_…` of the sandbox environment. */
  sandboxKey: string;
  /** `mfx_acct_…` */
  accountKey: string;
  /** False when the account was there already (an earlier start). */
  created: boolean;
}

/**
 * For test deployments: the account of `email` as registration makes it, created on the first
 * start only, with a sandbox key and an account key issued at every start. Keys are stored
 * hashed, so earlier ones cannot be shown again; they keep working.
 */
export async function bootstrapSandboxAccount(prisma: PrismaClient, { email, sandboxGrant }: { email: string; sandboxGrant: number }): Promise<BootstrappedAccount> {
  const address = normalizeEmail(email);
  try {
    return await prisma.$transaction((tx) => issueKeys(tx, address, sandboxGrant));
  } catch (error) {
    // Two gateways starting at once: the other one created the account; issue keys for it.
    if (!violatesUniqueIndex(error, 'users_email_key')) throw error;
    return prisma.$transaction((tx) => issueKeys(tx, address, sandboxGrant));
  }
}

async function issueKeys(tx: Prisma.TransactionClient, email: string, sandboxGrant: number): Promise<BootstrappedAccount> {
  const user = await tx.user.findUnique({ where: { email }, select: { accountId: true } });
  if (!user) {
    const created = await createAccount(tx, { name: 'Test deployment', email, sandboxGrant });
    return { accountId: created.account.id, environmentId: created.environment.id, sandboxKey: created.apiKey, accountKey: created.apiKeyAccount, created: true };
  }
  const { accountId } = user;
  const sandbox = await tx.environment.findFirstOrThrow({ where: { accountId, type: 'sandbox' }, orderBy: { createdAt: 'asc' }, select: { id: true } });
  const sandboxKey = await createApiKey(tx, { accountId, environmentId: sandbox.id, kind: 'test', name: 'Bootstrap sandbox key' });
  const accountKey = await createApiKey(tx, { accountId, environmentId: null, kind: 'account', name: 'Bootstrap account key' });
  return { accountId, environmentId: sandbox.id, sandboxKey: sandboxKey.secret, accountKey: accountKey.secret, created: false };
}
