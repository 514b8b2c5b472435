import { Prisma, queryRows, type CoverTemplate, type EnvironmentType, type KeyKind, type PageSize } from '@mintfax/db';
import type { EnvironmentRow } from './environments';

/** What authentication needs about a key, its environment and its account: one row. */
export interface ApiKeyIdentity {
  id: string;
  kind: KeyKind;
  accountId: string;
  environmentId: string | null;
  environmentType: EnvironmentType | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  accountActivatedAt: Date | null;
  /** An environment key's environment with its settings, read in the same query; null for account keys. */
  environment: EnvironmentRow | null;
}

interface EnvironmentColumns {
  environment_name: string;
  retention_days: number;
  zero_footprint: boolean;
  max_attempts: number;
  page_size: PageSize;
  cover_page: CoverTemplate;
  sender_name: string | null;
  sender_company: string | null;
  sender_fax: string | null;
  environment_created_at: Date;
  environment_updated_at: Date;
}

interface IdentityRow extends Partial<EnvironmentColumns> {
  id: string;
  kind: KeyKind;
  account_id: string;
  environment_id: string | null;
  environment_type: EnvironmentType | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  activated_at: Date | null;
}

/** How stale `last_used_at` may get (the `interval` of touchApiKey): a write per request would lock the row on the hot path. */
export const LAST_USED_PRECISION_MS = 60_000;

/**
 * The one query of authentication (docs/architecture.md "Request path"): key ⨝ environment ⨝ account through
 * the unique index on `key_hash`, with the environment's settings so no route reads them again.
 * Deliberately uncached, so a revocation holds from the next request; a named statement on the pool
 * beneath Prisma (queryRows), as it runs before every request.
 */
export async function findApiKeyByHash(db: Prisma.TransactionClient, keyHash: string): Promise<ApiKeyIdentity | null> {
  const [row] = await queryRows<IdentityRow>(
    db,
    Prisma.sql`
    SELECT k.id, k.kind, k.account_id, k.environment_id, k.revoked_at, k.last_used_at, a.activated_at,
           e.type AS environment_type, e.name AS environment_name, e.retention_days, e.zero_footprint, e.max_attempts,
           e.page_size, e.cover_page, e.sender_name, e.sender_company, e.sender_fax,
           e.created_at AS environment_created_at, e.updated_at AS environment_updated_at
    FROM api_keys k
    JOIN accounts a ON a.id = k.account_id
    LEFT JOIN environments e ON e.id = k.environment_id
    WHERE k.key_hash = ${keyHash}`,
  );
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    accountId: row.account_id,
    environmentId: row.environment_id,
    environmentType: row.environment_type,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    accountActivatedAt: row.activated_at,
    environment: environmentOf(row),
  };
}

function environmentOf(row: IdentityRow): EnvironmentRow | null {
  if (!row.environment_id || !row.environment_type) return null;
  const columns = row as IdentityRow & EnvironmentColumns;
  return {
    id: row.environment_id,
    name: columns.environment_name,
    type: row.environment_type,
    retentionDays: columns.retention_days,
    zeroFootprint: columns.zero_footprint,
    maxAttempts: columns.max_attempts,
    pageSize: columns.page_size,
    coverPage: columns.cover_page,
    senderName: columns.sender_name,
    senderCompany: columns.sender_company,
    senderFax: columns.sender_fax,
    createdAt: columns.environment_created_at,
    updatedAt: columns.environment_updated_at,
  };
}

export function lastUsedIsStale(lastUsedAt: Date | null, now = new Date()): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_PRECISION_MS;
}

/**
 * Records use at most once per LAST_USED_PRECISION_MS per key. The condition makes concurrent
 * requests of one key write once; the caller does not wait for it.
 */
export async function touchApiKey(db: Prisma.TransactionClient, keyId: string): Promise<void> {
  await db.$executeRaw(Prisma.sql`
    UPDATE api_keys SET last_used_at = now()
    WHERE id = ${keyId}
      AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`);
}
