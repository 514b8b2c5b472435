import { Module } from '@nestjs/common';
import { WebhooksService } from '@mintfax/events';
import { QueueModule, WebhookDeliveryQueue } from '@mintfax/queue';
import { WebhooksController } from './webhooks.controller';

@Module({
  // Fails fast while Redis is away: a manual retry answers with an error rather than hang the request.
  imports: [QueueModule.register({ failFast: true }, [WebhookDeliveryQueue])],
  controllers: [WebhooksController],
  providers: [WebhooksService],
})
export class WebhooksModule {}
