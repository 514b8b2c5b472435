import { DynamicModule, Module } from '@nestjs/common';
import type { FaxWorkerConfig } from '@mintfax/config';
import { coreModules, type AppRuntime } from '@mintfax/platform';
import { FaxDispatchQueue, FaxPurgeQueue, QueueModule } from '@mintfax/queue';
import { FaxDispatchProcessor } from './dispatch/fax-dispatch.processor';
import { FaxFollowUps } from './dispatch/fax-follow-ups';
import { FaxSweep } from './dispatch/fax-sweep';
import { liveCarrierProvider } from './dispatch/live-carrier.provider';

@Module({})
export class FaxWorkerModule {
  static forRoot(config: FaxWorkerConfig, runtime: AppRuntime): DynamicModule {
    return {
      module: FaxWorkerModule,
      // Adds wait out a Redis blip: a retry that failed to be scheduled would fail the attempt's job.
      imports: [...coreModules(config, runtime), QueueModule.register({ failFast: false }, [FaxDispatchQueue, FaxPurgeQueue])],
      providers: [liveCarrierProvider(config), FaxFollowUps, FaxDispatchProcessor, FaxSweep],
    };
  }
}
