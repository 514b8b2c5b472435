import { checkEnvironmentAccess, type EnvironmentScope } from '@mintfax/accounts';
import { byCreatedAt, keysetPage, type Fax, type FaxAttempt, type FaxStatus, type ListPage, type PageQuery, type Prisma } from '@mintfax/db';

type Db = Prisma.TransactionClient;

/** The faxes of an environment, newest first, optionally of one status and carrying one tag. */
export function listFaxes(
  db: Db,
  { environmentId, status, tag }: { environmentId: string; status?: FaxStatus; tag?: string },
  query: PageQuery,
): Promise<ListPage<Fax>> {
  const where = { environmentId, ...(status && { status }), ...(tag && { tags: { has: tag } }) };
  return keysetPage(query, byCreatedAt, {
    findCursor: (id) => db.fax.findFirst({ where: { id, environmentId }, select: byCreatedAt.select }),
    findPage: ({ after, orderBy, take }) => db.fax.findMany({ where: { ...where, ...after }, orderBy, take }),
    missing: (id) => `No fax ${id} in this environment.`,
  });
}

/** A fax the caller's environment may see (docs/api/README.md "Cross-environment reads"). */
export async function findFaxForEnvironment(db: Db, caller: EnvironmentScope, id: string): Promise<Fax> {
  const fax = await db.fax.findUnique({ where: { id } });
  return checkEnvironmentAccess(caller, fax, { missing: `No fax ${id}.`, elsewhere: `Fax ${id} belongs to another environment.` });
}

export function listFaxAttempts(db: Db, faxId: string): Promise<FaxAttempt[]> {
  return db.faxAttempt.findMany({ where: { faxId } });
}

/** The document bytes; null once they are purged. */
export async function getFaxDocument(db: Db, faxId: string): Promise<Uint8Array | null> {
  const document = await db.faxDocument.findUnique({ where: { faxId }, select: { content: true } });
  return document?.content ?? null;
}
