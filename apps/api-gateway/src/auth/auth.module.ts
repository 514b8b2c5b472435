import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { KeyRateLimiter } from '../rate-limit/key-rate-limiter';
import { KeyRateLimitGuard } from '../rate-limit/key-rate-limit.guard';
import { ApiKeyGuard } from './api-key.guard';
import { KeyScopeGuard } from './key-scope.guard';

/**
 * The gateway's request gate, global so that no route can forget it. Nest runs global guards in
 * this order: authenticate (activation gate included) → rate limit per key → key scope.
 */
@Module({
  providers: [
    KeyRateLimiter,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: KeyRateLimitGuard },
    { provide: APP_GUARD, useClass: KeyScopeGuard },
  ],
})
export class AuthModule {}
