import { DynamicModule, Module } from '@nestjs/common';
import type { FaxWorkerConfig } from '@mintfax/config';
import { coreModules, type AppRuntime } from '@mintfax/platform';


@Module({})
export class FaxWorkerModule {
  static forRoot(config: FaxWorkerConfig, runtime: AppRuntime): DynamicModule {
    return {
      module: FaxWorkerModule,
      imports: [...coreModules(config, runtime)],
    };
  }
}
