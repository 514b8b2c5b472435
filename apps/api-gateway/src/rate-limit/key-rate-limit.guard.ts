import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/auth-context';
import { KeyRateLimiter } from './key-rate-limiter';

/**
 * Runs right after authentication, so every response to an authenticated key carries the
 * X-RateLimit-* headers, a later scope or handler error included.
 */
@Injectable()
export class KeyRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: KeyRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { auth } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // Public routes carry no key: registration limits itself per IP and email.
    if (!auth) return true;
    const headers = await this.limiter.consume(auth.keyId, auth.keyKind);
    void context.switchToHttp().getResponse<FastifyReply>().headers(headers);
    return true;
  }
}
