import { Inject, Injectable } from '@nestjs/common';
import { findApiKeyByHash, hashApiKey, lastUsedIsStale, touchApiKey } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { LOGGER, type Logger } from '@mintfax/platform';
import type { AuthContext } from './auth-context';
import { readBearerToken } from './bearer-token';

const PADDED_KEY_MESSAGE =
  'The API key has whitespace or a newline around it; send exactly the characters of the key, nothing else.';

/** Turns an Authorization header into the caller's AuthContext, or the precise 401/403 of API.md. */
@Injectable()
export class ApiKeyAuthenticator {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async authenticate(header: string | undefined): Promise<AuthContext> {
    const token = readBearerToken(header);
    switch (token.kind) {
      case 'missing':
        throw new ApiError('api_key_missing');
      case 'malformed':
        throw new ApiError('unauthenticated');
      case 'padded':
        throw new ApiError('api_key_invalid', undefined, PADDED_KEY_MESSAGE);
      case 'key':
        return this.lookUp(token.key);
      default: {
        const unknown: never = token;
        throw new Error(`Unknown bearer token ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async lookUp(key: string): Promise<AuthContext> {
    const identity = await findApiKeyByHash(this.prisma, hashApiKey(key));
    if (!identity || identity.revokedAt) throw new ApiError('api_key_invalid');
    // The activation gate belongs to authentication: no later step ever sees an unactivated live key.
    if (identity.kind === 'live' && !identity.accountActivatedAt) throw new ApiError('account_not_activated');
    if (lastUsedIsStale(identity.lastUsedAt)) {
      touchApiKey(this.prisma, identity.id).catch((err: unknown) =>
        this.logger.warn({ err, key_id: identity.id }, 'could not record the API key as used'),
      );
    }
    return {
      keyId: identity.id,
      keyKind: identity.kind,
      accountId: identity.accountId,
      environmentId: identity.environmentId,
      environmentType: identity.environmentType,
    };
  }
}
