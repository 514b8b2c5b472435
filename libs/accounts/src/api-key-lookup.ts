import { Prisma, type EnvironmentType, type KeyKind } from '@mintfax/db';

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
}

interface IdentityRow {
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
 * the unique index on `key_hash`. Deliberately uncached, so a revocation holds from the next request.
 */
export async function findApiKeyByHash(db: Prisma.TransactionClient, keyHash: string): Promise<ApiKeyIdentity | null> {
  const [row] = await db.$queryRaw<IdentityRow[]>(Prisma.sql`
    SELECT k.id, k.kind, k.account_id, k.environment_id, e.type AS environment_type,
           k.revoked_at, k.last_used_at, a.activated_at
    FROM api_keys k
    JOIN accounts a ON a.id = k.account_id
    LEFT JOIN environments e ON e.id = k.environment_id
    WHERE k.key_hash = ${keyHash}`);
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
