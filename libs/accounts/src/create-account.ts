import type { EnvironmentType, KeyKind, Prisma } from '@mintfax/db';
import { createPools } from '@mintfax/ledger';
import { ulid } from '@mintfax/db';
import { generateApiKey } from './api-keys';
import { createEnvironment } from './environments';

export interface NewAccount {
  account: { id: string; name: string };
  user: { id: number; email: string };
  environment: { id: string; name: string; type: EnvironmentType };
  apiKey: string;
  apiKeyAccount: string;
}

/**
 * Everything registration creates, inside the caller's transaction: the account (not activated),
 * its user, a sandbox environment, both pools (sandbox granted `sandboxGrant`), a sandbox key and
 * an account key.
 */
export async function createAccount(
  tx: Prisma.TransactionClient,
  { name, email, sandboxGrant }: { name: string; email: string; sandboxGrant: number },
): Promise<NewAccount> {
  const account = await tx.account.create({ data: { id: `acct_${ulid()}`, name }, select: { id: true, name: true } });
  const user = await tx.user.create({ data: { accountId: account.id, email }, select: { id: true, email: true } });
  const { id, name: environmentName, type } = await createEnvironment(tx, { accountId: account.id, name: 'Sandbox', type: 'sandbox' });
  const environment = { id, name: environmentName, type };
  await createPools(tx, account.id, sandboxGrant);
  const sandboxKey = await createApiKey(tx, { accountId: account.id, environmentId: environment.id, kind: 'test', name: 'Default sandbox key' });
  const accountKey = await createApiKey(tx, { accountId: account.id, environmentId: null, kind: 'account', name: 'Account key' });
  return { account, user, environment, apiKey: sandboxKey.secret, apiKeyAccount: accountKey.secret };
}

/** Stores the hash of a new key; the returned `secret` is the only time it exists in plain text. */
export async function createApiKey(
  tx: Prisma.TransactionClient,
  { accountId, environmentId, kind, name }: { accountId: string; environmentId: string | null; kind: KeyKind; name: string },
) {
  const { secret, keyHash, last4 } = generateApiKey(kind);
  const row = await tx.apiKey.create({
    data: { id: `key_${ulid()}`, accountId, environmentId, kind, name, keyHash, last4 },
  });
  return { ...row, secret };
}
