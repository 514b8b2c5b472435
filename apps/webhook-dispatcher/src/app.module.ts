import { DynamicModule, Module } from '@nestjs/common';
import type { WebhookDispatcherConfig } from '@mintfax/config';
import { coreModules, type AppRuntime } from '@mintfax/platform';


@Module({})
export class WebhookDispatcherModule {
  static forRoot(config: WebhookDispatcherConfig, runtime: AppRuntime): DynamicModule {
    return {
      module: WebhookDispatcherModule,
      imports: [...coreModules(config, runtime)],
    };
  }
}
