import { DynamicModule, Module } from '@nestjs/common';
import type { RetentionWorkerConfig } from '@mintfax/config';
import { coreModules, type AppRuntime } from '@mintfax/platform';


@Module({})
export class RetentionWorkerModule {
  static forRoot(config: RetentionWorkerConfig, runtime: AppRuntime): DynamicModule {
    return {
      module: RetentionWorkerModule,
      imports: [...coreModules(config, runtime)],
    };
  }
}
