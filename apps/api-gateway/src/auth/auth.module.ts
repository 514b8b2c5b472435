import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthFailureLimiter } from '../rate-limit/auth-failure-limiter';
import { KeyRateLimiter } from '../rate-limit/key-rate-limiter';
import { ApiKeyGuard } from './api-key.guard';
import { KeyScopeGuard } from './key-scope.guard';

/**
 * The gateway's request gate, global so that no route can forget it. Nest runs global guards in
 * this order: authenticate (failed attempts per address, rate limit per key and the activation
 * gate included) → key scope.
 */
@Module({
  providers: [AuthFailureLimiter, KeyRateLimiter, { provide: APP_GUARD, useClass: ApiKeyGuard }, { provide: APP_GUARD, useClass: KeyScopeGuard }],
})
export class AuthModule {}
