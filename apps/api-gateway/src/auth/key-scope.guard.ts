import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '@mintfax/errors';
import type { AuthenticatedRequest } from './auth-context';
import { surfaceOfRequest } from './route-surface';

/** The key's kind must match the route's surface: account keys for `/v1/account/*`, environment keys elsewhere. */
@Injectable()
export class KeyScopeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const surface = surfaceOfRequest(this.reflector, context);
    if (surface === 'public') return true;
    const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
    if (!auth) throw new Error('KeyScopeGuard ran before ApiKeyGuard authenticated the request.');
    switch (surface) {
      case 'account':
        if (auth.keyKind !== 'account') throw new ApiError('key_not_scoped_for_account');
        return true;
      case 'operational':
        if (auth.keyKind === 'account') throw new ApiError('key_not_scoped_for_operations');
        return true;
      default: {
        const unknown: never = surface;
        throw new Error(`Unknown route surface ${String(unknown)}`);
      }
    }
  }
}
