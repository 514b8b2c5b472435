import { DynamicModule, Module } from '@nestjs/common';
import type { GatewayConfig } from '@mintfax/config';
import { coreModules, type AppRuntime } from '@mintfax/platform';
import { ErrorDocsModule } from '@mintfax/errors';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, runtime: AppRuntime): DynamicModule {
    return {
      module: GatewayModule,
      imports: [...coreModules(config, runtime), ErrorDocsModule],
    };
  }
}
