import { Prisma, queryRows, type Fax } from '@mintfax/db';

/** Each field of the Fax model and its column: a raw statement then returns faxes as Prisma reads them. */
const FAX_COLUMNS: Record<keyof Fax, string> = {
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
};

const FAX_FIELDS = Prisma.raw(
  Object.entries(FAX_COLUMNS)
    .map(([field, column]) => `"${column}" AS "${field}"`)
    .join(', '),
);

/**
 * The fax a dispatch job names, and whether its environment is zero-footprint (its document is
 * purged once the fax is done); null when the fax is gone. One named statement, read per job.
 */
export async function findFaxToDispatch(db: Prisma.TransactionClient, faxId: string): Promise<{ fax: Fax; zeroFootprint: boolean } | null> {
  const [row] = await queryRows<Fax & { zeroFootprint: boolean }>(
    db,
    Prisma.sql`SELECT ${FAX_FIELDS}, (SELECT zero_footprint FROM environments WHERE environments.id = faxes.environment_id) AS "zeroFootprint"
                 FROM faxes WHERE id = ${faxId}`,
  );
  if (!row) return null;
  const { zeroFootprint, ...fax } = row;
  return { fax, zeroFootprint };
}
