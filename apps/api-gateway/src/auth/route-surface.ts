import { applyDecorators, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

/**
 * Who may call a route (docs/api/authentication.md): anyone, an account key, or an environment key.
 * Controllers declare it with the decorators below; the guards and the OpenAPI document read it.
 */
export const ROUTE_SURFACES = ['public', 'account', 'operational'] as const;
export type RouteSurface = (typeof ROUTE_SURFACES)[number];

const SURFACE_METADATA = 'mintfax:route-surface';
/** The OpenAPI extension that carries each operation's surface. */
export const SURFACE_EXTENSION = 'x-mintfax-surface';

function surface(value: RouteSurface) {
  return applyDecorators(SetMetadata(SURFACE_METADATA, value), ApiExtension(SURFACE_EXTENSION, value));
}

/** No key needed (registration, docs, the OpenAPI document). */
export const PublicRoute = () => surface('public');
/** `/v1/account/*`: account keys (`mfx_acct_`) only. */
export const AccountRoute = () => surface('account');
/** Environment keys (`mfx_test_`, `mfx_live_`) only. */
export const OperationalRoute = () => surface('operational');

/**
 * A route nobody marked follows its path, as docs/api/authentication.md words the rule: `/v1/account/*` is the account
 * surface, the rest of `/v1` operational (so a forgotten decorator fails closed), and everything
 * outside `/v1` (health, metrics, error docs) public.
 */
export function surfaceForPath(path: string): RouteSurface {
  if (path === '/v1/account' || path.startsWith('/v1/account/')) return 'account';
  if (path.startsWith('/v1/')) return 'operational';
  return 'public';
}

/** A controller class or a handler method, as Nest's Reflector takes them. */
type MetadataTarget = Parameters<Reflector['get']>[1];

/** A route's surface: its handler's mark, else its controller's, else its path. */
export function surfaceOf(reflector: Reflector, handler: MetadataTarget, controller: MetadataTarget, routePath: string): RouteSurface {
  return reflector.getAllAndOverride<RouteSurface | undefined>(SURFACE_METADATA, [handler, controller]) ?? surfaceForPath(routePath);
}

/** The surface of the route an HTTP request matched. */
export function surfaceOfRequest(reflector: Reflector, context: ExecutionContext): RouteSurface {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return surfaceOf(reflector, context.getHandler(), context.getClass(), request.routeOptions.url ?? request.url);
}
