import { checkEnvironmentAccess, type EnvironmentScope } from '@mintfax/accounts';
import {
  byCreatedAtSql,
  keysetPage,
  Prisma,
  queryRows,
  selectColumns,
  type Fax,
  type FaxAttempt,
  type FaxStatus,
  type ListPage,
  type PageQuery,
} from '@mintfax/db';

type Db = Prisma.TransactionClient;

// The reads of the API's fax routes run on every GET: raw named statements (queryRows) rather than
// Prisma's per-call query compilation, answering rows of the models' own types.
const FAX_COLUMNS = selectColumns<Fax>({
  id: 'id',
  accountId: 'account_id',
  environmentId: 'environment_id',
  environmentType: 'environment_type',
  to: 'to',
  from: 'from',
  status: 'status',
  pages: 'pages',
  cost: 'cost',
  charged: 'charged',
  attempts: 'attempts',
  maxAttempts: 'max_attempts',
  failureCode: 'failure_code',
  failureMessage: 'failure_message',
  nextAttemptAt: 'next_attempt_at',
  contentType: 'content_type',
  sizeBytes: 'size_bytes',
  sha256: 'sha256',
  sourceContentType: 'source_content_type',
  sourceSizeBytes: 'source_size_bytes',
  sourceSha256: 'source_sha256',
  filename: 'filename',
  pageSize: 'page_size',
  resolution: 'resolution',
  csid: 'csid',
  tags: 'tags',
  coverPage: 'cover_page',
  purgedAt: 'purged_at',
  metadata: 'metadata',
  resendOfId: 'resend_of_id',
  holdId: 'hold_id',
  idempotencyKey: 'idempotency_key',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  completedAt: 'completed_at',
});

const ATTEMPT_COLUMNS = selectColumns<FaxAttempt>({
  id: 'id',
  faxId: 'fax_id',
  number: 'number',
  outcome: 'outcome',
  failureCode: 'failure_code',
  failureMessage: 'failure_message',
  pagesSent: 'pages_sent',
  startedAt: 'started_at',
  endedAt: 'ended_at',
  carrierFaxId: 'carrier_fax_id',
  carrierPolledAt: 'carrier_polled_at',
  carrierCopyDeletedAt: 'carrier_copy_deleted_at',
});

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
