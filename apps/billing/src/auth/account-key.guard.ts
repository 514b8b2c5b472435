import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { authenticateApiKey } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { LOGGER, type Logger } from '@mintfax/platform';

/** Who is calling: the account of the account key (`mfx_acct_…`) that authenticated the request. */
export interface AccountAuth {
  keyId: string;
  accountId: string;
}

type AuthenticatedRequest = FastifyRequest & { accountAuth?: AccountAuth };

/** docs/api/authentication.md exactly as the gateway applies it, for billing's account routes. */
@Injectable()
export class AccountKeyGuard implements CanActivate {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = await authenticateApiKey(this.prisma, request.headers.authorization, this.logger);
    if (key.keyKind !== 'account') throw new ApiError('key_not_scoped_for_account');
    request.accountAuth = { keyId: key.keyId, accountId: key.accountId };
    return true;
  }
}

/** `@Account() auth: AccountAuth` in a handler guarded by AccountKeyGuard. */
export const Account = createParamDecorator((_: unknown, ctx: ExecutionContext): AccountAuth => {
  const auth = ctx.switchToHttp().getRequest<AuthenticatedRequest>().accountAuth;
  if (!auth) throw new Error('@Account() used on a route without AccountKeyGuard.');
  return auth;
});
