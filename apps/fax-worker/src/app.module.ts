import { DynamicModule, Module } from '@nestjs/common';
import type { FaxWorkerConfig } from '@mintfax/config';
import { coreModules, type AppRuntime } from '@mintfax/platform';
import { FaxDispatchProcessor } from './dispatch/fax-dispatch.processor';
import { FaxPurgeQueue } from './dispatch/fax-purge-queue';
import { FaxScheduler } from './dispatch/fax-scheduler';
import { FaxSweep } from './dispatch/fax-sweep';

@Module({})
export class FaxWorkerModule {
  static forRoot(config: FaxWorkerConfig, runtime: AppRuntime): DynamicModule {
    return {
      module: FaxWorkerModule,
      imports: [...coreModules(config, runtime)],
      providers: [FaxScheduler, FaxPurgeQueue, FaxDispatchProcessor, FaxSweep],
    };
  }
}
