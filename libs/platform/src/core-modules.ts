import type { DynamicModule } from '@nestjs/common';
import { ConfigModule, type CommonConfig } from '@mintfax/config';
import { DbModule } from '@mintfax/db';
import { RedisModule } from './redis/redis.module';
import type { AppRuntime } from './runtime';
import { ServiceModule } from './service/service.module';

/** The modules every app starts with: its configuration, Postgres, Redis, health and metrics. */
export function coreModules(config: CommonConfig, runtime: AppRuntime): DynamicModule[] {
  return [
    ConfigModule.forRoot(config),
    DbModule.forRoot({ databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize }),
    RedisModule.forRoot({ url: config.redisUrl, prefix: config.redisPrefix }),
    ServiceModule.forRoot(runtime),
  ];
}
