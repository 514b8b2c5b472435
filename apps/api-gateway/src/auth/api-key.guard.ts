import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { identifyPresentedKey, presentedApiKey, requireActivated, type PresentedKey } from '@mintfax/accounts';
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
 * The address's failed attempts are checked, and the presented key's request counted, together (one
 * round trip to Redis), before the key is looked up; then the key, its rate limit (so every answer to
 * a known key carries its X-RateLimit-* headers, the activation refusal included), the activation gate.
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
    let presented: PresentedKey;
    try {
      presented = presentedApiKey(request.headers.authorization);
    } catch (error) {
      // A blocked address is refused as such, whatever its header held.
      await this.failures.refuseBlocked(address);
      throw await this.countedFailure(address, error);
    }
    try {
      const [, limit] = await Promise.all([this.failures.refuseBlocked(address), this.keyLimits.count(presented.keyHash, presented.kind)]);
      const key = await identifyPresentedKey(this.prisma, presented, this.logger);
      void http.getResponse<FastifyReply>().headers(limit.headers);
      if (limit.refusal) throw limit.refusal;
      request.auth = requireActivated(key);
    } catch (error) {
      throw await this.countedFailure(address, error);
    }
    return true;
  }

  /** `error`, counted against the address when it refuses the caller's credentials. */
  private async countedFailure(address: string, error: unknown): Promise<unknown> {
    if (error instanceof ApiError && AUTH_FAILURES.has(error.code)) await this.failures.countFailure(address);
    return error;
  }
}
