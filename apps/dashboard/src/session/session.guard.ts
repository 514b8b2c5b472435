import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { resumeDashboardSession } from '@mintfax/accounts';
import { APP_CONFIG, type DashboardConfig } from '@mintfax/config';
import { PrismaService } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';
import { csrfTokenMatches, fromOwnPage, readSessionToken, sessionCookieFor, type SessionCookie } from './session-cookie';
import { PUBLIC_ROUTE, type SessionRequest } from './session.decorators';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route under /api needs a live session unless marked @PublicRoute() (which still sees one
 * when there is); every state-changing request, public or not, must come from a dashboard page
 * (Origin), and with a session also carry its CSRF token. Pages and service endpoints outside /api
 * are read-only and open.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  private readonly cookie: SessionCookie;

  constructor(
    private readonly reflector: Reflector,
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: DashboardConfig,
  ) {
    this.cookie = sessionCookieFor(config.publicUrl);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SessionRequest>();
    const changesState = !SAFE_METHODS.has(request.method);
    if (changesState && !fromOwnPage(request, this.config.publicUrl)) {
      throw new ApiError('csrf_check_failed', undefined, 'This request came from another site (its Origin is not this dashboard); reload the dashboard and try again from it.');
    }
    if (!request.url.startsWith('/api/')) return true;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);

    const token = readSessionToken(request, this.cookie);
    const session = token ? await resumeDashboardSession(this.prisma, token) : null;
    if (isPublic) {
      if (token && session) request.dashboardSession = { ...session, token };
      return true;
    }
    if (!token || !session) throw new ApiError('not_signed_in');
    if (changesState && !csrfTokenMatches(request.headers['x-csrf-token'], token)) {
      throw new ApiError('csrf_check_failed', undefined, 'The X-CSRF-Token header is missing or wrong; reload the dashboard and try again.');
    }
    request.dashboardSession = { ...session, token };
    return true;
  }
}
