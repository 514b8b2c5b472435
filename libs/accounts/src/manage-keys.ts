import type { EnvironmentType, KeyKind, Prisma } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { createApiKey } from './create-account';

/** The environment type each environment key kind may reach: a key never spans sandbox and live. */
export function environmentTypeOfKind(kind: Exclude<KeyKind, 'account'>): EnvironmentType {
  switch (kind) {
    case 'test':
      return 'sandbox';
    case 'live':
      return 'live';
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown key kind ${String(unknown)}`);
    }
  }
}

export const API_KEY_FIELDS = {
  id: true,
  name: true,
  kind: true,
  environmentId: true,
  last4: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const satisfies Prisma.ApiKeySelect;

export type ApiKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof API_KEY_FIELDS }>;

/** A key as the API and the dashboard show it (docs/api/routes.md): never its secret. */
export interface ApiKeyObject {
  id: string;
  name: string;
  scope_kind: KeyKind;
  environment_id: string | null;
  last4: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export function toApiKeyObject(row: ApiKeyRow): ApiKeyObject {
  return {
    id: row.id,
    name: row.name,
    scope_kind: row.kind,
    environment_id: row.environmentId,
    last4: row.last4,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}

/** Every key of the account, revoked ones included, oldest first; never the secret. */
export function listApiKeys(db: Prisma.TransactionClient, accountId: string): Promise<ApiKeyRow[]> {
  return db.apiKey.findMany({ where: { accountId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: API_KEY_FIELDS });
}

/**
 * `POST /v1/account/keys`. Account keys are minted by the dashboard only; an environment key must
 * name an environment of this account whose type matches the kind. Live keys may be minted before
 * activation: authentication rejects them until then.
 */
export async function mintApiKey(
  db: Prisma.TransactionClient,
  { accountId, name, kind, environmentId }: { accountId: string; name: string; kind: KeyKind; environmentId?: string },
): Promise<ApiKeyRow & { secret: string }> {
  if (kind === 'account') throw new ApiError('acct_key_creation_dashboard_only');
  if (!environmentId) throw environmentError(`A ${kind} key needs an environment_id.`);
  const environment = await db.environment.findFirst({ where: { id: environmentId, accountId }, select: { type: true } });
  // Another account's environment answers exactly like a missing one.
  if (!environment) throw environmentError(`No environment ${environmentId} in this account.`);
  const needed = environmentTypeOfKind(kind);
  if (environment.type !== needed) {
    throw environmentError(`A ${kind} key needs a ${needed} environment; ${environmentId} is ${environment.type}.`);
  }
  const { secret, ...row } = await createApiKey(db, { accountId, environmentId, kind, name });
  return { ...pick(row), secret };
}

/** The dashboard's account key, minted inside the transaction that consumes the step-up code confirming it. */
export async function mintAccountKey(db: Prisma.TransactionClient, { accountId, name }: { accountId: string; name: string }): Promise<ApiKeyRow & { secret: string }> {
  const { secret, ...row } = await createApiKey(db, { accountId, environmentId: null, kind: 'account', name });
  return { ...pick(row), secret };
}

/** `DELETE /v1/account/keys/{id}`: effective on the next request, since authentication never caches. */
export async function revokeApiKey(db: Prisma.TransactionClient, { accountId, keyId }: { accountId: string; keyId: string }): Promise<void> {
  if ((await kindOfKey(db, accountId, keyId)) === 'account') throw new ApiError('acct_key_creation_dashboard_only');
  await markRevoked(db, accountId, keyId);
}

/** The dashboard's revocation of an account key, confirmed by a step-up code consumed in the same transaction. */
export async function revokeAccountKey(db: Prisma.TransactionClient, { accountId, keyId }: { accountId: string; keyId: string }): Promise<void> {
  if ((await kindOfKey(db, accountId, keyId)) !== 'account') {
    throw new ApiError('validation_failed', { errors: { key: [`${keyId} is an environment key; revoke it without a code.`] } });
  }
  await markRevoked(db, accountId, keyId);
}

export async function kindOfKey(db: Prisma.TransactionClient, accountId: string, keyId: string): Promise<KeyKind> {
  const key = await db.apiKey.findFirst({ where: { id: keyId, accountId }, select: { kind: true } });
  // Another account's key answers exactly like a missing one.
  if (!key) throw new ApiError('not_found', { id: keyId });
  return key.kind;
}

async function markRevoked(db: Prisma.TransactionClient, accountId: string, keyId: string): Promise<void> {
  // Revoking twice keeps the first time: a retried DELETE changes nothing.
  await db.apiKey.updateMany({ where: { id: keyId, accountId, revokedAt: null }, data: { revokedAt: new Date() } });
}

function pick(row: ApiKeyRow): ApiKeyRow {
  const { id, name, kind, environmentId, last4, createdAt, lastUsedAt, revokedAt } = row;
  return { id, name, kind, environmentId, last4, createdAt, lastUsedAt, revokedAt };
}

function environmentError(message: string): ApiError {
  return new ApiError('validation_failed', { errors: { environment_id: [message] } });
}
