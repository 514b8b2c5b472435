import type { Fax, Prisma } from '@mintfax/db';

/**
 * The newest faxes of an account across its environments, for the dashboard's overview: the
 * newest of each environment (the index every fax list uses), merged.
 */
export async function listRecentAccountFaxes(db: Prisma.TransactionClient, accountId: string, limit: number): Promise<Fax[]> {
  const environments = await db.environment.findMany({ where: { accountId }, select: { id: true } });
  const newest = await Promise.all(
    environments.map(({ id }) => db.fax.findMany({ where: { environmentId: id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit })),
  );
  return newest
    .flat()
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
    .slice(0, limit);
}
