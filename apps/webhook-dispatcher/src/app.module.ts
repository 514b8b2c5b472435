import { DynamicModule, Module } from '@nestjs/common';
import type { WebhookDispatcherConfig } from '@mintfax/config';
import { coreModules, type AppRuntime } from '@mintfax/platform';
import { QueueModule, WebhookDeliveryQueue } from '@mintfax/queue';
import { WebhookDeliveryProcessor } from './delivery/webhook-delivery.processor';
import { webhookAttemptsProvider } from './delivery/webhook-attempts.provider';
import { WebhookDeliverySweep } from './delivery/webhook-delivery-sweep';
import { FirstAttempts } from './outbox/first-attempts';
import { OutboxRelay } from './outbox/outbox-relay.service';

@Module({})
export class WebhookDispatcherModule {
  static forRoot(config: WebhookDispatcherConfig, runtime: AppRuntime): DynamicModule {
    return {
      module: WebhookDispatcherModule,
      imports: [...coreModules(config, runtime), QueueModule.register({ failFast: true }, [WebhookDeliveryQueue])],
      providers: [webhookAttemptsProvider, WebhookDeliveryProcessor, WebhookDeliverySweep, FirstAttempts, OutboxRelay],
    };
  }
}
