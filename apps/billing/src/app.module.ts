import { DynamicModule, Module } from '@nestjs/common';
import type { BillingConfig } from '@mintfax/config';
import { coreModules, type AppRuntime } from '@mintfax/platform';


@Module({})
export class BillingModule {
  static forRoot(config: BillingConfig, runtime: AppRuntime): DynamicModule {
    return {
      module: BillingModule,
      imports: [...coreModules(config, runtime)],
    };
  }
}
