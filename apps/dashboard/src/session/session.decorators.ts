import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { DashboardSessionIdentity } from '@mintfax/accounts';
import type { FastifyRequest } from 'fastify';

/** Who is signed in, as the session guard found them; `token` is the cookie's secret. */
export interface DashboardSession extends DashboardSessionIdentity {
  token: string;
}

export type SessionRequest = FastifyRequest & { dashboardSession?: DashboardSession };

export const PUBLIC_ROUTE = 'dashboard:public';

/** Reachable without a session (sign-in, registration). Still refused from other sites' pages. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

/** `@Session() session: DashboardSession` in a handler the guard let through with a session. */
export const Session = createParamDecorator((_: unknown, ctx: ExecutionContext): DashboardSession => {
  const session = ctx.switchToHttp().getRequest<SessionRequest>().dashboardSession;
  if (!session) throw new Error('@Session() used on a route without a session.');
  return session;
});

/** The session of a public route's request, when it has one. */
export const OptionalSession = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): DashboardSession | undefined => ctx.switchToHttp().getRequest<SessionRequest>().dashboardSession,
);
