import { DynamicModule, Module } from '@nestjs/common';
import type { RetentionWorkerConfig } from '@mintfax/config';
import { coreModules, type AppRuntime } from '@mintfax/platform';
import { QueueModule, RetentionQueue } from '@mintfax/queue';
import { carrierCopiesProvider, CarrierCopyPurge } from './retention/carrier-copies';
import { FaxPurgeProcessor } from './retention/fax-purge.processor';
import { RetentionProcessor } from './retention/retention.processor';

@Module({})
export class RetentionWorkerModule {
  static forRoot(config: RetentionWorkerConfig, runtime: AppRuntime): DynamicModule {
    return {
      module: RetentionWorkerModule,
      // The scheduler upserts wait for Redis rather than fail: nothing would retry them.
      imports: [...coreModules(config, runtime), QueueModule.register({ failFast: false }, [RetentionQueue])],
      providers: [carrierCopiesProvider(config), CarrierCopyPurge, RetentionProcessor, FaxPurgeProcessor],
    };
  }
}
