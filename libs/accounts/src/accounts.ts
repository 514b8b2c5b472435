import type { Prisma } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';

const ACCOUNT_FIELDS = { id: true, name: true, activatedAt: true, createdAt: true } as const satisfies Prisma.AccountSelect;

export type AccountRow = Prisma.AccountGetPayload<{ select: typeof ACCOUNT_FIELDS }>;

export async function getAccount(db: Prisma.TransactionClient, accountId: string): Promise<AccountRow> {
  const account = await db.account.findUnique({ where: { id: accountId }, select: ACCOUNT_FIELDS });
  // The key was just authenticated, so only a deletion in between lands here.
  if (!account) throw new ApiError('not_found', { id: accountId });
  return account;
}
