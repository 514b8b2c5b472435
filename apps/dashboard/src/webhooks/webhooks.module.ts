import { Module } from '@nestjs/common';
import { WebhooksService } from '@mintfax/events';
import { QueueModule, WebhookDeliveryQueue } from '@mintfax/queue';
import { WebhooksController } from './webhooks.controller';

@Module({
  // As in the gateway: a manual retry answers with an error rather than hang while Redis is away.
  imports: [QueueModule.register({ failFast: true }, [WebhookDeliveryQueue])],
  controllers: [WebhooksController],
  providers: [WebhooksService],
})
export class WebhooksModule {}
