import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedKey } from '@mintfax/accounts';
import type { EnvironmentType } from '@mintfax/db';

/** Who is calling, as authentication established it from the API key. */
export type AuthContext = AuthenticatedKey;

/** An environment key's context: what every operational route receives. */
export interface OperationalAuth extends AuthContext {
  environmentId: string;
  environmentType: EnvironmentType;
}

/** Authentication stores the context on the Fastify request under this property. */
export type AuthenticatedRequest = { auth?: AuthContext };

/** `@Auth() auth: OperationalAuth` in a handler: the context the guard put on the request. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = ctx.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (!auth) throw new Error('@Auth() used on a route that is not authenticated.');
  return auth;
});
