import { DynamicModule, Module } from '@nestjs/common';
import type { BillingConfig } from '@mintfax/config';
import { coreModules, type AppRuntime } from '@mintfax/platform';
import { CheckoutModule } from './checkout/checkout.module';
import { TopUpModule } from './top-up/top-up.module';
import { WebhookModule } from './webhook/webhook.module';

@Module({})
export class BillingModule {
  static forRoot(config: BillingConfig, runtime: AppRuntime): DynamicModule {
    return {
      module: BillingModule,
      imports: [...coreModules(config, runtime), WebhookModule, CheckoutModule, TopUpModule],
    };
  }
}
