import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import type { AuthenticatedRequest } from './auth-context';
import { surfaceOfRequest } from './route-surface';

/** First of the gateway's guards: every non-public route needs a valid key, put on `request.auth`. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (surfaceOfRequest(this.reflector, context) === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    request.auth = await this.authenticator.authenticate(request.headers.authorization);
    return true;
  }
}
