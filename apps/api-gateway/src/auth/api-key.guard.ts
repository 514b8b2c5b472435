import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { identifyApiKey, requireActivated } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { ApiError, type ErrorCode } from '@mintfax/errors';
import { LOGGER, type Logger } from '@mintfax/platform';
import { AuthFailureLimiter } from '../rate-limit/auth-failure-limiter';
import { clientAddress } from '../rate-limit/client-address';
import { KeyRateLimiter } from '../rate-limit/key-rate-limiter';
import type { AuthenticatedRequest } from './auth-context';
import { surfaceOfRequest } from './route-surface';

/** Refusals of the caller's credentials, counted against its address; an outage of ours is not one. */
const AUTH_FAILURES: ReadonlySet<ErrorCode> = new Set(['api_key_missing', 'unauthenticated', 'api_key_invalid', 'account_not_activated']);

/**
 * First of the gateway's guards: every non-public route needs a valid key, put on `request.auth`.
 * In order: the address's failed attempts, the key, the key's rate limit (so every answer to a known
 * key carries its X-RateLimit-* headers, the activation refusal included), the activation gate.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly prisma: PrismaService,
    private readonly failures: AuthFailureLimiter,
    private readonly keyLimits: KeyRateLimiter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (surfaceOfRequest(this.reflector, context) === 'public') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & AuthenticatedRequest>();
    const address = clientAddress(request.ip);
    await this.failures.refuseBlocked(address);
    try {
      const key = await identifyApiKey(this.prisma, request.headers.authorization, this.logger);
      void http.getResponse<FastifyReply>().headers(await this.keyLimits.consume(key.keyId, key.keyKind));
      request.auth = requireActivated(key);
    } catch (error) {
      if (error instanceof ApiError && AUTH_FAILURES.has(error.code)) await this.failures.countFailure(address);
      throw error;
    }
    return true;
  }
}
