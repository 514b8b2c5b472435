import type { EnvironmentType, KeyKind, Prisma } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import type { Logger } from '@mintfax/platform';
import { hashApiKey } from './api-keys';
import { findApiKeyByHash, lastUsedIsStale, touchApiKey } from './api-key-lookup';
import { readBearerToken } from './bearer-token';
import type { EnvironmentRow } from './environments';

/** Who is calling, as authentication established it from the API key. */
export interface AuthenticatedKey {
  keyId: string;
  keyKind: KeyKind;
  accountId: string;
  /** The key's environment; null for account keys. */
  environmentId: string | null;
  environmentType: EnvironmentType | null;
  /** The key's environment and its settings, as of this request; null for account keys. */
  environment: EnvironmentRow | null;
}

const PADDED_KEY_MESSAGE =
  'The API key has whitespace or a newline around it; send exactly the characters of the key, nothing else.';

/** A key the header named and the database knows, before the activation gate. */
export interface IdentifiedKey extends AuthenticatedKey {
  /** A live key of an account not activated yet: requireActivated refuses it. */
  awaitingActivation: boolean;
}

/**
 * docs/api/authentication.md, for every app: an Authorization header becomes the caller's key, or the
 * precise 401/403. One indexed lookup and no cache, so a revoked key fails on the very next request.
 * Which surface the key may reach is the caller's decision.
 */
export async function authenticateApiKey(
  db: Prisma.TransactionClient,
  header: string | undefined,
  logger: Pick<Logger, 'warn'>,
): Promise<AuthenticatedKey> {
  return requireActivated(await identifyApiKey(db, header, logger));
}

/** A well-formed key as the Authorization header presents it, before any lookup. */
export interface PresentedKey {
  key: string;
  /** The kind its prefix names: a key found under its hash is of this kind. */
  kind: KeyKind;
  keyHash: string;
}

const KIND_OF_PREFIX: Record<string, KeyKind> = { test: 'test', live: 'live', acct: 'account' };

/** The header's key, or the precise 401 of a missing, malformed or padded one: no database involved. */
export function presentedApiKey(header: string | undefined): PresentedKey {
  const token = readBearerToken(header);
  switch (token.kind) {
    case 'missing':
      throw new ApiError('api_key_missing');
    case 'malformed':
      throw new ApiError('unauthenticated');
    case 'padded':
      throw new ApiError('api_key_invalid', undefined, PADDED_KEY_MESSAGE);
    case 'key':
      return { key: token.key, kind: KIND_OF_PREFIX[token.key.split('_')[1]], keyHash: hashApiKey(token.key) };
    default: {
      const unknown: never = token;
      throw new Error(`Unknown bearer token ${JSON.stringify(unknown)}`);
    }
  }
}

/** The first half of authenticateApiKey: the key, or its 401; a caller must still apply requireActivated. */
export function identifyApiKey(db: Prisma.TransactionClient, header: string | undefined, logger: Pick<Logger, 'warn'>): Promise<IdentifiedKey> {
  return identifyPresentedKey(db, presentedApiKey(header), logger);
}

/** The activation gate belongs to authentication: no later step ever sees an unactivated live key. */
export function requireActivated({ awaitingActivation, ...key }: IdentifiedKey): AuthenticatedKey {
  if (awaitingActivation) throw new ApiError('account_not_activated');
  return key;
}

/** The presented key as the database knows it, or `api_key_invalid`. */
export async function identifyPresentedKey(db: Prisma.TransactionClient, presented: PresentedKey, logger: Pick<Logger, 'warn'>): Promise<IdentifiedKey> {
  const identity = await findApiKeyByHash(db, presented.keyHash);
  if (!identity || identity.revokedAt) throw new ApiError('api_key_invalid');
  const awaitingActivation = identity.kind === 'live' && !identity.accountActivatedAt;
  // A key refused at the gate was not used.
  if (!awaitingActivation && lastUsedIsStale(identity.lastUsedAt)) {
    // Bookkeeping only: the request does not wait for it, and a failure must not fail it.
    touchApiKey(db, identity.id).catch((err: unknown) => logger.warn({ err, key_id: identity.id }, 'could not record the API key as used'));
  }
  return {
    keyId: identity.id,
    keyKind: identity.kind,
    accountId: identity.accountId,
    environmentId: identity.environmentId,
    environmentType: identity.environmentType,
    awaitingActivation,
    environment: identity.environment,
  };
}
