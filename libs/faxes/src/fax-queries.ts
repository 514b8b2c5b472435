import { checkEnvironmentAccess, type EnvironmentScope } from '@mintfax/accounts';
import {
  byCreatedAtSql,
  keysetPage,
  Prisma,
  queryRows,
  type Fax,
  type FaxAttempt,
  type FaxStatus,
  type ListPage,
  type PageQuery,
} from '@mintfax/db';

import { ATTEMPT_COLUMNS, FAX_COLUMNS } from './fax-columns';

type Db = Prisma.TransactionClient;

// The reads of the API's fax routes run on every GET: raw named statements (queryRows) rather than
// Prisma's per-call query compilation.

/** The faxes of an environment, newest first, optionally of one status and carrying one tag. */
export function listFaxes(
  db: Db,
  { environmentId, status, tag }: { environmentId: string; status?: FaxStatus; tag?: string },
  query: PageQuery,
): Promise<ListPage<Fax>> {
  // Each filter present or not gives its own statement text: each is planned for what it is.
  const filters = Prisma.sql`environment_id = ${environmentId}${status ? Prisma.sql` AND status = ${status}::fax_status` : Prisma.empty}${
    tag ? Prisma.sql` AND tags @> ARRAY[${tag}]::text[]` : Prisma.empty
  }`;
  return keysetPage(query, byCreatedAtSql, {
    findCursor: async (id) => {
      const [cursor] = await queryRows<{ id: string; createdAt: Date }>(
        db,
        Prisma.sql`SELECT id, created_at AS "createdAt" FROM faxes WHERE id = ${id} AND environment_id = ${environmentId}`,
      );
      return cursor ?? null;
    },
    findPage: ({ after, orderBy, take }) =>
      queryRows<Fax>(db, Prisma.sql`SELECT ${FAX_COLUMNS} FROM faxes WHERE ${filters} ${after ?? Prisma.empty} ORDER BY ${orderBy} LIMIT ${take}`),
    missing: (id) => `No fax ${id} in this environment.`,
  });
}

/** A fax the caller's environment may see (docs/api/README.md "Cross-environment reads"). */
export async function findFaxForEnvironment(db: Db, caller: EnvironmentScope, id: string): Promise<Fax> {
  const [fax] = await queryRows<Fax>(db, Prisma.sql`SELECT ${FAX_COLUMNS} FROM faxes WHERE id = ${id}`);
  return checkEnvironmentAccess(caller, fax ?? null, { missing: `No fax ${id}.`, elsewhere: `Fax ${id} belongs to another environment.` });
}

/** A fax's attempts, first to last. */
export function listFaxAttempts(db: Db, faxId: string): Promise<FaxAttempt[]> {
  return queryRows<FaxAttempt>(db, Prisma.sql`SELECT ${ATTEMPT_COLUMNS} FROM fax_attempts WHERE fax_id = ${faxId} ORDER BY number`);
}

/** The document bytes; null once they are purged. */
export async function getFaxDocument(db: Db, faxId: string): Promise<Uint8Array | null> {
  const document = await db.faxDocument.findUnique({ where: { faxId }, select: { content: true } });
  return document?.content ?? null;
}
