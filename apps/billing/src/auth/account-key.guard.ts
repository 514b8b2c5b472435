import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { findApiKeyByHash, hashApiKey, KEY_SHAPE, lastUsedIsStale, touchApiKey } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { LOGGER, type Logger } from '@mintfax/platform';

/** Who is calling: the account of the account key (`mfx_acct_…`) that authenticated the request. */
export interface AccountAuth {
  keyId: string;
  accountId: string;
}

type AuthenticatedRequest = { headers: Record<string, string | string[] | undefined>; accountAuth?: AccountAuth };

/**
 * API.md, "Authentication", for billing's account routes. One indexed lookup by the key's
 * SHA-256 and no cache, so a revoked key fails on the very next request.
 */
@Injectable()
export class AccountKeyGuard implements CanActivate {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const secret = bearerKey(request.headers.authorization);
    const key = await findApiKeyByHash(this.prisma, hashApiKey(secret));
    if (!key || key.revokedAt) throw new ApiError('api_key_invalid');
    if (key.kind !== 'account') throw new ApiError('key_not_scoped_for_account');
    if (lastUsedIsStale(key.lastUsedAt)) {
      // Bookkeeping only: the request does not wait for it, and a failure must not fail it.
      touchApiKey(this.prisma, key.id).catch((error: unknown) =>
        this.logger.warn({ err: error, key_id: key.id }, 'could not record key use'),
      );
    }
    request.accountAuth = { keyId: key.id, accountId: key.accountId };
    return true;
  }
}

function bearerKey(header: string | string[] | undefined): string {
  if (header === undefined) throw new ApiError('api_key_missing');
  const match = typeof header === 'string' ? /^Bearer (.*)$/s.exec(header) : null;
  if (!match) throw new ApiError('unauthenticated');
  const key = match[1];
  if (KEY_SHAPE.test(key)) return key;
  if (KEY_SHAPE.test(key.trimEnd())) {
    throw new ApiError('api_key_invalid', undefined, 'The API key ends in whitespace or a newline; send it exactly as issued.');
  }
  throw new ApiError('unauthenticated');
}

/** `@Account() auth: AccountAuth` in a handler guarded by AccountKeyGuard. */
export const Account = createParamDecorator((_: unknown, ctx: ExecutionContext): AccountAuth => {
  const auth = ctx.switchToHttp().getRequest<AuthenticatedRequest>().accountAuth;
  if (!auth) throw new Error('@Account() used on a route without AccountKeyGuard.');
  return auth;
});
