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
import { FAX_COLUMNS } from './fax-columns';
import type { AttemptObject } from './fax-object';

type Db = Prisma.TransactionClient;

// The reads of the API's fax routes and of the worker's jobs run on every request or job: raw named
// statements (queryRows) rather than Prisma's per-call query compilation.

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

/** An attempt as `json_agg` of its row reads it: timestamps as ISO text, the API's names where they agree. */
interface AttemptJson extends AttemptObject {
  id: number;
  fax_id: string;
  carrier_fax_id: string | null;
  carrier_polled_at: string | null;
  carrier_copy_deleted_at: string | null;
}

const dateOrNull = (text: string | null): Date | null => (text === null ? null : new Date(text));

function attemptOf(row: AttemptJson): FaxAttempt {
  return {
    id: BigInt(row.id),
    faxId: row.fax_id,
    number: row.number,
    outcome: row.outcome,
    failureCode: row.failure_code,
    failureMessage: row.failure_message,
    pagesSent: row.pages_sent,
    startedAt: new Date(row.started_at),
    endedAt: dateOrNull(row.ended_at),
    carrierFaxId: row.carrier_fax_id,
    carrierPolledAt: dateOrNull(row.carrier_polled_at),
    carrierCopyDeletedAt: dateOrNull(row.carrier_copy_deleted_at),
  };
}

/** A fax the caller's environment may see, with its attempts first to last: one statement, one round trip. */
export async function findFaxWithAttempts(db: Db, caller: EnvironmentScope, id: string): Promise<{ fax: Fax; attempts: FaxAttempt[] }> {
  const [row] = await queryRows<Fax & { attemptsLog: AttemptJson[] }>(
    db,
    Prisma.sql`SELECT ${FAX_COLUMNS},
                      (SELECT coalesce(json_agg(a ORDER BY a.number), '[]'::json) FROM fax_attempts a WHERE a.fax_id = faxes.id) AS "attemptsLog"
                 FROM faxes WHERE id = ${id}`,
  );
  const { attemptsLog = [], ...fax } = row ?? {};
  checkEnvironmentAccess(caller, row ? (fax as Fax) : null, { missing: `No fax ${id}.`, elsewhere: `Fax ${id} belongs to another environment.` });
  return { fax: fax as Fax, attempts: attemptsLog.map(attemptOf) };
}

/** The document bytes; null once they are purged. */
export async function getFaxDocument(db: Db, faxId: string): Promise<Uint8Array | null> {
  const document = await db.faxDocument.findUnique({ where: { faxId }, select: { content: true } });
  return document?.content ?? null;
}

/**
 * The fax a dispatch job names, and whether its environment is zero-footprint (its document is
 * purged once the fax is done); null when the fax is gone. One named statement, read per job.
 */
export async function findFaxToDispatch(db: Db, faxId: string): Promise<{ fax: Fax; zeroFootprint: boolean } | null> {
  const [row] = await queryRows<Fax & { zeroFootprint: boolean }>(
    db,
    Prisma.sql`SELECT ${FAX_COLUMNS}, (SELECT zero_footprint FROM environments WHERE environments.id = faxes.environment_id) AS "zeroFootprint"
                 FROM faxes WHERE id = ${faxId}`,
  );
  if (!row) return null;
  const { zeroFootprint, ...fax } = row;
  return { fax, zeroFootprint };
}
