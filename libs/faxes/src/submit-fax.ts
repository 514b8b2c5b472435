import { Prisma, type EnvironmentType, type Fax } from '@mintfax/db';
import { insertFaxEventSql } from '@mintfax/events';
import { hold } from '@mintfax/ledger';
import { ulid } from 'ulid';
import { toFaxObject, type FaxObject } from './fax-object';

export interface FaxSubmission {
  accountId: string;
  environmentId: string;
  environmentType: EnvironmentType;
  to: string;
  from: string | null;
  pages: number;
  pricePerPage: number;
  maxAttempts: number;
  metadata: Record<string, string>;
  document: { bytes: Uint8Array; contentType: string; sha256: string; filename: string | null };
  resendOfId?: string | null;
}

/**
 * The hot path of the API, as ONE statement: the guarded hold, the fax, its document and
 * `fax.queued` commit together or not at all. Insufficient credit throws
 * `insufficient_balance` and writes nothing. The row lock on the pool is held for this one
 * statement only, which is what keeps many concurrent submissions on one pool fast.
 * The caller enqueues the dispatch job after it returns.
 */
export async function submitFax(db: Prisma.TransactionClient, input: FaxSubmission): Promise<FaxObject> {
  const id = `fax_${ulid()}`;
  const cost = input.pages * input.pricePerPage;
  const now = new Date();
  const fax: Fax = {
    id,
    accountId: input.accountId,
    environmentId: input.environmentId,
    environmentType: input.environmentType,
    to: input.to,
    from: input.from,
    status: 'queued',
    pages: input.pages,
    cost: BigInt(cost),
    charged: null,
    attempts: 0,
    maxAttempts: input.maxAttempts,
    failureCode: null,
    failureMessage: null,
    nextAttemptAt: null,
    contentType: input.document.contentType,
    sizeBytes: input.document.bytes.length,
    sha256: input.document.sha256,
    filename: input.document.filename,
    purgedAt: null,
    metadata: input.metadata,
    resendOfId: input.resendOfId ?? null,
    holdId: null,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
  };
  const object = toFaxObject(fax);
  await hold(db, { accountId: input.accountId, type: input.environmentType, amount: cost, faxId: id }, (holdId) => Prisma.sql`,
    new_fax AS (
      INSERT INTO faxes (id, account_id, environment_id, environment_type, "to", "from", status, pages, cost, max_attempts,
                         content_type, size_bytes, sha256, filename, metadata, resend_of_id, hold_id, created_at, updated_at)
      SELECT ${id}, ${fax.accountId}, ${fax.environmentId}, ${fax.environmentType}::environment_type, ${fax.to}, ${fax.from}::text,
             'queued'::fax_status, ${fax.pages}::int, ${fax.cost}::bigint, ${fax.maxAttempts}::int, ${fax.contentType},
             ${fax.sizeBytes}::int, ${fax.sha256}, ${fax.filename}::text, ${JSON.stringify(input.metadata)}::jsonb,
             ${fax.resendOfId}::text, ${holdId}, ${now}::timestamptz, ${now}::timestamptz
      FROM pool
      RETURNING id
    ), new_document AS (
      INSERT INTO fax_documents (fax_id, content, created_at)
      SELECT id, ${Buffer.from(input.document.bytes.buffer, input.document.bytes.byteOffset, input.document.bytes.byteLength)}::bytea, ${now}::timestamptz
      FROM new_fax
    ), new_event AS (${insertFaxEventSql(Prisma.sql`new_fax`, { accountId: fax.accountId, environmentId: fax.environmentId, type: 'fax.queued', object, createdAt: now })})`);
  return object;
}
