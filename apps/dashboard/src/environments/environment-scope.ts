import { getEnvironment, type EnvironmentScope } from '@mintfax/accounts';
import type { Prisma } from '@mintfax/db';

/**
 * The environment a per-environment route names in its path, as the scope the libs check rows
 * against: an environment of another account answers 404 like a missing one.
 */
export async function environmentScope(db: Prisma.TransactionClient, accountId: string, environmentId: string): Promise<EnvironmentScope> {
  const environment = await getEnvironment(db, { accountId, environmentId });
  return { accountId, environmentId: environment.id, environmentType: environment.type };
}
