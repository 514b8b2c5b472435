import { DynamicModule, Module } from '@nestjs/common';
import type { RetentionWorkerConfig } from '@mintfax/config';
import { coreModules, type AppRuntime } from '@mintfax/platform';
import { FaxPurgeProcessor } from './retention/fax-purge.processor';
import { RetentionProcessor } from './retention/retention.processor';

@Module({})
export class RetentionWorkerModule {
  static forRoot(config: RetentionWorkerConfig, runtime: AppRuntime): DynamicModule {
    return {
      module: RetentionWorkerModule,
      imports: [...coreModules(config, runtime)],
      providers: [RetentionProcessor, FaxPurgeProcessor],
    };
  }
}
