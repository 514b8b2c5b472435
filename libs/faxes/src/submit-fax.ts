import { Prisma, violatesUniqueIndex, type EnvironmentType, type Fax, type FaxResolution, type PageSize, ulid } from '@mintfax/db';
import { IDEMPOTENCY_WINDOW_MS } from '@mintfax/idempotency';
import { insertFaxEventSql, lowBalanceEventsSql } from '@mintfax/events';
import { hold } from '@mintfax/ledger';
import { toFaxObject, type CoverPageObject, type FaxObject } from './fax-object';

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
  /** The fax-ready PDF the carrier gets. */
  document: { bytes: Uint8Array; contentType: string; sha256: string };
  /** The upload as received. */
  source: DocumentSource;
  options: SendOptions;
  resendOfId?: string | null;
  /** Recorded on the fax by the same statement: a retry of the request finds the fax by it. */
  idempotencyKey?: string | null;
}

export interface DocumentSource {
  contentType: string;
  sizeBytes: number;
  sha256: string;
  filename: string | null;
}

/** docs/api/routes.md "Send options": stored on the fax, echoed, kept by resend, passed to the carrier. */
export interface SendOptions {
  pageSize: PageSize;
  resolution: FaxResolution;
  csid: string | null;
  tags: string[];
  coverPage: CoverPageObject | null;
}

/** What a fax gets when its submission and its environment say nothing. */
export const DEFAULT_SEND_OPTIONS: SendOptions = { pageSize: 'letter', resolution: 'fine', csid: null, tags: [], coverPage: null };

/**
 * The hot path of the API, as ONE statement: the guarded hold, the fax, its document and
 * `fax.queued` commit together or not at all, with `balance.low` (and an owed top-up) when this
 * hold is the one that takes the pool below its threshold. Insufficient credit throws
 * `insufficient_balance` and writes nothing; so does an idempotency key a fax of the environment
 * already carries (see isDuplicateSubmission). The row lock on the pool is held for this one
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
    sourceContentType: input.source.contentType,
    sourceSizeBytes: input.source.sizeBytes,
    sourceSha256: input.source.sha256,
    filename: input.source.filename,
    ...input.options,
    purgedAt: null,
    metadata: input.metadata,
    resendOfId: input.resendOfId ?? null,
    holdId: null,
    idempotencyKey: input.idempotencyKey ?? null,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
  };
  const object = toFaxObject(fax);
  await hold(db, { accountId: input.accountId, type: input.environmentType, amount: cost, faxId: id }, lowBalanceEventsSql, (holdId) => Prisma.sql`,
    new_fax AS (
      INSERT INTO faxes (id, account_id, environment_id, environment_type, "to", "from", status, pages, cost, max_attempts,
                         content_type, size_bytes, sha256, source_content_type, source_size_bytes, source_sha256, filename,
                         page_size, resolution, csid, tags, cover_page,
                         metadata, resend_of_id, hold_id, idempotency_key, created_at, updated_at)
      SELECT ${id}, ${fax.accountId}, ${fax.environmentId}, ${fax.environmentType}::environment_type, ${fax.to}, ${fax.from}::text,
             'queued'::fax_status, ${fax.pages}::int, ${fax.cost}::bigint, ${fax.maxAttempts}::int, ${fax.contentType},
             ${fax.sizeBytes}::int, ${fax.sha256}, ${fax.sourceContentType}, ${fax.sourceSizeBytes}::int, ${fax.sourceSha256}, ${fax.filename}::text,
             ${fax.pageSize}::page_size, ${fax.resolution}::fax_resolution, ${fax.csid}::text, ${fax.tags}::text[],
             ${fax.coverPage === null ? null : JSON.stringify(fax.coverPage)}::jsonb,
             ${JSON.stringify(input.metadata)}::jsonb, ${fax.resendOfId}::text, ${holdId}, ${fax.idempotencyKey}::text, ${now}::timestamptz, ${now}::timestamptz
      FROM pool
      RETURNING id
    ), new_document AS (
      INSERT INTO fax_documents (fax_id, content, created_at)
      SELECT id, ${Buffer.from(input.document.bytes.buffer, input.document.bytes.byteOffset, input.document.bytes.byteLength)}::bytea, ${now}::timestamptz
      FROM new_fax
    ), new_event AS (${insertFaxEventSql(Prisma.sql`new_fax`, { accountId: fax.accountId, environmentId: fax.environmentId, type: 'fax.queued', object, createdAt: now })})`);
  return object;
}

/** The unique index that lets one fax per environment carry a given idempotency key. */
const FAX_IDEMPOTENCY_INDEX = 'faxes_environment_id_idempotency_key_key';

/** submitFax refused the key: a concurrent run of the same request got there first. */
export function isDuplicateSubmission(error: unknown): boolean {
  return violatesUniqueIndex(error, FAX_IDEMPOTENCY_INDEX);
}

/**
 * The fax an earlier run of the request submitted with `key` within the idempotency window
 * (docs/api/README.md "Idempotency"). An older fax lets go of the key, so it can be used again.
 */
export async function faxSubmittedWithKey(db: Prisma.TransactionClient, environmentId: string, key: string, now = new Date()): Promise<Fax | null> {
  const fax = await db.fax.findUnique({ where: { environmentId_idempotencyKey: { environmentId, idempotencyKey: key } } });
  if (!fax) return null;
  if (now.getTime() - fax.createdAt.getTime() <= IDEMPOTENCY_WINDOW_MS) return fax;
  await db.$executeRaw`UPDATE faxes SET idempotency_key = NULL WHERE id = ${fax.id} AND idempotency_key = ${key}`;
  return null;
}
