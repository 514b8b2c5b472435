import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { authenticateApiKey } from '@mintfax/accounts';
import { PrismaService } from '@mintfax/db';
import { LOGGER, type Logger } from '@mintfax/platform';
import type { AuthenticatedRequest } from './auth-context';
import { surfaceOfRequest } from './route-surface';

/** First of the gateway's guards: every non-public route needs a valid key, put on `request.auth`. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly prisma: PrismaService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (surfaceOfRequest(this.reflector, context) === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    request.auth = await authenticateApiKey(this.prisma, request.headers.authorization, this.logger);
    return true;
  }
}
